package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DDL, CALL and WebAssembly functions in queries, from a remote client over HTTP. */
class RemoteSqlTest {
  @TempDir
  Path data;

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void clientsOfAnInMemoryServerShareOneDatabase(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, Path.of("mem:"));
        Connection first = server.connect();
        Connection second = server.connect()) {
      execute(first, Guests.square("sq"), "CREATE TABLE shared (x INT)",
          "INSERT INTO shared VALUES (3)");
      assertEquals(9, single(second, "SELECT sq(x) FROM shared"));
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void ddlCallAndFunctionsInQueries(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, data);
        Connection c = server.connect()) {
      execute(c, Guests.add("add2"), "CREATE TABLE t (x INT, y INT)",
          "INSERT INTO t VALUES (1, 2), (3, 4), (5, 6)");
      assertEquals(5, single(c, "CALL add2(2, 3)"));
      assertEquals(7, single(c, "SELECT sum(add2(x, y)) FROM t WHERE add2(x, y) > 3 AND x < 5"));
      try (PreparedStatement call = c.prepareStatement("CALL add2(?, ?)")) {
        for (int i = 0; i < 3; i++) {
          call.setInt(1, i);
          call.setInt(2, 10);
          try (ResultSet rs = call.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(i + 10, rs.getInt(1));
          }
        }
      }
      try (PreparedStatement query =
          c.prepareStatement("SELECT x FROM t WHERE add2(x, y) > ? ORDER BY x")) {
        query.setInt(1, 6);
        assertEquals(List.of(3, 5), ints(query));
      }
      assertEquals("FUNCTION", single(c, "SELECT kind FROM sys.procedures WHERE name = 'ADD2'"));
      execute(c, "DROP FUNCTION add2");
      SQLException gone = assertThrows(SQLException.class, () -> single(c, "CALL add2(1, 2)"));
      assertEquals("42883", gone.getSQLState(), gone.getMessage());
      assertEquals(3L, ((Number) single(c, "SELECT count(*) FROM t")).longValue());
    }
  }

  /**
   * A client that names its own model, parser factory, schema, role or user changes nothing:
   * the connection still speaks Calx's SQL in the PUBLIC schema as the server's caller.
   */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void clientConnectionPropertiesChangeNothing(Serialization serialization) throws Exception {
    Properties hostile = new Properties();
    hostile.setProperty("model", "inline:{\"version\":\"1.0\",\"defaultSchema\":\"EVIL\","
        + "\"schemas\":[{\"name\":\"EVIL\",\"tables\":[]}]}");
    hostile.setProperty("parserFactory",
        "org.apache.calcite.sql.parser.impl.SqlParserImpl#FACTORY");
    hostile.setProperty("schema", "EVIL");
    hostile.setProperty("calx.user", "mallory");
    hostile.setProperty("calx.role", "user");
    List<String> audit;
    try (AuditCapture capture = AuditCapture.start();
        TestServer server = TestServer.start(serialization, data);
        Connection c = server.connect(hostile)) {
      assertEquals("PUBLIC", c.getSchema());
      // Calcite's own parser would reject LANGUAGE WASM; role "user" would get 42501.
      execute(c, Guests.square("sq"), "CREATE TABLE u (x INT)");
      assertEquals(49, single(c, "CALL sq(7)"));
      SQLException evil = assertThrows(SQLException.class, () -> single(c, "SELECT * FROM evil.t"));
      assertFalse(evil.getSQLState().equals("00000"), evil.getMessage());
      audit = capture.lines();
    }
    assertTrue(audit.stream().anyMatch(line -> line.contains("user=anonymous")
        && line.contains("name=SQ")), audit.toString());
    assertTrue(audit.stream().noneMatch(line -> line.contains("mallory")), audit.toString());
  }

  /**
   * {@code setSchema} and {@code setCatalog} from a client are ignored: unqualified names still
   * resolve in PUBLIC, not in {@code sys}. Auto-commit and read-only still reach the server.
   */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void clientCannotMoveTheConnectionToAnotherSchema(Serialization serialization)
      throws Exception {
    try (TestServer server = TestServer.start(serialization, data);
        Connection c = server.connect()) {
      execute(c, "CREATE TABLE t (x INT)", "INSERT INTO t VALUES (7)");
      String catalog = c.getCatalog();
      c.setSchema("SYS");
      c.setCatalog("elsewhere");
      c.setAutoCommit(false);
      c.setReadOnly(true);
      assertEquals("PUBLIC", c.getSchema());
      assertEquals(catalog, c.getCatalog());
      assertFalse(c.getAutoCommit());
      assertTrue(c.isReadOnly());
      assertEquals(7, single(c, "SELECT x FROM t"));
      SQLException sys = assertThrows(SQLException.class,
          () -> single(c, "SELECT count(*) FROM procedures"));
      assertFalse(sys.getSQLState().equals("00000"), sys.getMessage());
      c.setReadOnly(false);
      c.setAutoCommit(true);
      assertTrue(c.getAutoCommit());
      assertFalse(c.isReadOnly());
      assertEquals("PUBLIC", c.getSchema());
    }
  }

  private static List<Integer> ints(PreparedStatement query) throws SQLException {
    List<Integer> values = new ArrayList<>();
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        values.add(rs.getInt(1));
      }
    }
    return values;
  }
}
