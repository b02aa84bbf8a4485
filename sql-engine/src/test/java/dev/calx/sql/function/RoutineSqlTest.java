package dev.calx.sql.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routines that run SQL, through the embedded driver: each SQL data access characteristic and
 * each refusal of docs/errors.md, atomic CALLs in auto-commit mode and inside a transaction,
 * invoker's rights, nesting and its depth limit, the outermost time limit, and table functions
 * in queries, joins, prepared statements and CALL.
 */
class RoutineSqlTest {
  private String url;
  private Connection admin;

  @BeforeEach
  void open() throws SQLException {
    url = "jdbc:calx:mem:routines-" + UUID.randomUUID();
    admin = DriverManager.getConnection(url);
    execute(admin, "CREATE TABLE t (id INT PRIMARY KEY, v INT)",
        "INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
  }

  @AfterEach
  void close() throws SQLException {
    admin.close();
  }

  /** {@code bump(id, delta)}: adds delta to row id's v, then raises 45000 if delta < 0. */
  private static String bump() {
    SqlGuest g = new SqlGuest();
    String body = "(func (export \"bump\") (param $id i32) (param $d i32) (local $h i32)"
        + " (local.set $h (call $prepare " + g.text("UPDATE t SET v = v + ? WHERE id = ?") + "))"
        + " (drop (call $bind_i32 (local.get $h) (i32.const 1) (local.get $d)))"
        + " (drop (call $bind_i32 (local.get $h) (i32.const 2) (local.get $id)))"
        + " (drop (call $execute (local.get $h)))"
        + " (if (i32.lt_s (local.get $d) (i32.const 0)) (then (call $raise "
        + g.pointer("45000") + " " + g.text("negative delta") + "))))";
    return "CREATE PROCEDURE bump(id INT, delta INT) LANGUAGE WASM MODIFIES SQL DATA AS '"
        + g.module(SqlGuest.SQL, body) + "'";
  }

  /** {@code lookup(id) RETURNS INT}: row id's v, or -1. */
  private static String lookup(String access) {
    SqlGuest g = new SqlGuest();
    String body = "(func (export \"lookup\") (param $id i32) (result i32) (local $h i32)"
        + " (local.set $h (call $prepare " + g.text("SELECT v FROM t WHERE id = ?") + "))"
        + " (drop (call $bind_i32 (local.get $h) (i32.const 1) (local.get $id)))"
        + " (drop (call $execute (local.get $h)))"
        + " (if (result i32) (call $next (local.get $h))"
        + " (then (call $column_i32 (local.get $h) (i32.const 1))) (else (i32.const -1))))";
    return "CREATE FUNCTION lookup(id INT) RETURNS INT LANGUAGE WASM " + access + " AS '"
        + g.module(SqlGuest.SQL, body) + "'";
  }

  /** {@code name()}: a procedure that runs one statement. */
  private static String runner(String name, String access, String sql) {
    SqlGuest g = new SqlGuest();
    String body = "(func (export \"" + name + "\")"
        + " (drop (call $execute (call $prepare " + g.text(sql) + "))))";
    return "CREATE PROCEDURE " + name + "() LANGUAGE WASM " + access + " AS '"
        + g.module(SqlGuest.SQL, body) + "'";
  }

  /** {@code depth(n) RETURNS INT}: n, computed as {@code SELECT depth(n - 1)} plus 1, down to 0. */
  private static String depth() {
    SqlGuest g = new SqlGuest();
    String body = "(func (export \"depth\") (param $n i32) (result i32) (local $h i32)"
        + " (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))"
        + " (local.set $h (call $prepare " + g.text("SELECT depth(?)") + "))"
        + " (drop (call $bind_i32 (local.get $h) (i32.const 1)"
        + " (i32.sub (local.get $n) (i32.const 1))))"
        + " (drop (call $execute (local.get $h)))"
        + " (drop (call $next (local.get $h)))"
        + " (i32.add (call $column_i32 (local.get $h) (i32.const 1)) (i32.const 1)))";
    return "CREATE FUNCTION depth(n INT) RETURNS INT LANGUAGE WASM READS SQL DATA AS '"
        + g.module(SqlGuest.SQL, body) + "'";
  }

  /** {@code series(n) RETURNS TABLE (i INT, sq BIGINT)}: rows 1..n with their squares. */
  private static String series() {
    SqlGuest g = new SqlGuest();
    String body = "(func (export \"series\") (param $n i32) (local $i i32)"
        + " (local.set $i (i32.const 1))"
        + " (block $done (loop $next_row"
        + " (br_if $done (i32.gt_s (local.get $i) (local.get $n)))"
        + " (call $emit_i32 (i32.const 1) (local.get $i))"
        + " (call $emit_i64 (i32.const 2) (i64.mul (i64.extend_i32_s (local.get $i))"
        + " (i64.extend_i32_s (local.get $i))))"
        + " (drop (call $emit_row))"
        + " (local.set $i (i32.add (local.get $i) (i32.const 1)))"
        + " (br $next_row))))";
    return "CREATE FUNCTION series(n INT) RETURNS TABLE (i INT, sq BIGINT) LANGUAGE WASM AS '"
        + g.module(SqlGuest.EMIT, body) + "'";
  }

  @Test
  void callIsAtomicInAutoCommitMode() throws SQLException {
    execute(admin, bump());
    try (Statement s = admin.createStatement()) {
      assertEquals(1, s.executeUpdate("CALL bump(1, 5)"), "the update count of its SQL");
      assertEquals(15, value(admin, 1));
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("CALL bump(1, -5)"));
      assertEquals("45000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("negative delta"), e.getMessage());
      assertEquals(15, value(admin, 1), "the failed call's update is undone");
    }
    try (Connection other = DriverManager.getConnection(url)) {
      assertEquals(15, value(other, 1), "the successful call was committed");
    }
  }

  @Test
  void callIsAtomicInsideATransactionWhichStaysOpen() throws SQLException {
    execute(admin, bump());
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      execute(c, "INSERT INTO t VALUES (9, 90)", "CALL bump(1, 5)");
      SQLException e = assertThrows(SQLException.class, () -> execute(c, "CALL bump(2, -5)"));
      assertEquals("45000", e.getSQLState());
      assertEquals(List.of("1:15", "2:20", "3:30", "9:90"), rows(c),
          "the caller's earlier writes and the first call's are kept, the failed call's undone");
      assertEquals(List.of("1:10", "2:20", "3:30"), rows(admin), "nothing committed yet");
      c.commit();
    }
    assertEquals(List.of("1:15", "2:20", "3:30", "9:90"), rows(admin));
  }

