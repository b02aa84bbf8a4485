package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sixteen clients, each on its own connection, mix CALL, SELECT with WebAssembly functions and
 * INSERT for ten seconds: every answer is checked, no call may fail, and every insert is there.
 */
class ConcurrentClientsTest {
  private static final int CLIENTS = 16;
  private static final long RUN_NANOS = 10_000_000_000L;
  private static final int BASE_ROWS = 100;

  @TempDir
  Path data;

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void sixteenClientsForTenSeconds(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, data)) {
      try (Connection c = server.connect()) {
        execute(c, Guests.add("plus"), Guests.square("sq"), "CREATE TABLE base (x INT)",
            "CREATE TABLE log (client INT, seq INT, total INT)");
        StringBuilder rows = new StringBuilder("INSERT INTO base VALUES (1)");
        for (int x = 2; x <= BASE_ROWS; x++) {
          rows.append(", (").append(x).append(')');
        }
        execute(c, rows.toString());
      }
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<int[]>> results = new ArrayList<>();
      long deadline = System.nanoTime() + RUN_NANOS;
      for (int client = 0; client < CLIENTS; client++) {
        int id = client;
        results.add(pool.submit(() -> runClient(server, id, deadline)));
      }
      pool.shutdown();
      int totalCalls = 0;
      try (Connection c = server.connect()) {
        for (int client = 0; client < CLIENTS; client++) {
          int[] counts = results.get(client).get();
          totalCalls += counts[0];
          assertEquals((long) counts[1], ((Number) single(c,
              "SELECT count(*) FROM log WHERE client = " + client)).longValue(),
              "inserts of client " + client);
        }
        assertEquals(0L, ((Number) single(c,
            "SELECT count(*) FROM log WHERE plus(client, seq) <> total")).longValue());
      }
      assertTrue(totalCalls > CLIENTS, "calls made: " + totalCalls);
    }
  }

  /** Returns {statements run, rows inserted}. */
  private static int[] runClient(TestServer server, int client, long deadline)
      throws SQLException {
    int statements = 0;
    int inserted = 0;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (Connection c = server.connect();
        PreparedStatement call = c.prepareStatement("CALL plus(?, ?)");
        PreparedStatement query =
            c.prepareStatement("SELECT count(*), sum(sq(x)) FROM base WHERE sq(x) > ?");
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO log VALUES (?, ?, ?)")) {
      while (System.nanoTime() < deadline) {
        int a = random.nextInt(1_000_000);
        int b = random.nextInt(1_000_000);
        switch (statements % 4) {
          case 0 -> {
            call.setInt(1, a);
            call.setInt(2, b);
            assertEquals(a + b, singleInt(call), "CALL plus(" + a + ", " + b + ")");
          }
          case 1 -> {
            int bound = random.nextInt(BASE_ROWS + 1);
            query.setInt(1, bound * bound);
            try (ResultSet rs = query.executeQuery()) {
              assertTrue(rs.next());
              long expectedSum = 0;
              for (int x = bound + 1; x <= BASE_ROWS; x++) {
                expectedSum += (long) x * x;
              }
              assertEquals(BASE_ROWS - bound, rs.getLong(1), "rows above " + bound);
              assertEquals(expectedSum, rs.getLong(2), "sum above " + bound);
            }
          }
          case 2 -> {
            insert.setInt(1, client);
            insert.setInt(2, inserted);
            insert.setInt(3, client + inserted);
            assertEquals(1, insert.executeUpdate());
            inserted++;
          }
          default -> assertEquals(a % 46341 * (a % 46341),
              single(c, "CALL sq(" + a % 46341 + ")"), "unprepared CALL sq");
        }
        statements++;
      }
    }
    return new int[] {statements, inserted};
  }

  private static int singleInt(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }
}
