package dev.calx.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * JDBC's {@code {? = call routine(args)}}: a CALL whose first parameter, numbered 0 before the
 * arguments' parameters, stands for the routine's value. It is a {@link SqlKind#PROCEDURE_CALL}
 * with the routine's call as its one operand, like Calcite's CALL, so it runs as a CALL does; the
 * statement's parameters list that first one too, so that a {@code CallableStatement} can
 * register it as its OUT parameter.
 */
public final class SqlReturningCall extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("{? = CALL}", SqlKind.PROCEDURE_CALL);

  private SqlNode routineCall;

  /** Creates the statement. */
  public SqlReturningCall(SqlParserPos pos, SqlNode routineCall) {
    super(pos);
    this.routineCall = routineCall;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(routineCall);
  }

  @Override
  public void setOperand(int i, SqlNode operand) {
    if (i != 0) {
      throw new IllegalArgumentException("one operand, not " + (i + 1));
    }
    routineCall = operand;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.print("{? = ");
    writer.keyword("CALL");
    routineCall.unparse(writer, 0, 0);
    writer.print("}");
  }
}
