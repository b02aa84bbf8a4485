package dev.calx.sql.ddl;

import dev.calx.sql.catalog.RoutineKind;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DROP {PROCEDURE | FUNCTION} [IF EXISTS] name}: removes a routine;
 * {@link #ifExists} comes from {@link SqlDrop}.
 */
public final class SqlDropRoutine extends SqlDrop {
  // As for CREATE: DROP_FUNCTION routes both kinds to the DDL executor.
  private static final SqlOperator DROP_PROCEDURE =
      new SqlSpecialOperator("DROP PROCEDURE", SqlKind.DROP_FUNCTION);
  private static final SqlOperator DROP_FUNCTION =
      new SqlSpecialOperator("DROP FUNCTION", SqlKind.DROP_FUNCTION);

  private final RoutineKind routineKind;
  private final SqlIdentifier name;

  /** Creates the statement. */
  public SqlDropRoutine(SqlParserPos pos, RoutineKind routineKind, boolean ifExists,
      SqlIdentifier name) {
    super(routineKind == RoutineKind.PROCEDURE ? DROP_PROCEDURE : DROP_FUNCTION, pos, ifExists);
    this.routineKind = routineKind;
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * Whether PROCEDURE or FUNCTION was written; kept to unparse the statement as written. The two
   * share one namespace, so either drops a routine of either kind.
   */
  public RoutineKind routineKind() {
    return routineKind;
  }

  /** The routine's name as the parser cased it: unquoted names are upper case. */
  public String name() {
    return name.getSimple();
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, SqlLiteral.createBoolean(ifExists, SqlParserPos.ZERO));
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP");
    writer.keyword(routineKind.name());
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, 0, 0);
  }
}
