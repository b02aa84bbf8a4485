package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose data directory is on a real, small file system (tmpfs; mounting it needs root,
 * which CI has) that fills up: writes fail with 53100, nothing acknowledged is lost, functions
 * and the catalog keep working, and once space is freed the same server serves tables again.
 */
class FullDiskTest {
  private static final String PAYLOAD = "x".repeat(1_000);
  /** Room the database may fill once the ballast is written. */
  private static final long ROOM = 4L << 20;

  @TempDir
  Path dir;

  private Path mount;

  @BeforeEach
  void mountSmallFileSystem() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "mounting a file system needs root; CI runs as root");
    mount = Files.createDirectory(dir.resolve("fs"));
    run("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", mount.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", "-l", mount.toString());
    }
  }

  @Test
  void aFullDiskFails53100AndTheServerServesAgainOnceSpaceIsBack() throws Exception {
    Path data = mount.resolve("data");
    Set<Long> acknowledged = new TreeSet<>();
    try (TestServer server = TestServer.start(Serialization.PROTOBUF, data);
        Connection c = server.connect()) {
      execute(c, "CREATE TABLE r (id BIGINT PRIMARY KEY, payload VARCHAR(2000))",
          Guests.square("sq"));
      Path ballast = mount.resolve("ballast");
      writeBallast(ballast, Files.getFileStore(mount).getUsableSpace() - ROOM);

      SQLException full = fill(c, acknowledged);
      assertEquals("53100", full.getSQLState(), full.getMessage());
      assertTrue(full.getMessage().contains("disk full"), full.getMessage());
      assertTrue(acknowledged.size() > 100, "rows written before the disk filled");
      SQLException stillFull = assertThrows(SQLException.class, () -> insert(c, 0));
      assertEquals("53100", stillFull.getSQLState(), stillFull.getMessage());
      assertEquals(49, single(c, "CALL sq(7)"), "functions run on a full disk");
      assertEquals("SQ", single(c, "SELECT name FROM sys.procedures"));

      Files.delete(ballast);
      long next = acknowledged.size() + 1L;
      insert(c, next);
      acknowledged.add(next);
      assertEquals(acknowledged, ids(c), "the same server serves again, nothing lost");
    }
    try (TestServer server = TestServer.start(Serialization.PROTOBUF, data);
        Connection c = server.connect()) {
      assertEquals(acknowledged, ids(c), "after a restart");
      assertEquals(49, single(c, "CALL sq(7)"));
    }
  }

  /**
   * A transaction open when the disk fills is lost (40003), and does not keep the database from
   * opening again once space is back. (While the disk is full, reopening needs to write its
   * rollback, so until then every statement on tables fails.)
   */
  @Test
  void aTransactionOpenAcrossTheFailureEndsWith40003() throws Exception {
    Path data = mount.resolve("data");
    Set<Long> acknowledged = new TreeSet<>();
    try (TestServer server = TestServer.start(Serialization.PROTOBUF, data);
        Connection c = server.connect();
        Connection open = server.connect()) {
      execute(c, "CREATE TABLE r (id BIGINT PRIMARY KEY, payload VARCHAR(2000))",
          Guests.square("sq"));
      open.setAutoCommit(false);
      insert(open, -1);
      Path ballast = mount.resolve("ballast");
      writeBallast(ballast, Files.getFileStore(mount).getUsableSpace() - ROOM);
      assertEquals("53100", fill(c, acknowledged).getSQLState());
      assertEquals(49, single(c, "CALL sq(7)"), "functions run on a full disk");

      Files.delete(ballast);
      SQLException lost = assertThrows(SQLException.class, () -> insert(open, -2));
      assertEquals("40003", lost.getSQLState(), lost.getMessage());
      open.rollback();
      long next = acknowledged.size() + 1L;
      insert(c, next);
      acknowledged.add(next);
      insert(open, -3);
      open.commit();
      acknowledged.add(-3L);
      assertEquals(acknowledged, ids(c), "the same server serves again, nothing lost");
    }
  }

  /** Inserts rows until one fails; returns that failure. */
  private static SQLException fill(Connection c, Set<Long> acknowledged) {
    for (long id = 1; id < 1_000_000; id++) {
      try {
        insert(c, id);
        acknowledged.add(id);
      } catch (SQLException e) {
        return e;
      }
    }
    throw new AssertionError("the file system never filled");
  }

  private static void insert(Connection c, long id) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO r VALUES (?, ?)")) {
      insert.setLong(1, id);
      insert.setString(2, PAYLOAD);
      assertEquals(1, insert.executeUpdate());
    }
  }

  private static Set<Long> ids(Connection c) throws SQLException {
    Set<Long> ids = new TreeSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM r")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static void writeBallast(Path file, long bytes) throws IOException {
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written + block.length <= bytes; written += block.length) {
        out.write(block);
      }
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + output);
    assertNotNull(output);
  }
}
