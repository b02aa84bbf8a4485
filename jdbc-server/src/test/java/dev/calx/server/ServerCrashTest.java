package dev.calx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a server process with SIGKILL at random moments while two remote clients write, one in
 * auto-commit INSERTs, one in transactions of ten rows, then restarts it on the same directory:
 * every transaction must be there wholly or not at all, and every commit acknowledged more than
 * {@link #GRACE_NANOS} before the kill must be there. Commits acknowledged within that last
 * moment are counted, not required: H2 2.5.252 loses the last few milliseconds of acknowledged
 * commits in a small share of kills (docs/operations.md, "Durability"), and the count printed at
 * the end is that measurement.
 */
class ServerCrashTest {
  private static final int ROUNDS = 5;
  private static final int BATCH = 10;
  private static final long GRACE_NANOS = 1_000_000_000L;

  @TempDir
  Path dir;

  /** Acknowledged single-row ids and batches, each with the nanoTime it was acknowledged at. */
  private final Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
  private final Map<Long, Long> committedBatches = new ConcurrentHashMap<>();
  private long killedAt = Long.MAX_VALUE;
  private int lostInTheLastMoment;
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicLong nextBatch = new AtomicLong();

  @Test
  void sigkillKeepsTransactionsWholeAndAcknowledgedCommits() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    for (int round = 0; round <= ROUNDS; round++) {
      try (ServerProcess server = ServerProcess.start(data, log)) {
        try (Connection c = server.connect()) {
          if (round == 0) {
            TestServer.execute(c, "CREATE TABLE single_rows (id BIGINT PRIMARY KEY)",
                "CREATE TABLE batches (id BIGINT PRIMARY KEY, batch BIGINT NOT NULL)");
          }
          check(c, "round " + round + ", seed " + seed);
        }
        if (round < ROUNDS) {
          Thread single = new Thread(() -> insertSingleRows(server));
          Thread batches = new Thread(() -> insertBatches(server));
          int rows = acknowledged.size();
          int transactions = committedBatches.size();
          single.start();
          batches.start();
          awaitWrites(rows, transactions);
          Thread.sleep(300 + random.nextInt(1500));
          killedAt = System.nanoTime();
          server.kill();
          single.join();
          batches.join();
        }
      }
    }
    assertTrue(acknowledged.size() > ROUNDS, "the clients wrote rows: " + acknowledged.size());
    assertTrue(committedBatches.size() > ROUNDS, "and transactions: " + committedBatches.size());
    System.out.printf("ServerCrashTest: %d kills, %d single rows and %d transactions"
        + " acknowledged, %d acknowledged in the last second before a kill and lost%n", ROUNDS,
        acknowledged.size(), committedBatches.size(), lostInTheLastMoment);
  }

  /**
   * Waits until both clients have had a write acknowledged in this round: a server just started
   * on a loaded machine plans its first statements slowly, and a kill before any write tests
   * nothing.
   */
  private void awaitWrites(int rows, int transactions) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((acknowledged.size() == rows || committedBatches.size() == transactions)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** Auto-commit INSERTs until the server dies; an id is acknowledged once the call returns. */
  private void insertSingleRows(ServerProcess server) {
    try (Connection c = server.connect();
        PreparedStatement insert = c.prepareStatement("INSERT INTO single_rows VALUES (?)")) {
      while (true) {
        long id = nextId.incrementAndGet();
        insert.setLong(1, id);
        assertEquals(1, insert.executeUpdate());
        acknowledged.put(id, System.nanoTime());
      }
    } catch (SQLException | RuntimeException e) {
      // the server was killed
    }
  }

  /** Transactions of {@link #BATCH} rows until the server dies. */
  private void insertBatches(ServerProcess server) {
    try (Connection c = server.connect()) {
      // Before preparing: Avatica's client tells the server with the next statement it prepares.
      c.setAutoCommit(false);
      insertBatches(c);
    } catch (SQLException | RuntimeException e) {
      // the server was killed
    }
  }

  private void insertBatches(Connection c) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO batches VALUES (?, ?)")) {
      while (true) {
        long batch = nextBatch.incrementAndGet();
        for (int i = 0; i < BATCH; i++) {
          insert.setLong(1, batch * BATCH + i);
          insert.setLong(2, batch);
          insert.executeUpdate();
        }
        c.commit();
        committedBatches.put(batch, System.nanoTime());
      }
    }
  }

  /**
   * Fails unless every acknowledged key missing from {@code present} was acknowledged in the
   * last moment before the kill; counts those and forgets them, so later rounds do not count
   * them again.
   */
  private void forgetLost(Map<Long, Long> acked, Set<Long> present, String what, String when) {
    for (var it = acked.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Long> e = it.next();
      if (!present.contains(e.getKey())) {
        assertTrue(killedAt - e.getValue() < GRACE_NANOS, what + " " + e.getKey()
            + " acknowledged " + (killedAt - e.getValue()) / 1_000_000 + " ms before the kill"
            + " is lost, " + when);
        lostInTheLastMoment++;
        it.remove();
      }
    }
  }

  private void check(Connection c, String when) throws SQLException {
    Set<Long> rows = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM single_rows")) {
      while (rs.next()) {
        rows.add(rs.getLong(1));
      }
    }
    forgetLost(acknowledged, rows, "single row", when);
    Map<Long, Integer> batches = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT batch, count(*) FROM batches GROUP BY batch")) {
      while (rs.next()) {
        batches.put(rs.getLong(1), rs.getInt(2));
      }
    }
    forgetLost(committedBatches, batches.keySet(), "committed batch", when);
    batches.forEach((batch, count) -> assertEquals(BATCH, count,
        "batch " + batch + " is partly there, " + when));
  }
}
