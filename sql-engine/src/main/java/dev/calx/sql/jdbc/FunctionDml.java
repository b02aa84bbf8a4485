package dev.calx.sql.jdbc;

import dev.calx.sql.catalog.ProcedureCatalog;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * An INSERT, UPDATE or DELETE on a table of the embedded database that calls a WebAssembly
 * function. Calcite's JDBC adapter can only hand such a statement to the database whole, and it
 * cannot, because the database does not know the function: Calcite then falls back to modifying
 * the table row by row in Java, which its JDBC tables do not support. So Calx splits the
 * statement: a query that Calcite runs, functions and all, and a {@link TableChange} that
 * applies its rows to the table in one transaction of the embedded database.
 *
 * <p>Parameter markers keep their order: an INSERT's markers are all in its query, an UPDATE's
 * are in its SET list and then its WHERE, and the query lists those in the same order.
 *
 * @param query the query Calcite runs
 * @param change what to do with the query's rows
 */
record FunctionDml(String query, TableChange change) {
  private static final Pattern DML = StatementText.startingWith("INSERT", "UPDATE", "DELETE");

  /**
   * The split of a statement, or null if it is not an INSERT, UPDATE or DELETE, does not call
   * any procedure of {@code catalog}, or does not parse (Calcite then reports the error itself).
   */
  static FunctionDml of(String sql, ProcedureCatalog catalog) {
    if (sql == null || !DML.matcher(sql).lookingAt()) {
      return null;
    }
    SqlNode node = StatementText.parse(sql);
    if (node == null || !callsAny(node, catalog)) {
      return null;
    }
    if (node instanceof SqlInsert insert) {
      return new FunctionDml(sql(insert.getSource()),
          TableChange.insert(table(insert.getTargetTable()), names(insert.getTargetColumnList())));
    }
    if (node instanceof SqlUpdate update) {
      StringBuilder query = new StringBuilder("SELECT *");
      for (SqlNode expression : update.getSourceExpressionList()) {
        query.append(", ").append(sql(expression));
      }
      query.append(from(update.getTargetTable(), update.getAlias(), update.getCondition()));
      return new FunctionDml(query.toString(), TableChange.update(table(update.getTargetTable()),
          names(update.getTargetColumnList())));
    }
    if (node instanceof SqlDelete delete) {
      return new FunctionDml("SELECT *" + from(delete.getTargetTable(), delete.getAlias(),
          delete.getCondition()), TableChange.delete(table(delete.getTargetTable())));
    }
    return null;
  }

  private static String from(SqlNode table, SqlIdentifier alias, SqlNode condition) {
    return " FROM " + sql(table) + (alias == null ? "" : " AS " + sql(alias))
        + (condition == null ? "" : " WHERE " + sql(condition));
  }

  private static boolean callsAny(SqlNode node, ProcedureCatalog catalog) {
    boolean[] found = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call.getOperator() instanceof SqlFunction f && catalog.get(f.getName()) != null) {
          found[0] = true;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }

  private static List<String> table(SqlNode target) {
    if (!(target instanceof SqlIdentifier id)) {
      throw new IllegalArgumentException("cannot modify " + target);
    }
    return id.names;
  }

  private static List<String> names(SqlNodeList columns) {
    return columns == null ? List.of()
        : columns.stream().map(c -> ((SqlIdentifier) c).getSimple()).toList();
  }

  private static String sql(SqlNode node) {
    return node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }
}
