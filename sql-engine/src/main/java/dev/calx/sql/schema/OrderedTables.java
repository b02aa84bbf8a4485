package dev.calx.sql.schema;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.Comparator;

/**
 * Calcite's metadata with {@code getTables} ordered as JDBC orders it, by type, schema and name:
 * Calcite lists the tables it found (filtered by the patterns, so an attached database is asked
 * only for what matches) in the order of its schemas.
 */
public final class OrderedTables {
  /** getTables' columns TABLE_TYPE, TABLE_SCHEM, TABLE_NAME, as JDBC numbers them. */
  private static final int TYPE = 4;
  private static final int SCHEMA = 2;
  private static final int NAME = 3;
  private static final Comparator<Object[]> JDBC_ORDER = Comparator
      .comparing((Object[] row) -> String.valueOf(row[TYPE - 1]))
      .thenComparing(row -> String.valueOf(row[SCHEMA - 1]))
      .thenComparing(row -> String.valueOf(row[NAME - 1]));

  private OrderedTables() {}

  /** {@code calcite}, with its getTables ordered. */
  public static DatabaseMetaData over(DatabaseMetaData calcite) {
    return (DatabaseMetaData) Proxy.newProxyInstance(OrderedTables.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (self, method, args) -> {
          try {
            Object answer = method.invoke(calcite, args);
            return method.getName().equals("getTables")
                ? CopiedRows.of((ResultSet) answer, rows -> rows.sort(JDBC_ORDER)) : answer;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
