package dev.calx.scratch;

import java.sql.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
  static final String WAT = "(module (func (export \"twice\") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))";

  @Test
  void run() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:scratch");
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE nums(id INT PRIMARY KEY, x INT)");
      s.execute("INSERT INTO nums SELECT * FROM (VALUES (1, 10), (2, 20), (3, 30)) AS t(a, b)");
      s.execute("CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE wasm AS '" + WAT + "'");
      for (int i = 0; i < 5; i++) {
        show(s, "SELECT x FROM nums WHERE id = " + (i % 3 + 1));
        show(s, "CALL twice(" + i + ")");
      }
      System.out.println("update " + s.executeUpdate("UPDATE nums SET x = twice(x) WHERE id = 1"));
      System.out.println("insert " + s.executeUpdate("INSERT INTO nums VALUES (4, twice(21))"));
      try (PreparedStatement p = c.prepareStatement("UPDATE nums SET x = ? WHERE twice(id) > ?")) {
        p.setInt(1, 7); p.setInt(2, 6);
        System.out.println("prepared update " + p.executeUpdate());
      }
      try (PreparedStatement p = c.prepareStatement("SELECT id FROM nums WHERE twice(x) > 0 ORDER BY id LIMIT ?")) {
        p.setLong(1, 2);
        try (ResultSet rs = p.executeQuery()) { while (rs.next()) System.out.println("limit row " + rs.getInt(1)); }
      }
      s.addBatch("INSERT INTO nums VALUES (5, twice(5))");
      s.addBatch("DELETE FROM nums WHERE twice(id) = 8");
      System.out.println("batch " + Arrays.toString(s.executeBatch()));
      show(s, "SELECT * FROM nums ORDER BY id");
      s.execute("CREATE TABLE wide(id INT PRIMARY KEY, a INT, b INT, c VARCHAR(100), d VARCHAR(100))");
      show(s, "EXPLAIN PLAN FOR SELECT a FROM wide WHERE twice(b) > 3");
      show(s, "EXPLAIN PLAN FOR SELECT count(*) FROM wide WHERE twice(b) > 3");
      show(s, "EXPLAIN PLAN FOR UPDATE wide SET a = twice(a) WHERE id = 3");
      {
        long[] t = new long[3000]; long[] u = new long[3000];
        try (PreparedStatement reused = c.prepareStatement("SELECT x FROM nums WHERE id = ?")) {
          for (int i = 0; i < t.length; i++) {
            long st = System.nanoTime();
            try (PreparedStatement p = c.prepareStatement("SELECT x FROM nums WHERE id = ?")) {
              p.setInt(1, i % 3 + 1); try (ResultSet rs = p.executeQuery()) { rs.next(); }
            }
            t[i] = System.nanoTime() - st;
            st = System.nanoTime();
            reused.setInt(1, i % 3 + 1); try (ResultSet rs = reused.executeQuery()) { rs.next(); }
            u[i] = System.nanoTime() - st;
          }
        }
        Arrays.sort(t); Arrays.sort(u);
        System.out.println("prepare-exec-close p50 us " + t[1500] / 1000 + " reused p50 us " + u[1500] / 1000);
      }
      show(s, "SELECT query, calls, total_rows, cache_hits, cache_misses, total_plan_ms FROM sys.statements");
      for (String sql : new String[] {"SELECT x FROM nums WHERE id = %d", "CALL twice(%d)", "INSERT INTO nums VALUES (%d, 1)", "UPDATE nums SET x = x + 1 WHERE id = %d"}) {
        long[] t = new long[3000];
        for (int i = 0; i < t.length; i++) {
          long st = System.nanoTime();
          String q = String.format(sql, 1000 + i);
          if (s.execute(q)) { try (ResultSet rs = s.getResultSet()) { while (rs.next()) {} } }
          t[i] = System.nanoTime() - st;
        }
        Arrays.sort(t);
        System.out.println(sql + " p50 us " + t[t.length / 2] / 1000 + " p99 " + t[t.length * 99 / 100] / 1000);
      }
    }
  }

  static void show(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      StringBuilder b = new StringBuilder(sql + " ->");
      while (rs.next()) { b.append(" |"); for (int i = 1; i <= n; i++) b.append(' ').append(rs.getObject(i)); }
      System.out.println(b);
    }
  }
}
