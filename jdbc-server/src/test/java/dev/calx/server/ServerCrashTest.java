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
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a server process with SIGKILL at random moments while two remote clients write, one in
 * auto-commit INSERTs, one in transactions of ten rows, then restarts it on the same directory:
 * every write a client saw acknowledged must be there, every transaction wholly or not at all.
 */
class ServerCrashTest {
  private static final int ROUNDS = 5;
  private static final int BATCH = 10;

  @TempDir
  Path dir;

  private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
  private final Set<Long> committedBatches = new ConcurrentSkipListSet<>();
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicLong nextBatch = new AtomicLong();

  @Test
  void everyAcknowledgedCommitSurvivesSigkill() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path data = Path.of("target/crash-data-" + seed);
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
          single.start();
          batches.start();
          Thread.sleep(300 + random.nextInt(1500));
          System.err.println("round " + round + " kill after ids " + nextId + " batches " + nextBatch);
          server.kill();
          single.join();
          batches.join();
        }
      }
    }
    assertTrue(acknowledged.size() > ROUNDS, "the clients wrote rows: " + acknowledged.size());
    assertTrue(committedBatches.size() > ROUNDS, "and transactions: " + committedBatches.size());
  }

  /** Auto-commit INSERTs until the server dies; an id is acknowledged once the call returns. */
  private void insertSingleRows(ServerProcess server) {
    try (Connection c = server.connect();
        PreparedStatement insert = c.prepareStatement("INSERT INTO single_rows VALUES (?)")) {
      while (true) {
        long id = nextId.incrementAndGet();
        insert.setLong(1, id);
        assertEquals(1, insert.executeUpdate());
        acknowledged.add(id);
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
        committedBatches.add(batch);
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
    Set<Long> lost = new TreeSet<>(acknowledged);
    lost.removeAll(rows);
    assertEquals(Set.of(), lost, "acknowledged single rows lost, " + when);
    Map<Long, Integer> batches = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT batch, count(*) FROM batches GROUP BY batch")) {
      while (rs.next()) {
        batches.put(rs.getLong(1), rs.getInt(2));
      }
    }
    for (long batch : committedBatches) {
      assertEquals(BATCH, batches.getOrDefault(batch, 0), "committed batch " + batch + ", " + when);
    }
    batches.forEach((batch, count) -> assertEquals(BATCH, count,
        "batch " + batch + " is partly there, " + when));
  }
}
