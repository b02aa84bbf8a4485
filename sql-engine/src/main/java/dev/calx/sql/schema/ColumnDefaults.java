package dev.calx.sql.schema;

import dev.calx.sql.SqlStateException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;
import org.apache.calcite.util.Util;

/**
 * The column DEFAULTs of the embedded database's tables, for Calcite: an INSERT that omits a
 * column, or gives {@code DEFAULT} for it, stores the column's default rather than NULL.
 *
 * <p>Calcite asks a table for its defaults by unwrapping it to an {@code
 * InitializerExpressionFactory}; its {@code JdbcTable} answers such a request with its schema's
 * data source when that is one. So this is the data source the tables' {@code JdbcSchema} is
 * made with: the pool's connections, and the defaults as H2 keeps them ({@code
 * INFORMATION_SCHEMA.COLUMNS}), which CREATE TABLE allows to be only literals and built-in
 * scalar expressions (docs/sql-reference.md, "CREATE TABLE"), so Calcite computes them as H2
 * would. They are read once per table and forgotten, with the tables' other metadata, when DDL
 * changes a table.
 */
final class ColumnDefaults extends NullInitializerExpressionFactory implements DataSource {
  private final DataSource pool;
  /** Each table's default expressions in H2's text, null for a column without one. */
  private final ConcurrentHashMap<String, List<String>> byTable = new ConcurrentHashMap<>();

  ColumnDefaults(DataSource pool) {
    this.pool = pool;
  }

  /** Forgets the defaults read so far: DDL changed a table. */
  void forget() {
    byTable.clear();
  }

  @Override
  public ColumnStrategy generationStrategy(RelOptTable table, int column) {
    return expression(table, column) == null
        ? super.generationStrategy(table, column) : ColumnStrategy.DEFAULT;
  }

  @Override
  public RexNode newColumnDefaultValue(RelOptTable table, int column,
      InitializerContext context) {
    String expression = expression(table, column);
    if (expression == null) {
      return super.newColumnDefaultValue(table, column, context);
    }
    RelDataType rowType = table.getRowType();
    SqlNode parsed = context.parseExpression(SqlParser.config(), expression);
    RexNode value = context.convertExpression(context.validateExpression(rowType, parsed));
    RelDataType type = rowType.getFieldList().get(column).getType();
    return context.getRexBuilder().makeCast(type, value, true, false);
  }

  /**
   * Refuses, with 0A000, a table whose defaults the embedded database keeps in a form Calx
   * cannot read back: H2 stores each default as its own SQL text, rewritten into its own syntax
   * for some built-in functions (JSON ones, for one), and an INSERT that omits such a column
   * would fail.
   */
  void checkReadable(String table) {
    List<String> defaults = read(table);
    for (int i = 0; i < defaults.size(); i++) {
      String expression = defaults.get(i);
      if (expression == null) {
        continue;
      }
      try {
        SqlParser.create(expression).parseExpression();
      } catch (SqlParseException e) {
        throw new SqlStateException("0A000", "the DEFAULT of column " + (i + 1) + " of table "
            + table + " is kept by the embedded database as " + expression + ", which Calx"
            + " cannot apply; give a literal or a simpler built-in expression", e);
      }
    }
  }

  private String expression(RelOptTable table, int column) {
    List<String> defaults = byTable.computeIfAbsent(Util.last(table.getQualifiedName()),
        this::read);
    return column < defaults.size() ? defaults.get(column) : null;
  }

  private List<String> read(String table) {
    List<String> defaults = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT COLUMN_DEFAULT"
            + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
            + " ORDER BY ORDINAL_POSITION")) {
      s.setString(1, CalxSchema.NAME);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          defaults.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new SqlStateException(e.getSQLState(), e.getMessage(), e);
    }
    return Collections.unmodifiableList(defaults);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return pool.getConnection(user, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || pool.isWrapperFor(type);
  }
}
