package dev.calx.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code START TRANSACTION} (or {@code BEGIN [WORK | TRANSACTION]}): opens a transaction that
 * lasts until the next COMMIT or ROLLBACK, also in auto-commit mode.
 */
public final class SqlStartTransaction extends SqlDdl {
  // OTHER_DDL routes it to the DDL executor.
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("START TRANSACTION", SqlKind.OTHER_DDL);

  /** Creates the statement. */
  public SqlStartTransaction(SqlParserPos pos) {
    super(OPERATOR, pos);
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of();
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("START TRANSACTION");
  }
}
