package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements whose literals the plan cache lifts answer as they did when every literal stayed in
 * the text: the cases a review of the cache found answering wrongly or failing.
 */
class LiteralLiftingTest {
  private String name;
  private Connection connection;
  private Statement statement;

  @BeforeEach
  void open() throws SQLException {
    name = "jdbc:calx:mem:lifting-" + UUID.randomUUID();
    connection = DriverManager.getConnection(name);
    statement = connection.createStatement();
    statement.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, c CHAR(5), v VARCHAR(5))");
    statement.execute("INSERT INTO t VALUES (1, 3, 'ab', 'ab'), (2, 7, 'q', 'ab '),"
        + " (3, 9, 'ab', 'x')");
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void characterLiteralsCompareAsWritten() throws SQLException {
    for (int round = 0; round < 2; round++) { // a miss, then a hit
      assertEquals(List.of(1, 3), ids("SELECT id FROM t WHERE c = 'ab' ORDER BY id"));
      assertEquals(List.of(1, 2, 3), ids("SELECT id FROM t WHERE c IN ('ab', 'q') ORDER BY id"));
      assertEquals(List.of(1), ids("SELECT id FROM t WHERE v = 'ab' ORDER BY id"));
      assertEquals(List.of(2), ids("SELECT id FROM t WHERE v = 'ab ' ORDER BY id"));
      assertEquals(List.of(1, 2, 3), ids("SELECT id FROM t WHERE 'a' = 'a ' ORDER BY id"));
      assertEquals(List.of(1, 2, 3), ids("SELECT id FROM t WHERE 'b' IN ('b ', 'c') ORDER BY id"));
    }
  }

  @Test
  void expressionsOfGroupByAndOrderByStillMatchTheirTwins() throws SQLException {
    assertEquals(2, ids("SELECT COUNT(*), a > 5 FROM t GROUP BY a > 5").size());
    assertEquals(2, ids("SELECT CASE WHEN a > 5 THEN 1 ELSE 0 END AS k FROM t"
        + " GROUP BY CASE WHEN a > 5 THEN 1 ELSE 0 END").size());
    assertEquals(2, ids("SELECT DISTINCT CASE WHEN a > 5 THEN 1 ELSE 0 END FROM t"
        + " ORDER BY CASE WHEN a > 5 THEN 1 ELSE 0 END").size());
  }

  @Test
  void numbersBeyondDecimalPrecisionAreRefusedAsWritten() {
    for (String sql : new String[] {"SELECT id FROM t WHERE a = 99999999999999999999",
        "SELECT id FROM t WHERE a = 0.12345678901234567890123"}) {
      SQLException e = assertThrows(SQLException.class, () -> ids(sql), sql);
      assertEquals("42000", e.getSQLState(), sql + ": " + e.getMessage());
    }
  }

  @Test
  void urlKeysAreCaseInsensitive() throws SQLException {
    String url = "jdbc:calx:mem:;PLAN_CACHE_SIZE=0;CALX.ROLE=user";
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> s.execute("CREATE TABLE u (id INT PRIMARY KEY)"));
      assertEquals("42501", e.getSQLState(), e.getMessage());
      for (int i = 0; i < 3; i++) {
        s.executeQuery("SELECT " + i + " FROM (VALUES 1) WHERE 1 = " + i).close();
      }
      try (ResultSet rs = s.executeQuery("SELECT SUM(cache_hits), MIN(query) IS NULL"
          + " FROM sys.statements")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1), "plan_cache_size=0 in upper case turns the cache off");
        assertTrue(rs.getBoolean(2), "a session of role user sees no statement texts");
      }
    }
  }

  @Test
  void theAdminRoleSeesStatementTexts() throws SQLException {
    ids("SELECT id FROM t WHERE a = 3");
    try (ResultSet rs = statement.executeQuery("SELECT query FROM sys.statements"
        + " WHERE query LIKE '%\"A\" = ?%'")) {
      assertTrue(rs.next());
      assertTrue(rs.getString(1).contains("FROM \"T\""), rs.getString(1));
    }
    try (Connection user = DriverManager.getConnection(name + ";calx.role=user");
        Statement s = user.createStatement();
        ResultSet rs = s.executeQuery("SELECT query, calls FROM sys.statements"
            + " WHERE calls > 0")) {
      assertTrue(rs.next());
      assertNull(rs.getString(1));
    }
  }

  private List<Integer> ids(String sql) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }
}
