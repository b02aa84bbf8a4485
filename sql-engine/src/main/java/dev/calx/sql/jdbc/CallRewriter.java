package dev.calx.sql.jdbc;

import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

/**
 * Turns {@code CALL f(args)} into {@code SELECT f(args) AS "F"}, which Calcite can execute: one
 * row, one column named after the procedure. Calcite parses CALL but cannot run it, and a
 * procedure is a scalar function in Calx, so the query is exactly the call. Parameter markers
 * keep their order, so a prepared CALL binds as written.
 */
final class CallRewriter {
  /** Leading blanks and comments, then CALL as a whole word. */
  private static final Pattern CALL = StatementText.startingWith("CALL");

  private CallRewriter() {}

  /** The statement to run for {@code sql}: its rewrite if it is a CALL, else itself. */
  static String rewrite(String sql) {
    if (sql == null || !CALL.matcher(sql).lookingAt()) {
      return sql;
    }
    SqlNode node = StatementText.parse(sql);
    if (node == null || node.getKind() != SqlKind.PROCEDURE_CALL) {
      return sql;
    }
    SqlNode call = ((SqlBasicCall) node).operand(0);
    String name = call instanceof SqlBasicCall basic
        ? basic.getOperator().getName() : call.toString();
    return "SELECT " + call.toSqlString(CalciteSqlDialect.DEFAULT).getSql() + " AS \""
        + name.replace("\"", "\"\"") + "\"";
  }
}
