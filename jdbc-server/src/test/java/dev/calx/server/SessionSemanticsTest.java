package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Through a real server, over both serializations: the session functions answer the
 * authenticated user (or {@code anonymous} without {@code --auth}), in queries over a table and
 * in changes too; column DEFAULTs are applied to INSERTs, prepared ones included; and a routine
 * cannot take a built-in function's name.
 */
class SessionSemanticsTest {
  private static final String TWICE = "CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM"
      + " AS '(module (func (export \"twice\") (param i32) (result i32)"
      + " local.get 0 i32.const 2 i32.mul))'";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void sessionFunctionsAnswerTheAuthenticatedUser(Serialization serialization)
      throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"),
        Map.of(ServerSetting.AUTH, users().toString()))) {
      try (Connection alice = server.connect("alice", "s3cret")) {
        execute(alice, "CREATE TABLE log (id INT PRIMARY KEY, who VARCHAR(20))", TWICE,
            "INSERT INTO log VALUES (1, 'x'), (2, 'y')");
        assertEquals(List.of("alice|alice|alice|admin|PUBLIC"), rows(alice,
            "SELECT CURRENT_USER, SESSION_USER, USER, CURRENT_ROLE, CURRENT_SCHEMA"
                + " FROM log WHERE id = 1"));
      }
      try (Connection bob = server.connect("bob", "hunter2")) {
        // Over a table, in the select list and in WHERE: H2 would answer its admin, SA.
        assertEquals(List.of("1|bob|user", "2|bob|user"),
            rows(bob, "SELECT id, CURRENT_USER, CURRENT_ROLE FROM log ORDER BY id"));
        assertEquals(List.of("2"), rows(bob, "SELECT id FROM log WHERE id > 1"
            + " AND CURRENT_USER = 'bob'"));
        // Written by a change, plain and calling a function, and prepared.
        try (Statement s = bob.createStatement()) {
          assertEquals(1, s.executeUpdate("INSERT INTO log VALUES (3, CURRENT_USER)"));
          assertEquals(2, s.executeUpdate("UPDATE log SET who = SESSION_USER"
              + " WHERE twice(id) < 5"));
        }
        try (PreparedStatement p = bob.prepareStatement("INSERT INTO log VALUES (?, USER)")) {
          p.setInt(1, 4);
          assertEquals(1, p.executeUpdate());
        }
        assertEquals(List.of("1|bob", "2|bob", "3|bob", "4|bob"),
            rows(bob, "SELECT id, who FROM log ORDER BY id"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void withoutAuthTheUserIsAnonymous(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"));
        Connection c = server.connect()) {
      execute(c, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
      assertEquals(List.of("anonymous|admin"), rows(c, "SELECT CURRENT_USER, CURRENT_ROLE"
          + " FROM t"));
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void defaultsAreApplied(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"));
        Connection c = server.connect()) {
      execute(c, "CREATE TABLE t (id INT PRIMARY KEY, s INT DEFAULT 5,"
          + " n VARCHAR(10) NOT NULL DEFAULT 'abc')", TWICE,
          "INSERT INTO t(id) VALUES (1)", "INSERT INTO t VALUES (2, DEFAULT, DEFAULT)",
          "INSERT INTO t(id, s) VALUES (3, twice(4))",
          "INSERT INTO t VALUES (4, twice(3), DEFAULT)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO t(id, n) VALUES (?, ?)")) {
        p.setInt(1, 5);
        p.setString(2, "x");
        assertEquals(1, p.executeUpdate());
      }
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO t VALUES (?, twice(?), DEFAULT)")) {
        p.setInt(1, 6);
        p.setInt(2, 7);
        assertEquals(1, p.executeUpdate());
      }
      assertEquals(List.of("1|5|abc", "2|5|abc", "3|8|abc", "4|6|abc", "5|5|x", "6|14|abc"),
          rows(c, "SELECT id, s, n FROM t ORDER BY id"));
      SQLException e = assertThrows(SQLException.class, () -> execute(c,
          "CREATE TABLE u (id INT, s INT DEFAULT (SELECT 1 FROM INFORMATION_SCHEMA.USERS))"));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void aRoutineCannotTakeABuiltInName(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, dir.resolve("data"));
        Connection c = server.connect()) {
      SQLException e = assertThrows(SQLException.class,
          () -> execute(c, TWICE.replace("twice(x", "\"ABS\"(x")));
      assertEquals("42723", e.getSQLState(), e.getMessage());
      assertEquals(5, single(c, "SELECT abs(-5)"));
    }
  }

  private Path users() throws Exception {
    return Files.writeString(dir.resolve("users.properties"), String.join("\n",
        "alice: s3cret,admin", "bob: hunter2,user", ""));
  }

  /** The rows of a query, each its columns joined by {@code |}. */
  private static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getObject(i));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }
}
