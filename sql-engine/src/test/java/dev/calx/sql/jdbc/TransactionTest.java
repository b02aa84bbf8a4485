package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions through the embedded driver: rollback undoes every kind of write, commit makes it
 * visible and durable, a transaction reads its own writes, savepoints, DDL's implicit commit,
 * isolation levels and write conflicts between connections.
 */
class TransactionTest {
  private static final String TWICE = "CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM"
      + " AS '(module (func (export \"twice\") (param i32) (result i32)"
      + " local.get 0 i32.const 2 i32.mul))'";

  /** Calls a function and writes three rows before a fourth collides with row 1. */
  private static final String HALF_FAILING_INSERT = "INSERT INTO t SELECT twice(id) + 10, v"
      + " FROM t UNION ALL SELECT 1, 0 FROM t WHERE id = 1";

  @TempDir
  Path data;

  private String url;
  private Connection admin;

  @BeforeEach
  void createTable() throws SQLException {
    url = "jdbc:calx:mem:tx-" + UUID.randomUUID();
    admin = DriverManager.getConnection(url);
    execute(admin, "CREATE TABLE t (id INT PRIMARY KEY, v INT)", TWICE,
        "INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
  }

  @AfterEach
  void close() throws SQLException {
    admin.close();
  }

  @Test
  void rollbackUndoesEveryWriteAndOthersNeverSeeIt() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t VALUES (4, 40)",
          "UPDATE t SET v = v + 1 WHERE id = 1",
          "DELETE FROM t WHERE id = 2",
          "INSERT INTO t SELECT id + 10, twice(v) FROM t WHERE id = 3",
          "UPDATE t SET v = twice(v) WHERE id = 4",
          "DELETE FROM t WHERE twice(id) = 6");
      List<String> own = List.of("1:11", "4:80", "13:60");
      assertEquals(own, rows(c), "the transaction reads its own writes");
      assertEquals(List.of("1:10", "2:20", "3:30"), rows(admin), "others see none of them");
      c.rollback();
      assertEquals(List.of("1:10", "2:20", "3:30"), rows(c));
    }
    assertEquals(List.of("1:10", "2:20", "3:30"), rows(admin));
  }

  @Test
  void commitIsSeenByOthersAndSurvivesARestart() throws SQLException {
    String disk = "jdbc:calx:" + data;
    try (Connection c = DriverManager.getConnection(disk)) {
      execute(c, "CREATE TABLE t (id INT PRIMARY KEY, v INT)", TWICE);
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t VALUES (1, 10)", "INSERT INTO t SELECT 2, twice(21)");
      try (Connection other = DriverManager.getConnection(disk)) {
        assertEquals(List.of(), rows(other));
        c.commit();
        assertEquals(List.of("1:10", "2:42"), rows(other));
      }
      execute(c, "INSERT INTO t VALUES (3, 30)");
    }
    Database.open(data.toString(), null).close();
    try (Connection c = DriverManager.getConnection(disk)) {
      assertEquals(List.of("1:10", "2:42"), rows(c), "committed rows only, after a restart");
    }
  }

  @Test
  void sqlStatementsControlTheTransaction() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t VALUES (4, 40)", "SAVEPOINT a",
          "INSERT INTO t VALUES (5, 50)", "SAVEPOINT b",
          "INSERT INTO t VALUES (6, 60)", "ROLLBACK TO SAVEPOINT a");
      assertEquals(List.of("1:10", "2:20", "3:30", "4:40"), rows(c));
      SQLException gone = assertThrows(SQLException.class,
          () -> execute(c, "RELEASE SAVEPOINT b"));
      assertEquals("3B001", gone.getSQLState(), gone.getMessage());
      execute(c, "INSERT INTO t VALUES (7, 70)", "RELEASE SAVEPOINT a", "COMMIT WORK");
      execute(c, "DELETE FROM t WHERE id > 3", "ROLLBACK");
    }
    assertEquals(List.of("1:10", "2:20", "3:30", "4:40", "7:70"), rows(admin));
  }

  @Test
  void startTransactionOpensOneInAutoCommitMode() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      execute(c, "START TRANSACTION", "INSERT INTO t VALUES (4, 40)",
          "UPDATE t SET v = twice(v) WHERE id = 1");
      assertEquals(List.of("1:10", "2:20", "3:30"), rows(admin), "not committed yet");
      assertEquals("25001", assertThrows(SQLException.class,
          () -> execute(c, "BEGIN")).getSQLState());
      execute(c, "ROLLBACK", "BEGIN WORK", "INSERT INTO t VALUES (5, 50)", "SAVEPOINT s",
          "INSERT INTO t VALUES (6, 60)", "ROLLBACK TO s", "COMMIT");
      execute(c, "INSERT INTO t VALUES (7, 70)");
      assertEquals("25P01", assertThrows(SQLException.class, c::rollback).getSQLState(),
          "auto-commit resumed after COMMIT");
      assertTrue(c.getAutoCommit());
    }
    assertEquals(List.of("1:10", "2:20", "3:30", "5:50", "7:70"), rows(admin));
  }

  @Test
  void jdbcSavepoints() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      SQLException noTransaction = assertThrows(SQLException.class, c::setSavepoint);
      assertEquals("25P01", noTransaction.getSQLState());
      c.setAutoCommit(false);
      execute(c, "UPDATE t SET v = 0 WHERE id = 1");
      Savepoint first = c.setSavepoint();
      execute(c, "UPDATE t SET v = twice(v) WHERE id = 2");
      Savepoint named = c.setSavepoint("named");
      assertEquals("named", named.getSavepointName());
      execute(c, "DELETE FROM t WHERE id = 3");
      c.rollback(named);
      assertEquals(List.of("1:0", "2:40", "3:30"), rows(c));
      c.rollback(first);
      assertEquals(List.of("1:0", "2:20", "3:30"), rows(c));
      assertEquals("3B001", assertThrows(SQLException.class, () -> c.rollback(named))
          .getSQLState(), "a savepoint after the one rolled back to is gone");
      c.releaseSavepoint(first);
      c.commit();
      assertEquals("3B001", assertThrows(SQLException.class, () -> c.rollback(first))
          .getSQLState());
    }
    assertEquals(List.of("1:0", "2:20", "3:30"), rows(admin));
  }

  @Test
  void inAutoCommitModeJdbcCommitFailsAndSqlCommitDoesNothing() throws SQLException {
    assertEquals("25P01", assertThrows(SQLException.class, admin::commit).getSQLState());
    assertEquals("25P01", assertThrows(SQLException.class, admin::rollback).getSQLState());
    execute(admin, "INSERT INTO t VALUES (4, 40)", "ROLLBACK", "COMMIT");
    assertEquals(List.of("1:10", "2:20", "3:30", "4:40"), rows(admin));
  }

  @Test
  void closingRollsBackAndBackToAutoCommitCommits() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t VALUES (4, 40)");
    }
    assertEquals(List.of("1:10", "2:20", "3:30"), rows(admin));
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t VALUES (5, 50)");
      c.setAutoCommit(true);
      assertTrue(c.getAutoCommit());
    }
    assertEquals(List.of("1:10", "2:20", "3:30", "5:50"), rows(admin));
  }

  @Test
  void aFailedStatementLeavesNothingAndTheTransactionGoesOn() throws SQLException {
    SQLException duplicate = assertThrows(SQLException.class,
        () -> execute(admin, "INSERT INTO t VALUES (8, 80), (9, 90), (1, 0)"));
    assertEquals("23505", duplicate.getSQLState(), duplicate.getMessage());
    assertThrows(SQLException.class, () -> execute(admin, HALF_FAILING_INSERT));
    assertEquals(List.of("1:10", "2:20", "3:30"), rows(admin), "auto-commit: all or nothing");
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t VALUES (4, 40)");
      assertThrows(SQLException.class, () -> execute(c, HALF_FAILING_INSERT));
      execute(c, "INSERT INTO t VALUES (5, 50)");
      c.commit();
    }
    assertEquals(List.of("1:10", "2:20", "3:30", "4:40", "5:50"), rows(admin));
  }

  @Test
  void ddlCommitsTheOpenTransactionFirst() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t VALUES (4, 40)", "CREATE TABLE u (id INT)",
          "INSERT INTO t VALUES (5, 50)");
      c.rollback();
    }
    assertEquals(List.of("1:10", "2:20", "3:30", "4:40"), rows(admin));
  }

  @Test
  void isolationLevels() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
      assertEquals("0A000", assertThrows(SQLException.class,
          () -> c.setTransactionIsolation(Connection.TRANSACTION_NONE)).getSQLState());
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setAutoCommit(false);
      assertEquals(List.of("1:10", "2:20", "3:30"), rows(c));
      execute(admin, "UPDATE t SET v = 11 WHERE id = 1");
      assertEquals(List.of("1:10", "2:20", "3:30"), rows(c), "a repeatable read");
      assertEquals("25001", assertThrows(SQLException.class,
          () -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE)).getSQLState());
      c.commit();
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
      assertEquals(List.of("1:11", "2:20", "3:30"), rows(c));
    }
  }

  @Test
  void aWriteConflictWaitsThenFailsAndNoUpdateIsLost() throws Exception {
    try (Connection a = DriverManager.getConnection(url);
        Connection b = DriverManager.getConnection(url)) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      execute(a, "UPDATE t SET v = v + 1 WHERE id = 1");
      SQLException timeout = assertThrows(SQLException.class,
          () -> execute(b, "UPDATE t SET v = v + 1 WHERE id = 1"));
      assertEquals("HYT00", timeout.getSQLState(), timeout.getMessage());
      CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
        try {
          execute(b, "UPDATE t SET v = v + 1 WHERE id = 1");
          b.commit();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(200);
      a.commit();
      waiting.get(30, TimeUnit.SECONDS);
    }
    assertEquals(List.of("1:12", "2:20", "3:30"), rows(admin), "both increments applied");
  }

  @Test
  void aRepeatableReadThatWouldLoseAnUpdateFails40001() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setAutoCommit(false);
      assertEquals(List.of("1:10", "2:20", "3:30"), rows(c));
      execute(admin, "UPDATE t SET v = 11 WHERE id = 1");
      SQLException conflict = assertThrows(SQLException.class,
          () -> execute(c, "UPDATE t SET v = v + 1 WHERE id = 1"));
      assertEquals("40001", conflict.getSQLState(), conflict.getMessage());
      c.rollback();
    }
    assertEquals(List.of("1:11", "2:20", "3:30"), rows(admin));
  }

  @Test
  void openTransactionsHoldThePoolAndTheNextStatementGives53300() throws SQLException {
    List<Connection> holders = new ArrayList<>();
    try {
      for (int i = 0; i < 32; i++) {
        Connection c = DriverManager.getConnection(url);
        holders.add(c);
        c.setAutoCommit(false);
        rows(c);
      }
      SQLException full = assertThrows(SQLException.class, () -> rows(admin));
      assertEquals("53300", full.getSQLState(), full.getMessage());
      holders.get(0).rollback();
      assertEquals(List.of("1:10", "2:20", "3:30"), rows(admin), "a transaction ended");
    } finally {
      for (Connection c : holders) {
        c.close();
      }
    }
  }

  @Test
  void preparedStatementsJoinTheTransaction() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(
              "INSERT INTO t SELECT id + ?, twice(v) FROM t WHERE id = ?");
          PreparedStatement update = c.prepareStatement("UPDATE t SET v = ? WHERE id = ?")) {
        insert.setInt(1, 3);
        insert.setInt(2, 1);
        assertEquals(1, insert.executeUpdate());
        update.setInt(1, 0);
        update.setInt(2, 1);
        assertEquals(1, update.executeUpdate());
      }
      assertEquals(List.of("1:0", "2:20", "3:30", "4:20"), rows(c));
      c.rollback();
    }
    assertEquals(List.of("1:10", "2:20", "3:30"), rows(admin));
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

  private static void execute(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
