package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client driver {@code jdbc:calx://host:port} against real servers over HTTP, both
 * serializations: statements and calls, clean errors, credentials, Calx's metadata, and
 * failover between several servers.
 */
class ClientDriverTest {
  private static final String ORDER_TOTAL = "CREATE FUNCTION order_total(quantity INT,"
      + " unit_price INT) RETURNS INT LANGUAGE WASM COMMENT 'quantity times price' AS '(module"
      + " (func (export \"order_total\") (param i32 i32) (result i32)"
      + " local.get 0 local.get 1 i32.mul))'";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void runsStatementsAndCalls(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"));
        Connection c = DriverManager.getConnection(server.clientUrl())) {
      execute(c, ORDER_TOTAL, "CREATE TABLE orders (id INT PRIMARY KEY, q INT, p INT)",
          "INSERT INTO orders VALUES (1, 2, 3), (2, 4, 5)");
      assertEquals(26L, ((Number) single(c,
          "SELECT sum(order_total(q, p)) FROM orders")).longValue());
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM orders WHERE order_total(q, p) > ?")) {
        ps.setInt(1, 10);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(2, rs.getInt(1));
          assertSame(ps, rs.getStatement());
        }
        assertSame(c, ps.getConnection());
      }
      try (CallableStatement call = c.prepareCall("CALL order_total(?, ?)")) {
        call.setInt(1, 6);
        call.setInt(2, 7);
        try (ResultSet rs = call.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(42, rs.getInt(1));
        }
        assertSame(c, call.getConnection());
      }
      try (Statement s = c.createStatement()) {
        assertSame(c, s.getConnection());
      }
    }
  }

  /** JDBC savepoints, which Avatica's client refuses, through the server's SQL savepoints. */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void savepoints(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"));
        Connection c = DriverManager.getConnection(server.clientUrl())) {
      assertTrue(c.getMetaData().supportsSavepoints());
      DatabaseMetaData md = c.getMetaData();
      assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED));
      assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE));
      assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE));
      execute(c, "CREATE TABLE t (x INT)");
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t VALUES (1)");
      Savepoint unnamed = c.setSavepoint();
      execute(c, "INSERT INTO t VALUES (2)");
      c.rollback(unnamed);
      Savepoint named = c.setSavepoint("after One");
      assertEquals("after One", named.getSavepointName());
      assertThrows(SQLException.class, named::getSavepointId);
      execute(c, "INSERT INTO t VALUES (4)");
      c.releaseSavepoint(named);
      SQLException released = assertThrows(SQLException.class, () -> c.rollback(named));
      assertEquals("3B001", released.getSQLState(), released.getMessage());
      c.commit();
      c.setAutoCommit(true);
      assertEquals(5L, ((Number) single(c, "SELECT sum(x) FROM t")).longValue());
    }
  }

  /** The server's SQLSTATE and message, without Avatica's framing or a stack trace. */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void errorsCarryTheServersStateAndMessage(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"));
        Connection c = DriverManager.getConnection(server.clientUrl())) {
      SQLException dropped = assertThrows(SQLException.class,
          () -> execute(c, "DROP FUNCTION nothing_here"));
      assertEquals("42704", dropped.getSQLState());
      assertClean(dropped.getMessage());
      assertTrue(dropped.getMessage().contains("NOTHING_HERE"), dropped.getMessage());

      SQLException prepared = assertThrows(SQLException.class,
          () -> c.prepareStatement("SELECT nothing_here(1)"));
      assertEquals("42883", prepared.getSQLState());
      assertClean(prepared.getMessage());
      assertTrue(prepared.getMessage().contains("NOTHING_HERE"), prepared.getMessage());
      // The connection goes on working.
      assertEquals(1, single(c, "SELECT 1"));
    }
  }

  private static void assertClean(String message) {
    assertFalse(message.contains("Remote driver error"), message);
    assertFalse(message.contains("Error -1"), message);
    assertFalse(message.contains("\tat "), message);
    assertFalse(message.contains("Exception"), message);
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void sendsCredentialsAsHttpBasic(Serialization serialization) throws Exception {
    Path users = Files.writeString(dir.resolve("users.properties"),
        "alice: s3cret,admin\nbob: hunter2,user\n");
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"),
        Map.of(ServerSetting.AUTH, users.toString()))) {
      try (Connection c = DriverManager.getConnection(
          server.clientUrl() + ";user=alice;password=s3cret")) {
        execute(c, ORDER_TOTAL);
      }
      try (Connection c = DriverManager.getConnection(server.clientUrl(), "bob", "hunter2")) {
        assertEquals(6, single(c, "CALL order_total(2, 3)"));
        SQLException refused = assertThrows(SQLException.class,
            () -> execute(c, "DROP FUNCTION order_total"));
        assertEquals("42501", refused.getSQLState());
      }
      for (String credentials : List.of(";user=bob;password=badpass", ";user=mallory", "")) {
        SQLException e = assertThrows(SQLException.class, () -> {
          try (Connection c = DriverManager.getConnection(server.clientUrl() + credentials)) {
            single(c, "SELECT 1");
          }
        }, credentials);
        assertEquals("28000", e.getSQLState(), credentials + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("badpass"), e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void metadataNamesCalxAndListsRoutines(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"));
        Connection c = DriverManager.getConnection(server.clientUrl())) {
      execute(c, ORDER_TOTAL);
      DatabaseMetaData md = c.getMetaData();
      assertEquals("Calx", md.getDatabaseProductName());
      assertEquals("Calx JDBC client", md.getDriverName());
      assertEquals(md.getDatabaseProductVersion(), md.getDriverVersion());
      assertTrue(md.supportsStoredProcedures());
      assertTrue(md.supportsTransactions());
      assertSame(c, md.getConnection());
      try (ResultSet rs = md.getProcedures(null, "PUBLIC", "ORDER%")) {
        assertTrue(rs.next());
        assertEquals("ORDER_TOTAL", rs.getString("PROCEDURE_NAME"));
        assertEquals("PUBLIC", rs.getString("PROCEDURE_SCHEM"));
        assertEquals("quantity times price", rs.getString("REMARKS"));
        assertEquals(DatabaseMetaData.procedureReturnsResult, rs.getShort("PROCEDURE_TYPE"));
        assertEquals(Types.SMALLINT, rs.getMetaData().getColumnType(8));
        assertEquals(9, rs.getMetaData().getColumnCount());
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getFunctions(null, null, "ORDER\\_TOTAL")) {
        assertTrue(rs.next());
        assertEquals("ORDER_TOTAL", rs.getString("FUNCTION_NAME"));
        assertEquals(DatabaseMetaData.functionNoTable, rs.getShort("FUNCTION_TYPE"));
        assertEquals(6, rs.getMetaData().getColumnCount());
        assertFalse(rs.next());
      }
      assertEquals(List.of(), column(md.getFunctions(null, "OTHER", null), 3));
      assertEquals(List.of(), column(md.getProcedures(null, null, "ORDER\\%"), 3));
    }
  }

  /** Needs sys.procedure_parameters. */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void metadataListsRoutineColumns(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"));
        Connection c = DriverManager.getConnection(server.clientUrl())) {
      execute(c, ORDER_TOTAL);
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getProcedureColumns(null, null, "ORDER_TOTAL", null)) {
        assertEquals(20, rs.getMetaData().getColumnCount());
        assertTrue(rs.next());
        assertEquals("RETURN_VALUE", rs.getString("COLUMN_NAME"));
        assertEquals(DatabaseMetaData.procedureColumnReturn, rs.getShort("COLUMN_TYPE"));
        assertTrue(rs.next());
        assertEquals("QUANTITY", rs.getString("COLUMN_NAME"));
        assertEquals(DatabaseMetaData.procedureColumnIn, rs.getShort("COLUMN_TYPE"));
        assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
        assertEquals("INTEGER", rs.getString("TYPE_NAME"));
        assertEquals(1, rs.getInt("ORDINAL_POSITION"));
        assertTrue(rs.next());
        assertEquals("UNIT_PRICE", rs.getString("COLUMN_NAME"));
        assertEquals(2, rs.getInt("ORDINAL_POSITION"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getFunctionColumns(null, null, "ORDER_TOTAL", null)) {
        assertEquals(17, rs.getMetaData().getColumnCount());
        assertTrue(rs.next());
        assertEquals("RETURN_VALUE", rs.getString("COLUMN_NAME"));
        assertEquals(DatabaseMetaData.functionReturn, rs.getShort("COLUMN_TYPE"));
        assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
        assertEquals(0, rs.getInt("ORDINAL_POSITION"));
        assertEquals(List.of("QUANTITY", "UNIT_PRICE"), column(rs, 4));
      }
      assertEquals(List.of("UNIT_PRICE"),
          column(md.getFunctionColumns(null, null, "ORDER_TOTAL", "UNIT%"), 4));
    }
  }

  /** Needs sys.primary_keys and sys.indexes. */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void metadataListsPrimaryKeysAndIndexes(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"));
        Connection c = DriverManager.getConnection(server.clientUrl())) {
      execute(c, "CREATE TABLE orders (id INT PRIMARY KEY, code VARCHAR(10), n INT,"
          + " UNIQUE (code))");
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getPrimaryKeys(null, null, "ORDERS")) {
        assertEquals(6, rs.getMetaData().getColumnCount());
        assertTrue(rs.next());
        assertEquals("PUBLIC", rs.getString("TABLE_SCHEM"));
        assertEquals("ID", rs.getString("COLUMN_NAME"));
        assertEquals(1, rs.getShort("KEY_SEQ"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getIndexInfo(null, "PUBLIC", "ORDERS", false, true)) {
        assertEquals(13, rs.getMetaData().getColumnCount());
        List<String> columns = new ArrayList<>();
        while (rs.next()) {
          assertFalse(rs.getBoolean("NON_UNIQUE"));
          assertEquals(1, rs.getShort("ORDINAL_POSITION"));
          columns.add(rs.getString("COLUMN_NAME"));
        }
        assertEquals(List.of("CODE", "ID"), columns.stream().sorted().toList());
      }
      assertEquals(List.of(), column(md.getIndexInfo(null, null, "NO_SUCH", false, true), 9));
    }
  }

  /**
   * A new connection goes to a server that answers; one whose server stops fails with 08006,
   * and a new one opens on the other server.
   */
  @Test
  void failsOverToTheServerThatAnswers() throws Exception {
    try (TestServer live = TestServer.start(Serialization.PROTOBUF, dir.resolve("live"))) {
      String liveAddress = address(live);
      TestServer dead = TestServer.start(Serialization.PROTOBUF, dir.resolve("dead"));
      String deadAddress = address(dead);
      try (Connection c = DriverManager.getConnection("jdbc:calx://" + deadAddress)) {
        execute(c, "CREATE TABLE dead_only (x INT)");
        dead.close();
        SQLException lost = assertThrows(SQLException.class,
            () -> single(c, "SELECT count(*) FROM dead_only"));
        assertEquals("08006", lost.getSQLState(), lost.getMessage());
      } finally {
        dead.close();
      }
      try (Connection c = DriverManager.getConnection("jdbc:calx://" + liveAddress)) {
        execute(c, "CREATE TABLE live_only (x INT)");
      }
      String both = "jdbc:calx://" + deadAddress + "," + liveAddress
          + ";lb_connection_failover_sleep_time=0";
      for (int i = 0; i < 4; i++) {
        try (Connection c = DriverManager.getConnection(both)) {
          assertEquals(0L, ((Number) single(c, "SELECT count(*) FROM live_only")).longValue());
        }
      }
      SQLException none = assertThrows(SQLException.class, () -> DriverManager.getConnection(
          "jdbc:calx://" + deadAddress + ";lb_connection_failover_sleep_time=0"));
      assertEquals("08001", none.getSQLState(), none.getMessage());
    }
  }

  private static String address(TestServer server) {
    String url = server.clientUrl();
    int options = url.indexOf(';');
    return url.substring("jdbc:calx://".length(), options < 0 ? url.length() : options);
  }

  private static List<String> column(ResultSet rs, int column) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(column));
      }
    }
    return values;
  }
}
