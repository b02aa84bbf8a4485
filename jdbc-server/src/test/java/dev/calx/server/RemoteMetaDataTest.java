package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DatabaseMetaData as a GUI tool browses it from a remote client: Avatica's protocol carries
 * getTables, getTableTypes and getColumns to the engine's metadata, and the system tables that
 * describe keys, indexes and routine parameters are queried as any table; the client driver
 * answers the routine calls from them.
 */
class RemoteMetaDataTest {
  /** Returns a table; the module has the export's shape and emits nothing. */
  private static final String SPLIT = "CREATE FUNCTION split(t TEXT)"
      + " RETURNS TABLE (\"position\" INT, word TEXT) LANGUAGE WASM READS SQL DATA"
      + " AS '(module (memory (export \"memory\") 1)"
      + " (func (export \"alloc\") (param i32) (result i32) i32.const 0)"
      + " (func (export \"split\") (param i32 i32)))'";
  /** Returns nothing. */
  private static final String TRANSFER = "CREATE PROCEDURE transfer(from_id BIGINT,"
      + " amount DOUBLE) LANGUAGE WASM MODIFIES SQL DATA"
      + " AS '(module (func (export \"transfer\") (param i64 f64)))'";

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void browsesTablesColumnsKeysAndParameters(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, Path.of("mem:"));
        Connection c = server.connect()) {
      execute(c, Guests.add("add2"),
          "CREATE TABLE orders (id INT NOT NULL, line INT NOT NULL, code VARCHAR(20),"
              + " price DECIMAL(10, 2), placed TIMESTAMP, PRIMARY KEY (id, line),"
              + " UNIQUE (code))");
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("PUBLIC.ORDERS:TABLE"),
          tables(md.getTables(null, null, "%", new String[] {"TABLE"})));
      assertEquals(List.of(), tables(md.getTables(null, null, null, new String[] {"VIEW"})));
      // The server keeps its connection to the engine: a table made since is listed too.
      execute(c, "CREATE TABLE notes (note VARCHAR(10))");
      assertEquals(List.of("PUBLIC.NOTES:TABLE", "PUBLIC.ORDERS:TABLE"),
          tables(md.getTables(null, null, "%", new String[] {"TABLE"})));
      assertTrue(tables(md.getTables(null, "SYS", null, new String[] {"SYSTEM TABLE"}))
          .containsAll(List.of("SYS.INDEXES:SYSTEM TABLE", "SYS.PRIMARY_KEYS:SYSTEM TABLE",
              "SYS.PROCEDURE_PARAMETERS:SYSTEM TABLE")));
      assertEquals(List.of("SYSTEM TABLE", "TABLE", "VIEW"), values(md.getTableTypes()));
      // COLUMN_NAME TYPE_NAME DATA_TYPE COLUMN_SIZE DECIMAL_DIGITS NULLABLE, as embedded.
      assertEquals(List.of("ID INTEGER 4 10 0 0", "LINE INTEGER 4 10 0 0",
              "CODE VARCHAR 12 20 null 1", "PRICE DECIMAL 3 10 2 1",
              "PLACED TIMESTAMP 93 23 3 1"),
          values(md.getColumns(null, "PUBLIC", "ORDERS", null), "COLUMN_NAME", "TYPE_NAME",
              "DATA_TYPE", "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE"));
      try (Statement s = c.createStatement()) {
        assertEquals(List.of("ORDERS:ID:1", "ORDERS:LINE:2"), values(s.executeQuery(
            "SELECT table_name || ':' || column_name || ':' || key_seq FROM sys.primary_keys")));
        assertEquals(List.of("CODE:FALSE:A", "ID:FALSE:A", "LINE:FALSE:A"), values(
            s.executeQuery("SELECT column_name || ':' || non_unique || ':' || asc_or_desc"
                + " FROM sys.indexes WHERE table_name = 'ORDERS' ORDER BY column_name")));
        assertEquals(List.of("0:RETURN_VALUE:RETURN:INTEGER", "1:A:IN:INTEGER",
                "2:B:IN:INTEGER"),
            values(s.executeQuery("SELECT \"POSITION\" || ':' || parameter_name || ':' || mode"
                + " || ':' || type_name FROM sys.procedure_parameters"
                + " WHERE procedure_name = 'ADD2' ORDER BY \"POSITION\"")));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void clientDriverListsRoutinesThatReturnATableOrNothing(Serialization serialization)
      throws Exception {
    try (TestServer server = TestServer.start(serialization, Path.of("mem:"));
        Connection c = DriverManager.getConnection(server.clientUrl())) {
      execute(c, SPLIT, TRANSFER);
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("SPLIT 2", "TRANSFER 1"),
          values(md.getProcedures(null, null, null), "PROCEDURE_NAME", "PROCEDURE_TYPE"));
      assertEquals(List.of("SPLIT 2"),
          values(md.getFunctions(null, null, null), "FUNCTION_NAME", "FUNCTION_TYPE"));
      assertEquals(List.of("SPLIT T 1 1 12", "SPLIT position 3 1 4", "SPLIT WORD 3 2 12",
              "TRANSFER FROM_ID 1 1 -5", "TRANSFER AMOUNT 1 2 8"),
          values(md.getProcedureColumns(null, null, null, null), "PROCEDURE_NAME",
              "COLUMN_NAME", "COLUMN_TYPE", "ORDINAL_POSITION", "DATA_TYPE"));
      assertEquals(List.of("SPLIT T 1 1", "SPLIT position 5 1", "SPLIT WORD 5 2"),
          values(md.getFunctionColumns(null, null, null, null), "FUNCTION_NAME",
              "COLUMN_NAME", "COLUMN_TYPE", "ORDINAL_POSITION"));
      try (Statement s = c.createStatement()) {
        assertEquals(List.of("SPLIT null position INTEGER, WORD TEXT READS SQL DATA",
                "TRANSFER null null MODIFIES SQL DATA"),
            values(s.executeQuery("SELECT name, return_type, result_columns, sql_data_access"
                + " FROM sys.procedures ORDER BY name"), "NAME", "RETURN_TYPE",
                "RESULT_COLUMNS", "SQL_DATA_ACCESS"));
      }
    }
  }

  private static List<String> tables(ResultSet rs) throws SQLException {
    List<String> names = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":"
            + rs.getString("TABLE_TYPE"));
      }
    }
    return names;
  }

  private static List<String> values(ResultSet rs) throws SQLException {
    return values(rs, rs.getMetaData().getColumnLabel(1));
  }

  /** Each row's values of {@code columns}, separated by spaces. */
  private static List<String> values(ResultSet rs, String... columns) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (String column : columns) {
          row.add(String.valueOf(rs.getObject(column)));
        }
        values.add(String.join(" ", row));
      }
    }
    return values;
  }
}
