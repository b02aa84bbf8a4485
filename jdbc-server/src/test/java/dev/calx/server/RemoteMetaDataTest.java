package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DatabaseMetaData as a GUI tool browses it from a remote client: Avatica's protocol carries
 * getTables, getTableTypes and getColumns to the engine's metadata, and the system tables that
 * describe keys, indexes and routine parameters are queried as any table.
 */
class RemoteMetaDataTest {
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
      try (ResultSet rs = md.getColumns(null, "PUBLIC", "ORDERS", null)) {
        assertColumn(rs, "ID", Types.INTEGER, "INTEGER", 10, 0, DatabaseMetaData.columnNoNulls);
        assertColumn(rs, "LINE", Types.INTEGER, "INTEGER", 10, 0,
            DatabaseMetaData.columnNoNulls);
        assertColumn(rs, "CODE", Types.VARCHAR, "VARCHAR", 20, null,
            DatabaseMetaData.columnNullable);
        assertColumn(rs, "PRICE", Types.DECIMAL, "DECIMAL", 10, 2,
            DatabaseMetaData.columnNullable);
        assertColumn(rs, "PLACED", Types.TIMESTAMP, "TIMESTAMP", 23, 3,
            DatabaseMetaData.columnNullable);
        assertFalse(rs.next());
      }
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

  private static void assertColumn(ResultSet rs, String name, int type, String typeName,
      Integer size, Integer digits, int nullable) throws SQLException {
    assertTrue(rs.next(), "no column " + name);
    assertEquals(name, rs.getString("COLUMN_NAME"));
    assertEquals(type, rs.getInt("DATA_TYPE"), name);
    assertEquals(typeName, rs.getString("TYPE_NAME"), name);
    assertEquals(size, (Integer) rs.getObject("COLUMN_SIZE"), name);
    assertEquals(digits, (Integer) rs.getObject("DECIMAL_DIGITS"), name);
    assertEquals(nullable, rs.getInt("NULLABLE"), name);
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
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
