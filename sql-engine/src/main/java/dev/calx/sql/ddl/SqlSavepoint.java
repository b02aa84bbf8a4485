package dev.calx.sql.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SAVEPOINT name} and {@code RELEASE [SAVEPOINT] name}: set or release a savepoint of the
 * connection's open transaction.
 */
public final class SqlSavepoint extends SqlDdl {
  // OTHER_DDL routes both to the DDL executor; the operator names keep them apart.
  private static final SqlOperator SET =
      new SqlSpecialOperator("SAVEPOINT", SqlKind.OTHER_DDL);
  private static final SqlOperator RELEASE =
      new SqlSpecialOperator("RELEASE SAVEPOINT", SqlKind.OTHER_DDL);

  private final boolean release;
  private final SqlIdentifier name;

  /**
   * Creates the statement.
   *
   * @param release true for RELEASE, false for SAVEPOINT
   */
  public SqlSavepoint(SqlParserPos pos, boolean release, SqlIdentifier name) {
    super(release ? RELEASE : SET, pos);
    this.release = release;
    this.name = Objects.requireNonNull(name, "name");
  }

  /** Whether this releases the savepoint rather than setting it. */
  public boolean release() {
    return release;
  }

  /** The savepoint's name as the parser cased it: unquoted names are upper case. */
  public String name() {
    return name.getSimple();
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(getOperator().getName());
    name.unparse(writer, 0, 0);
  }
}
