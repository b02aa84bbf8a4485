package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code sys.statements} has one row per normalised statement, its literals shown as {@code ?},
 * counting the calls, rows, times and plan cache hits and misses of every text that normalises to
 * it, and no hits when the plan cache is off.
 */
class StatementsTableTest {
  /** A literal compared with the id, which the normalised text must not show. */
  private static final Pattern LITERAL = Pattern.compile("=\\s*[123]\\b");

  /** One row of sys.statements. */
  record Row(String query, long calls, long rows, double totalExecMs, double meanExecMs,
      double maxExecMs, double totalPlanMs, long cacheHits, long cacheMisses) {}

  @Test
  void hasExactlyTheDocumentedColumns() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM sys.statements")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnName(i) + " " + md.getColumnTypeName(i));
      }
      assertEquals(List.of("QUERY VARCHAR", "CALLS BIGINT", "TOTAL_ROWS BIGINT",
          "TOTAL_EXEC_MS DOUBLE", "MEAN_EXEC_MS DOUBLE", "MAX_EXEC_MS DOUBLE",
          "TOTAL_PLAN_MS DOUBLE", "CACHE_HITS BIGINT", "CACHE_MISSES BIGINT"), columns);
    }
  }

  @Test
  void pointQueriesWithOtherLiteralsShareOneRow() throws SQLException {
    Row row = pointQueries("jdbc:calx:mem:");
    assertTrue(row.calls() >= 3, row.toString());
    assertTrue(row.rows() >= 3, row.toString());
    assertTrue(row.cacheMisses() >= 1, row.toString());
    assertTrue(row.cacheHits() >= 2, row.toString());
    assertTrue(row.totalPlanMs() >= 0, row.toString());
    assertTrue(0 <= row.meanExecMs() && row.meanExecMs() <= row.maxExecMs()
        && row.maxExecMs() <= row.totalExecMs(), row.toString());
    assertEquals(row.totalExecMs(), row.meanExecMs() * row.calls(),
        1e-6 + row.totalExecMs() * 1e-6, "the mean is the total over the calls: " + row);
  }

  @Test
  void noHitsWithoutAPlanCache() throws SQLException {
    Row row = pointQueries("jdbc:calx:mem:;plan_cache_size=0");
    assertTrue(row.calls() >= 3, row.toString());
    assertTrue(row.rows() >= 3, row.toString());
    assertEquals(0, row.cacheHits(), row.toString());
  }

  /**
   * Runs the same point query with three literals on a new database and returns the one row of
   * sys.statements that stands for them: the one whose text is a SELECT of NUMS with a {@code ?}.
   * The normalised text itself is the engine's to choose, so it is matched loosely.
   */
  private static Row pointQueries(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE nums (id INT PRIMARY KEY, x INT)");
      s.execute("INSERT INTO nums VALUES (1, 10), (2, 20), (3, 30)");
      for (int id = 1; id <= 3; id++) {
        try (ResultSet rs = s.executeQuery("SELECT x FROM nums WHERE id = " + id)) {
          assertTrue(rs.next());
          assertEquals(id * 10, rs.getInt(1));
          assertFalse(rs.next());
        }
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT * FROM sys.statements")) {
        while (rs.next()) {
          String query = rs.getString("QUERY");
          String upper = query.toUpperCase(Locale.ROOT);
          if (upper.contains("SELECT") && upper.contains("NUMS") && query.contains("?")) {
            rows.add(new Row(query, rs.getLong("CALLS"), rs.getLong("TOTAL_ROWS"),
                rs.getDouble("TOTAL_EXEC_MS"), rs.getDouble("MEAN_EXEC_MS"),
                rs.getDouble("MAX_EXEC_MS"), rs.getDouble("TOTAL_PLAN_MS"),
                rs.getLong("CACHE_HITS"), rs.getLong("CACHE_MISSES")));
          }
        }
      }
      assertEquals(1, rows.size(), "one row for the three texts: " + rows);
      Row row = rows.get(0);
      assertFalse(LITERAL.matcher(row.query()).find(), "a literal in " + row.query());
      return row;
    }
  }
}
