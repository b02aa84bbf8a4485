package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statements over attached schemas (the server's {@code --model}, which the embedded driver does
 * not have) get the answers of their own schema: a table of PUBLIC and an attached table of the
 * same name, the same text with other literals, and the same text on two servers that share one
 * database but attach different databases under one schema name.
 */
class PlanCacheRemoteTest {
  @TempDir
  Path dir;

  /** An external H2 database that stays open while {@code keeper} is. */
  private static Connection external(String... statements) throws SQLException {
    Connection keeper = DriverManager.getConnection(
        "jdbc:h2:mem:attached-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    execute(keeper, statements);
    return keeper;
  }

  /** A model attaching the database of {@code keeper} as schema EXT. */
  private Path model(String name, Connection keeper) throws Exception {
    String url = keeper.getMetaData().getURL();
    return Files.writeString(dir.resolve(name + ".json"), "{\"version\": \"1.0\","
        + " \"schemas\": [{\"name\": \"EXT\", \"type\": \"jdbc\", \"jdbcUrl\": \"" + url
        + "\", \"jdbcUser\": \"sa\", \"jdbcPassword\": \"\", \"jdbcSchema\": \"PUBLIC\"}]}");
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void attachedAndPublicTablesOfOneNameAndOtherLiterals(Serialization serialization)
      throws Exception {
    try (Connection keeper = external("CREATE TABLE items (id INT PRIMARY KEY, qty INT)",
            "INSERT INTO items VALUES (1, 3), (2, 4), (3, 5)");
        TestServer server = TestServer.start(serialization, dir.resolve("data"),
            Map.of(ServerSetting.MODEL, model("ext", keeper).toString()));
        Connection c = server.connect()) {
      execute(c, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(10))",
          "INSERT INTO items VALUES (1, 'pub'), (2, 'pub ')", Guests.square("sq"));
      assertAnswers(c, "SELECT * FROM items WHERE id = 1", "1|'pub'");
      assertAnswers(c, "SELECT * FROM ext.items WHERE id = 1", "1|3");
      assertAnswers(c, "SELECT * FROM public.items WHERE id = 2", "2|'pub '");
      assertAnswers(c, "SELECT id FROM items WHERE name = 'pub '", "2");
      assertAnswers(c, "SELECT id FROM ext.items WHERE qty = 4", "2");
      assertAnswers(c, "SELECT id FROM ext.items WHERE qty = 4.5");
      assertAnswers(c, "SELECT id FROM ext.items WHERE qty IN (3, 5) ORDER BY id", "1", "3");
      assertAnswers(c, "SELECT id FROM ext.items WHERE qty IN (3) ORDER BY id", "1");
      assertAnswers(c, "SELECT id FROM ext.items ORDER BY id LIMIT 1", "1");
      assertAnswers(c, "SELECT id FROM ext.items ORDER BY id LIMIT 2 OFFSET 1", "2", "3");
      assertAnswers(c, "SELECT sq(qty) FROM ext.items WHERE id = 2", "16");
      assertAnswers(c, "SELECT sq(qty) FROM ext.items WHERE id = 3", "25");
      assertAnswers(c, "SELECT id FROM ext.items WHERE sq(qty) > 10 ORDER BY id", "2", "3");
      assertAnswers(c, "SELECT id FROM ext.items WHERE sq(qty) > 20 ORDER BY id", "3");
      assertAnswers(c, "SELECT qty / 2 FROM ext.items WHERE id = 1", "1");
      assertAnswers(c, "SELECT qty / 2.0 FROM ext.items WHERE id = 1", "1.500");
      // The unqualified name still means PUBLIC's table after all those of EXT.
      assertAnswers(c, "SELECT * FROM items WHERE id = 1", "1|'pub'");
    }
  }

  /**
   * A database is opened once per process, so two servers of one process over the same data
   * share it, and whatever it caches, while each attaches its own model: the same text must
   * answer from the schema of the server it reached.
   */
  @Test
  void twoServersSharingADatabaseWithOtherAttachedSchemas() throws Exception {
    String data = "mem:plan-remote-" + UUID.randomUUID();
    try (Connection first = external("CREATE TABLE items (id INT PRIMARY KEY, qty INT)",
            "INSERT INTO items VALUES (1, 3)");
        Connection second = external("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(9),"
            + " qty INT)", "INSERT INTO items VALUES (1, 'one', 30)");
        TestServer a = TestServer.start(Serialization.PROTOBUF, dir, Map.of(ServerSetting.DATA,
            data, ServerSetting.MODEL, model("first", first).toString()));
        TestServer b = TestServer.start(Serialization.PROTOBUF, dir, Map.of(ServerSetting.DATA,
            data, ServerSetting.MODEL, model("second", second).toString()));
        Connection toA = a.connect();
        Connection toB = b.connect()) {
      execute(toA, Guests.square("sq"));
      for (int round = 0; round < 2; round++) {
        assertAnswers(toA, "SELECT * FROM ext.items WHERE id = 1", "1|3");
        assertAnswers(toB, "SELECT * FROM ext.items WHERE id = 1", "1|'one'|30");
        assertAnswers(toA, "SELECT sq(qty) FROM ext.items WHERE id = 1", "9");
        assertAnswers(toB, "SELECT sq(qty) FROM ext.items WHERE id = 1", "900");
      }
    }
  }

  /**
   * Checks the rows of the query {@code sql} run as text twice (so that a cached plan, if any, is
   * used at least once), then prepared anew twice.
   */
  private static void assertAnswers(Connection c, String sql, String... expected)
      throws SQLException {
    for (int i = 0; i < 2; i++) {
      try (Statement s = c.createStatement()) {
        assertEquals(List.of(expected), rows(s.executeQuery(sql)), sql);
      }
    }
    for (int i = 0; i < 2; i++) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        assertEquals(List.of(expected), rows(ps.executeQuery()), "prepared " + sql);
      }
    }
  }

  /** Rows as "a|b", strings quoted so that trailing blanks show; closes the result set. */
  private static List<String> rows(ResultSet rs) throws SQLException {
    try (rs) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          row.append(i > 1 ? "|" : "")
              .append(value instanceof String s ? "'" + s + "'" : String.valueOf(value));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }
}
