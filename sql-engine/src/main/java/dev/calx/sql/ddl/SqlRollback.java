package dev.calx.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code ROLLBACK [WORK] [TO [SAVEPOINT] name]}: rolls back the connection's open transaction,
 * or only what it did after a savepoint.
 */
public final class SqlRollback extends SqlDdl {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ROLLBACK", SqlKind.ROLLBACK);

  private final SqlIdentifier savepoint;

  /**
   * Creates the statement.
   *
   * @param savepoint the savepoint to roll back to, or null to roll back the whole transaction
   */
  public SqlRollback(SqlParserPos pos, SqlIdentifier savepoint) {
    super(OPERATOR, pos);
    this.savepoint = savepoint;
  }

  /** The savepoint's name as the parser cased it, or null for the whole transaction. */
  public String savepoint() {
    return savepoint == null ? null : savepoint.getSimple();
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(savepoint);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ROLLBACK");
    if (savepoint != null) {
      writer.keyword("TO SAVEPOINT");
      savepoint.unparse(writer, 0, 0);
    }
  }
}
