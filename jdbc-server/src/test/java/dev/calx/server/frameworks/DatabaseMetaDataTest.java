package dev.calx.server.frameworks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DatabaseMetaData} as a GUI tool browses it: the user table under type TABLE, its columns
 * with plain type names, its primary key and indexes, the routines and their parameters, and what
 * the database says of itself.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatabaseMetaDataTest {
  @RegisterExtension
  static final Databases DATABASES = new Databases();

  /** Tables and columns travel in Avatica's protocol: every client sees them alike. */
  @EveryDriver
  void tablesAndColumnsAsAGuiToolBrowsesThem(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind); Connection c = pool.getConnection()) {
      DatabaseMetaData metaData = c.getMetaData();
      assertAll(
          () -> assertEquals(Map.of("ORDERS", "TABLE"), columns(
              metaData.getTables(null, null, "%", new String[] {"TABLE"}),
              "TABLE_NAME", "TABLE_TYPE"), "getTables(null, null, \"%\", {\"TABLE\"})"),
          () -> assertTrue(column(metaData.getTableTypes(), "TABLE_TYPE").contains("TABLE"),
              "getTableTypes has TABLE"),
          () -> assertEquals(Map.of("ID", "INTEGER", "CUSTOMER", "VARCHAR", "QUANTITY", "INTEGER",
              "UNIT_PRICE", "INTEGER"), columns(metaData.getColumns(null, null, "ORDERS", "%"),
              "COLUMN_NAME", "TYPE_NAME"), "getColumns TYPE_NAME"));
    }
  }

  /**
   * Keys, routines and the product are not in Avatica's protocol: Calx's drivers answer them
   * from the sys tables.
   */
  @CalxDrivers
  void keysRoutinesAndProductAsAGuiToolBrowsesThem(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind); Connection c = pool.getConnection()) {
      DatabaseMetaData metaData = c.getMetaData();
      assertAll(
          () -> assertEquals(Map.of("ID", "1"), columns(
              metaData.getPrimaryKeys(null, null, "ORDERS"), "COLUMN_NAME", "KEY_SEQ"),
              "getPrimaryKeys"),
          () -> assertEquals(Map.of("ID", "false", "CUSTOMER", "false"), columns(
              metaData.getIndexInfo(null, null, "ORDERS", false, false),
              "COLUMN_NAME", "NON_UNIQUE"), "getIndexInfo: the primary key and the unique index"),
          () -> assertTrue(column(metaData.getProcedures(null, null, "%"), "PROCEDURE_NAME")
              .contains("DISCOUNTED"), "getProcedures lists the procedure"),
          () -> assertEquals(List.of("TOTAL", "PCT"), parameters(
              metaData.getProcedureColumns(null, null, "DISCOUNTED", "%"),
              DatabaseMetaData.procedureColumnIn), "getProcedureColumns: IN parameters in order"),
          () -> assertEquals(1, parameters(
              metaData.getProcedureColumns(null, null, "DISCOUNTED", "%"),
              DatabaseMetaData.procedureColumnReturn).size(),
              "getProcedureColumns: one return value"),
          () -> assertTrue(column(metaData.getFunctions(null, null, "%"), "FUNCTION_NAME")
              .contains("ORDER_TOTAL"), "getFunctions lists the function"),
          () -> assertEquals(List.of("QUANTITY", "UNIT_PRICE"), parameters(
              metaData.getFunctionColumns(null, null, "ORDER_TOTAL", "%"),
              DatabaseMetaData.functionColumnIn), "getFunctionColumns: IN parameters in order"),
          () -> assertEquals(1, parameters(
              metaData.getFunctionColumns(null, null, "ORDER_TOTAL", "%"),
              DatabaseMetaData.functionReturn).size(), "getFunctionColumns: one return value"),
          () -> assertEquals("Calx", metaData.getDatabaseProductName(),
              "getDatabaseProductName"),
          () -> assertTrue(metaData.supportsStoredProcedures(), "supportsStoredProcedures"),
          () -> assertTrue(metaData.supportsTransactions(), "supportsTransactions"),
          () -> {
            // After the calls above, as a tool refreshes its tree after running DDL.
            try (Statement s = c.createStatement()) {
              s.execute("CREATE TABLE created_later (x INT)");
            }
            assertEquals(Map.of("X", "INTEGER"), columns(
                metaData.getColumns(null, null, "CREATED_LATER", "%"), "COLUMN_NAME", "TYPE_NAME"),
                "getColumns of a table created after the connection's first metadata call");
          });
    }
  }

  /** {@code key} to {@code value} of every row, both as strings; closes the result set. */
  private static Map<String, String> columns(ResultSet rs, String key, String value)
      throws SQLException {
    Map<String, String> map = new LinkedHashMap<>();
    try (rs) {
      while (rs.next()) {
        map.put(rs.getString(key), rs.getString(value));
      }
    }
    return map;
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(name));
      }
    }
    return values;
  }

  /** The COLUMN_NAME of the rows of getProcedureColumns or getFunctionColumns of one type. */
  private static List<String> parameters(ResultSet rs, int columnType) throws SQLException {
    List<String> names = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        if (rs.getShort("COLUMN_TYPE") == columnType) {
          names.add(rs.getString("COLUMN_NAME"));
        }
      }
    }
    return names;
  }
}
