package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** CREATE OR REPLACE while other connections call the procedure. */
class ConcurrentReplaceTest {
  private static final String URL = "jdbc:calx:mem:concurrent-replace";
  private static final int CALLERS = 4;
  private static final int REPLACEMENTS = 60;

  private static String create(int addend) {
    return "CREATE OR REPLACE FUNCTION bump(x INT) RETURNS INT LANGUAGE WASM AS"
        + " '(module (func (export \"bump\") (param i32) (result i32)"
        + " local.get 0 i32.const " + addend + " i32.add))'";
  }

  @Test
  void everyAnswerComesFromTheOldOrTheNewVersion() throws Exception {
    try (Connection admin = DriverManager.getConnection(URL);
        Statement ddl = admin.createStatement()) {
      ddl.execute(create(1000));
      AtomicBoolean replacing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
      List<Future<long[]>> callers = new ArrayList<>();
      for (int t = 0; t < CALLERS; t++) {
        int thread = t;
        callers.add(pool.submit(() -> call(thread, replacing)));
      }
      for (int i = 0; i < REPLACEMENTS; i++) {
        ddl.execute(create(i % 2 == 0 ? 2000 : 1000));
        Thread.sleep(5);
      }
      replacing.set(false);
      pool.shutdown();
      long[] total = new long[2];
      for (Future<long[]> caller : callers) {
        long[] seen = caller.get();
        total[0] += seen[0];
        total[1] += seen[1];
      }
      assertTrue(total[0] > 0 && total[1] > 0,
          "callers saw both versions: " + total[0] + " old, " + total[1] + " new");
    }
  }

  /** Calls until replacing stops; counts answers from each version, failing on any other. */
  private static long[] call(int thread, AtomicBoolean replacing) throws SQLException {
    long[] seen = new long[2];
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement ps = c.prepareStatement("CALL bump(?)")) {
      for (int x = thread; replacing.get() || seen[0] + seen[1] < 100; x += CALLERS) {
        ps.setInt(1, x);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          int answer = rs.getInt(1);
          if (answer == x + 1000) {
            seen[0]++;
          } else {
            assertEquals(x + 2000, answer, "answer to bump(" + x + ")");
            seen[1]++;
          }
        }
      }
    }
    return seen;
  }
}
