package dev.calx.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calx.sql.jdbc.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart, a routine's module is compiled by its first call: callers that arrive at once
 * all get the answer, and the routine's statistics count every call and no error.
 */
class FirstCallTest {
  private static final int CALLERS = 8;

  @TempDir
  Path data;

  @Test
  void simultaneousFirstCallsAfterARestartAllAnswer() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION triple(x INT) RETURNS INT LANGUAGE WASM AS '(module"
          + " (func (export \"triple\") (param i32) (result i32)"
          + " local.get 0 i32.const 3 i32.mul))'");
      // Changed last, so compiled while the database opens; TRIPLE waits for its first call.
      s.execute("CREATE FUNCTION other(x INT) RETURNS INT LANGUAGE WASM"
          + " AS '(module (func (export \"other\") (param i32) (result i32) local.get 0))'");
    }
    Database.open(data.toString(), null).close();
    CyclicBarrier start = new CyclicBarrier(CALLERS);
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        int x = i;
        answers.add(pool.submit(() -> {
          try (Connection c = connect(); Statement s = c.createStatement()) {
            start.await();
            return single(s, "CALL triple(" + x + ")");
          }
        }));
      }
      for (int i = 0; i < CALLERS; i++) {
        assertEquals(3 * i, answers.get(i).get());
      }
    } finally {
      pool.shutdown();
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertEquals(CALLERS, single(s, "SELECT calls FROM sys.procedure_stats"
          + " WHERE name = 'TRIPLE'"));
      assertEquals(0, single(s, "SELECT sum(errors) FROM sys.procedure_stats"));
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:calx:" + data);
  }

  private static int single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
