package dev.calx.sql.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.h2.tools.SimpleResultSet;

/**
 * Calcite's metadata with {@code getTables} ordered as JDBC orders it, by type, schema and name:
 * Calcite lists the tables it found (filtered by the patterns, so an attached database is asked
 * only for what matches) in the order of its schemas. The rows are few, one per table that
 * matches, and read at once.
 */
final class OrderedTables {
  /** getTables' columns TABLE_TYPE, TABLE_SCHEM, TABLE_NAME, as JDBC numbers them. */
  private static final int TYPE = 4;
  private static final int SCHEMA = 2;
  private static final int NAME = 3;
  private static final Comparator<Object[]> JDBC_ORDER = Comparator
      .comparing((Object[] row) -> String.valueOf(row[TYPE - 1]))
      .thenComparing(row -> String.valueOf(row[SCHEMA - 1]))
      .thenComparing(row -> String.valueOf(row[NAME - 1]));

  private OrderedTables() {}

  static DatabaseMetaData over(DatabaseMetaData calcite) {
    return (DatabaseMetaData) Proxy.newProxyInstance(OrderedTables.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (self, method, args) -> {
          try {
            Object answer = method.invoke(calcite, args);
            return method.getName().equals("getTables") ? ordered((ResultSet) answer) : answer;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static ResultSet ordered(ResultSet tables) throws SQLException {
    try (tables) {
      ResultSetMetaData columns = tables.getMetaData();
      SimpleResultSet copy = new SimpleResultSet();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        copy.addColumn(columns.getColumnLabel(i), columns.getColumnType(i),
            columns.getPrecision(i), columns.getScale(i));
      }
      List<Object[]> rows = new ArrayList<>();
      while (tables.next()) {
        Object[] row = new Object[columns.getColumnCount()];
        for (int i = 0; i < row.length; i++) {
          row[i] = tables.getObject(i + 1);
        }
        rows.add(row);
      }
      rows.sort(JDBC_ORDER);
      rows.forEach(copy::addRow);
      return copy;
    }
  }
}
