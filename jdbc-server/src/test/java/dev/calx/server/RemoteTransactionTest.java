package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Transactions of remote clients: the client's auto-commit, commit and rollback reach the
 * connection's transaction on the server, SQL's transaction statements work, and what a client
 * commits survives a restart of the server.
 */
class RemoteTransactionTest {
  private static final List<String> START = List.of("1:10", "2:20", "3:30");

  @TempDir
  Path data;

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void rollbackUndoesEveryWriteThatOthersNeverSaw(Serialization serialization)
      throws Exception {
    try (TestServer server = TestServer.start(serialization, data);
        Connection c = server.connect();
        Connection other = server.connect()) {
      createTable(c);
      c.setAutoCommit(false);
      assertFalse(c.getAutoCommit());
      execute(c, "INSERT INTO t VALUES (4, 40)", "UPDATE t SET v = v + 1 WHERE id = 1",
          "DELETE FROM t WHERE id = 2", "INSERT INTO t SELECT id + 10, sq(v) FROM t WHERE id = 3",
          "UPDATE t SET v = sq(v) WHERE id = 4", "DELETE FROM t WHERE sq(id) = 9");
      assertEquals(List.of("1:11", "4:1600", "13:900"), rows(c), "its own writes");
      assertEquals(START, rows(other), "none of them for another connection");
      c.rollback();
      assertEquals(START, rows(c));
      assertEquals(START, rows(other));
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void committedWorkSurvivesARestartAndOpenWorkDoesNot(Serialization serialization)
      throws Exception {
    try (TestServer server = TestServer.start(serialization, data);
        Connection c = server.connect();
        Connection other = server.connect()) {
      createTable(c);
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t SELECT 4, sq(2) FROM t WHERE id = 1");
      assertEquals(START, rows(other));
      c.commit();
      assertEquals(List.of("1:10", "2:20", "3:30", "4:4"), rows(other));
      execute(c, "INSERT INTO t VALUES (5, 50)");
      try (Connection leaving = server.connect()) {
        leaving.setAutoCommit(false);
        execute(leaving, "INSERT INTO t VALUES (6, 60)");
      }
    }
    try (TestServer server = TestServer.start(serialization, data);
        Connection c = server.connect()) {
      assertEquals(List.of("1:10", "2:20", "3:30", "4:4"), rows(c));
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void sqlTransactionStatementsAndSavepoints(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, data);
        Connection c = server.connect()) {
      createTable(c);
      c.setAutoCommit(false);
      execute(c, "DELETE FROM t WHERE id = 1", "SAVEPOINT before_update",
          "UPDATE t SET v = sq(v)", "ROLLBACK TO SAVEPOINT before_update",
          "INSERT INTO t VALUES (4, 40)", "RELEASE SAVEPOINT before_update");
      SQLException gone = assertThrows(SQLException.class,
          () -> execute(c, "ROLLBACK TO SAVEPOINT before_update"));
      assertEquals("3B001", gone.getSQLState(), gone.getMessage());
      execute(c, "COMMIT", "DELETE FROM t", "ROLLBACK");
      assertEquals(List.of("2:20", "3:30", "4:40"), rows(c));
    }
  }

  /**
   * Avatica's client tells the server of {@code setAutoCommit(false)} only with the next
   * statement it creates or prepares, so a statement prepared before still runs in auto-commit
   * mode. The server cannot see that coming, but it refuses the commit, so the client learns it.
   */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void aCommitTheServerCouldNotHonourFails(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, data);
        Connection c = server.connect()) {
      createTable(c);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (4, 40)")) {
        c.setAutoCommit(false);
        insert.executeUpdate();
        // Avatica's client throws its own runtime exception for a failed rollback.
        AvaticaClientRuntimeException notInTransaction =
            assertThrows(AvaticaClientRuntimeException.class, c::rollback);
        assertEquals("25P01", notInTransaction.getSqlState(), notInTransaction.getMessage());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void twoClientsUpdatingOneRow(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, data);
        Connection a = server.connect();
        Connection b = server.connect()) {
      createTable(a);
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      execute(a, "UPDATE t SET v = v + 1 WHERE id = 1");
      SQLException locked = assertThrows(SQLException.class,
          () -> execute(b, "UPDATE t SET v = v + 1 WHERE id = 1"));
      assertEquals("HYT00", locked.getSQLState(), locked.getMessage());
      a.commit();
      execute(b, "UPDATE t SET v = v + 1 WHERE id = 1");
      b.commit();
      assertEquals(List.of("1:12", "2:20", "3:30"), rows(a), "no update lost");
    }
  }

  private static void createTable(Connection c) throws SQLException {
    execute(c, "CREATE TABLE t (id INT PRIMARY KEY, v INT)", Guests.square("sq"),
        "INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
  }

  private static List<String> rows(Connection c) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, v FROM t ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + ":" + rs.getInt(2));
      }
    }
    return rows;
  }
}