  @Test
  void readsSqlDataFunctionFiltersAQuery() throws SQLException {
    execute(admin, lookup("READS SQL DATA"));
    assertEquals(List.of("2", "3"), column(admin, "SELECT id FROM t WHERE lookup(id) > 15"));
    try (PreparedStatement ps = admin.prepareStatement("SELECT lookup(?)")) {
      ps.setInt(1, 3);
      assertEquals(List.of("30"), column(ps.executeQuery()));
      ps.setInt(1, 7);
      assertEquals(List.of("-1"), column(ps.executeQuery()));
    }
    try (PreparedStatement ps = admin.prepareStatement("SELECT lookup(CAST(? AS INT)) + 1")) {
      ps.setInt(1, 2);
      assertEquals(List.of("21"), column(ps.executeQuery()), "docs/sql-reference.md's cast");
    }
  }

  @Test
  void aRoutineSeesItsCallersUncommittedWrites() throws SQLException {
    execute(admin, lookup("READS SQL DATA"));
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      execute(c, "UPDATE t SET v = 99 WHERE id = 2");
      assertEquals(List.of("99"), column(c, "SELECT lookup(2)"), "the caller's transaction");
      assertEquals(List.of("20"), column(admin, "SELECT lookup(2)"), "another transaction");
      c.rollback();
    }
  }

  @Test
  void noSqlRoutineImportingSqlIsRefusedAtCreate() throws SQLException {
    SQLException e = assertThrows(SQLException.class, () -> execute(admin, lookup("")));
    assertEquals("46000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("calx.prepare"), e.getMessage());
    assertTrue(e.getMessage().contains("READS SQL DATA"), e.getMessage());
    assertEquals(List.of(), column(admin, "SELECT name FROM sys.procedures"));
  }

  @Test
  void aWriteFromReadsSqlDataIs38002EvenFromTheCachedPlan() throws SQLException {
    String update = "UPDATE t SET v = v + 1 WHERE id = 1";
    execute(admin, runner("sneaky", "READS SQL DATA", update));
    for (int i = 0; i < 2; i++) {
      SQLException e = assertThrows(SQLException.class, () -> execute(admin, "CALL sneaky()"));
      assertEquals("38002", e.getSQLState(), e.getMessage());
      execute(admin, update); // planned and cached for the next round
    }
    assertEquals(12, value(admin, 1), "only the caller's own two updates");
  }

  @Test
  void ddlAndTransactionControlFromARoutineAre38003() throws SQLException {
    execute(admin, runner("ddl", "MODIFIES SQL DATA", "CREATE TABLE u (x INT)"),
        runner("commits", "MODIFIES SQL DATA", "COMMIT"));
    for (String call : List.of("CALL ddl()", "CALL commits()")) {
      SQLException e = assertThrows(SQLException.class, () -> execute(admin, call));
      assertEquals("38003", e.getSQLState(), call + ": " + e.getMessage());
    }
  }

  @Test
  void modifyingRoutineInAQueryIs38002AndAProcedureWithoutValueIs42809() throws SQLException {
    execute(admin, bump(), "CREATE PROCEDURE nothing(x INT) LANGUAGE WASM"
        + " AS '(module (func (export \"nothing\") (param i32)))'");
    SQLException e = assertThrows(SQLException.class, () -> column(admin, "SELECT bump(1, 1)"));
    assertEquals("38002", e.getSQLState(), e.getMessage());
    e = assertThrows(SQLException.class,
        () -> column(admin, "SELECT id FROM t WHERE nothing(id) > 0"));
    assertEquals("42809", e.getSQLState(), e.getMessage());
    try (Statement s = admin.createStatement()) {
      assertEquals(0, s.executeUpdate("CALL nothing(1)"));
    }
    assertEquals(10, value(admin, 1));
  }

  @Test
  void routinesRunAsTheirCaller() throws SQLException {
    SqlGuest g = new SqlGuest();
    String body = "(func (export \"alloc\") (param i32) (result i32) (i32.const 8192))"
        + " (func (export \"whoami\") (result i64) (local $h i32) (local $n i32)"
        + " (local.set $h (call $prepare "
        + g.text("SELECT CURRENT_USER || '/' || CURRENT_ROLE") + "))"
        + " (drop (call $execute (local.get $h)))"
        + " (drop (call $next (local.get $h)))"
        + " (local.set $n (call $column_text (local.get $h) (i32.const 1) (i32.const 4096)"
        + " (i32.const 200)))"
        + " (i64.or (i64.shl (i64.const 4096) (i64.const 32)) (i64.extend_i32_u (local.get $n))))";
    execute(admin, "CREATE FUNCTION whoami() RETURNS VARCHAR LANGUAGE WASM READS SQL DATA AS '"
        + g.module(SqlGuest.SQL, body) + "'", runner("makes", "MODIFIES SQL DATA",
        "CREATE TABLE u (x INT)"));
    Properties alice = new Properties();
    alice.setProperty("calx.user", "alice");
    alice.setProperty("calx.role", "user");
    try (Connection c = DriverManager.getConnection(url, alice)) {
      assertEquals(List.of("alice/user"), column(c, "SELECT whoami()"));
      assertEquals(List.of("ALICE/USER"), column(c, "SELECT UPPER(whoami()) FROM t WHERE id = 1"));
      SQLException e = assertThrows(SQLException.class, () -> execute(c, "CALL makes()"));
      assertEquals("38003", e.getSQLState(), e.getMessage());
    }
    assertEquals(List.of("embedded/admin"), column(admin, "SELECT whoami()"));
  }

  @Test
  void nestingReachesSixteenLevelsAndTheSeventeenthIs54001() throws SQLException {
    execute(admin, depth());
    assertEquals(List.of("15"), column(admin, "SELECT depth(15)"), "16 calls deep");
    SQLException e = assertThrows(SQLException.class, () -> column(admin, "SELECT depth(16)"));
    assertEquals("54001", e.getSQLState(), e.getMessage());
    assertEquals(List.of("3"), column(admin, "SELECT depth(3)"), "the next call works");
  }

  @Test
  void theOutermostTimeLimitCoversNestedCalls() throws SQLException {
    SqlGuest g = new SqlGuest();
    String outer = "(func (export \"outer_call\") (result i32) (local $h i32)"
        + " (local.set $h (call $prepare " + g.text("SELECT spin()") + "))"
        + " (drop (call $execute (local.get $h)))"
        + " (drop (call $next (local.get $h)))"
        + " (call $column_i32 (local.get $h) (i32.const 1)))";
    execute(admin, "CREATE FUNCTION spin() RETURNS INT LANGUAGE WASM WITH (timeout_ms = 20000)"
        + " AS '(module (func (export \"spin\") (result i32) (loop $l (br $l)) (i32.const 0)))'",
        "CREATE FUNCTION outer_call() RETURNS INT LANGUAGE WASM READS SQL DATA"
            + " WITH (timeout_ms = 300) AS '" + g.module(SqlGuest.SQL, outer) + "'");
    long start = System.nanoTime();
    SQLException e = assertThrows(SQLException.class, () -> column(admin, "SELECT outer_call()"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("57014", e.getSQLState(), e.getMessage());
    assertTrue(millis < 10_000, "stopped by the outer limit of 300 ms, not spin's 20 s: "
        + millis + " ms");
    assertEquals(List.of("1:10", "2:20", "3:30"), rows(admin), "the database serves on");
  }

  @Test
  void theSqlImportsAreGrantedByTheDeclarationOnly() throws SQLException {
    String module = lookup("NO SQL WITH (imports = 'calx_sql')");
    SQLException e = assertThrows(SQLException.class, () -> execute(admin, module));
    assertEquals("22023", e.getSQLState(), e.getMessage());
  }

  @Test
  void aHeldStatementDoesNotRunARoutineReplacedByOneThatModifies() throws SQLException {
    execute(admin, lookup("READS SQL DATA"));
    try (PreparedStatement held = admin.prepareStatement("SELECT lookup(id) FROM t")) {
      assertEquals(List.of("10", "20", "30"), column(held.executeQuery()));
      execute(admin, lookup("MODIFIES SQL DATA").replace("CREATE FUNCTION",
          "CREATE OR REPLACE FUNCTION"));
      SQLException e = assertThrows(SQLException.class, () -> column(held.executeQuery()));
      assertEquals("42883", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void aModuleWithoutMemoryMayRaiseWithoutAMessage() throws SQLException {
    execute(admin, "CREATE PROCEDURE quits() LANGUAGE WASM AS '(module"
        + " (import \"calx\" \"raise\" (func $raise (param i32 i32 i32)))"
        + " (func (export \"quits\") (call $raise (i32.const 0) (i32.const 0) (i32.const 0))))'");
    SQLException e = assertThrows(SQLException.class, () -> execute(admin, "CALL quits()"));
    assertEquals("45000", e.getSQLState(), e.getMessage());
  }

  @Test
  void aRoutineKeepingManyResultSetsOpenHoldsOneConnection() throws SQLException {
    SqlGuest g = new SqlGuest();
    String body = "(func (export \"hog\") (param $n i32) (result i32) (local $i i32)"
        + " (block $done (loop $more"
        + " (br_if $done (i32.ge_s (local.get $i) (local.get $n)))"
        + " (drop (call $execute (call $prepare " + g.text("SELECT v FROM t") + ")))"
        + " (local.set $i (i32.add (local.get $i) (i32.const 1)))"
        + " (br $more)))"
        + " (local.get $i))";
    execute(admin, "CREATE FUNCTION hog(n INT) RETURNS INT LANGUAGE WASM READS SQL DATA AS '"
        + g.module(SqlGuest.SQL, body) + "'");
    // 40 open result sets, more than the pool's 32 connections.
    assertEquals(List.of("40"), column(admin, "SELECT hog(40)"));
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      assertEquals(List.of("40"), column(c, "SELECT hog(40)"), "inside a transaction");
      c.rollback();
    }
  }

  @Test
  void aBadHandleIs39000() throws SQLException {
    SqlGuest g = new SqlGuest();
    String body = "(func (export \"bad\") (drop (call $execute (i32.const 42))))";
    execute(admin, "CREATE PROCEDURE bad() LANGUAGE WASM READS SQL DATA AS '"
        + g.module(SqlGuest.SQL, body) + "'");
    SQLException e = assertThrows(SQLException.class, () -> execute(admin, "CALL bad()"));
    assertEquals("39000", e.getSQLState(), e.getMessage());
  }

  @Test
  void tableFunctionInQueriesJoinsPreparedStatementsAndCall() throws SQLException {
    execute(admin, series());
    assertEquals(List.of("1:1", "2:4", "3:9"),
        pairs(admin, "SELECT i, sq FROM TABLE(series(3))"));
    assertEquals(List.of("2:4", "3:9"), pairs(admin,
        "SELECT t.id, s.sq FROM t JOIN TABLE(series(5)) AS s ON s.i = t.id WHERE t.v > 10"
            + " ORDER BY t.id"));
    assertEquals(List.of("1:1", "2:1", "2:2"), pairs(admin,
        "SELECT t.id, s.i FROM t, LATERAL TABLE(series(t.id)) AS s WHERE t.id < 3"
            + " ORDER BY t.id, s.i"));
    try (PreparedStatement ps = admin.prepareStatement("SELECT COUNT(*) FROM TABLE(series(?))")) {
      ps.setInt(1, 1000);
      assertEquals(List.of("1000"), column(ps.executeQuery()));
      ps.setNull(1, java.sql.Types.INTEGER);
      assertEquals(List.of("0"), column(ps.executeQuery()), "NULL in, no rows out");
    }
    try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("CALL series(2)")) {
      assertEquals("I", rs.getMetaData().getColumnName(1));
      assertEquals("SQ", rs.getMetaData().getColumnName(2));
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
      assertTrue(rs.next());
      assertEquals(4L, rs.getLong(2));
      assertFalse(rs.next());
    }
  }

  private static int value(Connection c, int id) throws SQLException {
    return Integer.parseInt(column(c, "SELECT v FROM t WHERE id = " + id).get(0));
  }

  private static List<String> rows(Connection c) throws SQLException {
    return pairs(c, "SELECT id, v FROM t ORDER BY id");
  }

  private static List<String> pairs(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + ":" + rs.getString(2));
      }
    }
    return rows;
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return column(s.executeQuery(sql));
    }
  }

  private static List<String> column(ResultSet rs) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static void execute(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }
}
