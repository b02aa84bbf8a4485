package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * More concurrent INSERT ... SELECT statements calling a function than the embedded database has
 * pooled connections: each reads its rows before it writes, so none waits on another.
 */
class ConcurrentDmlTest {
  private static final String URL = "jdbc:calx:mem:concurrent-dml";
  private static final int THREADS = 40;
  private static final int STATEMENTS = 5;

  @Test
  void moreWritersThanPooledConnectionsAllFinish() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION plus1(x INT) RETURNS INT LANGUAGE WASM AS '(module (func"
          + " (export \"plus1\") (param i32) (result i32) local.get 0 i32.const 1 i32.add))'");
      s.execute("CREATE TABLE src (n INT)");
      s.execute("CREATE TABLE dst (n INT)");
      s.executeUpdate("INSERT INTO src VALUES (1), (2), (3)");
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        writers.add(pool.submit(() -> {
          int inserted = 0;
          try (Connection w = DriverManager.getConnection(URL);
              Statement ws = w.createStatement()) {
            for (int i = 0; i < STATEMENTS; i++) {
              inserted += ws.executeUpdate("INSERT INTO dst SELECT plus1(n) FROM src");
            }
          }
          return inserted;
        }));
      }
      int inserted = 0;
      for (Future<Integer> writer : writers) {
        inserted += writer.get();
      }
      pool.shutdown();
      assertEquals(THREADS * STATEMENTS * 3, inserted);
      try (ResultSet rs = s.executeQuery("SELECT count(*), sum(n) FROM dst")) {
        rs.next();
        assertEquals(THREADS * STATEMENTS * 3, rs.getInt(1));
        assertEquals(THREADS * STATEMENTS * (2 + 3 + 4), rs.getInt(2));
      }
    }
  }
}
