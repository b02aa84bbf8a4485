package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With every connection of the embedded database's pool held by an open transaction, those
 * transactions can still run statements over tables: planning reads the table metadata the
 * schema remembers instead of borrowing another pool connection (docs/operations.md,
 * "Concurrent statements").
 */
class PoolLimitTest {
  private static final int POOL_SIZE = 32;

  @Test
  void transactionsHoldingThePoolStillRunTheirStatements() throws SQLException {
    String url = "jdbc:calx:mem:pool-" + UUID.randomUUID();
    List<Connection> open = new ArrayList<>();
    try (Connection setup = DriverManager.getConnection(url);
        Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY, x INT)");
      s.execute("INSERT INTO t VALUES (0, 0)");
      for (int i = 0; i < POOL_SIZE; i++) {
        Connection c = DriverManager.getConnection(url);
        open.add(c);
        c.setAutoCommit(false);
        try (Statement first = c.createStatement()) {
          first.executeUpdate("INSERT INTO t VALUES (" + (i + 1) + ", " + i + ")");
        }
      }
      long start = System.nanoTime();
      for (int i = 0; i < POOL_SIZE; i++) {
        try (Statement next = open.get(i).createStatement();
            ResultSet rs = next.executeQuery("SELECT x FROM t WHERE id = " + (i + 1))) {
          assertTrue(rs.next());
          assertEquals(i, rs.getInt(1));
        }
        open.get(i).commit();
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      // A statement that had to wait for a pool connection would wait 10 s and fail with 53300.
      assertTrue(millis < 9_000, "the statements took " + millis + " ms");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        assertTrue(rs.next());
        assertEquals(POOL_SIZE + 1, rs.getInt(1));
      }
    } finally {
      for (Connection c : open) {
        c.close();
      }
    }
  }
}
