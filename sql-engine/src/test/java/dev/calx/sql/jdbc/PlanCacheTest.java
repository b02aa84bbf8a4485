package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statements whose text is the same, or the same but for its literals, get the answers a fresh
 * plan would give after the tables, functions or session they depend on change, with the plan
 * cache on (the default) and off ({@code plan_cache_size=0}).
 */
class PlanCacheTest {
  /** The URL options under test: the default cache, and none. */
  private static final String DEFAULT = "";
  private static final String NO_CACHE = ";plan_cache_size=0";
  /** Concurrent readers, and the rows of their table. */
  private static final int READERS = 4;
  private static final int IDS = 50;

  private final List<Connection> open = new ArrayList<>();
  private Connection c;

  @AfterEach
  void close() throws SQLException {
    for (Connection connection : open) {
      connection.close();
    }
  }

  /** A new named in-memory database, its admin connection in {@link #c}; returns its URL. */
  private String database(String options) throws SQLException {
    String url = "jdbc:calx:mem:plan-" + UUID.randomUUID() + options;
    c = connect(url, "admin");
    return url;
  }

  private Connection connect(String url, String role) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("calx.role", role);
    Connection connection = DriverManager.getConnection(url, properties);
    open.add(connection);
    return connection;
  }

  /** {@code f(x INT) RETURNS INT}: x * factor. */
  private static String times(int factor) {
    return "CREATE OR REPLACE FUNCTION f(x INT) RETURNS INT LANGUAGE WASM AS '(module"
        + " (func (export \"f\") (param i32) (result i32) local.get 0 i32.const " + factor
        + " i32.mul))'";
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void aTableDroppedAndCreatedWithOtherColumns(String options) throws SQLException {
    database(options);
    execute(c, "CREATE TABLE p (id INT PRIMARY KEY, x INT)", "INSERT INTO p VALUES (1, 10)");
    assertAnswers("SELECT * FROM p", "1|10");
    assertAnswers("SELECT x FROM p WHERE id = 1", "10");
    assertTypes("SELECT * FROM p", "INTEGER", "INTEGER");

    execute(c, "DROP TABLE p", "CREATE TABLE p (id INT PRIMARY KEY, x VARCHAR(10), y DOUBLE)",
        "INSERT INTO p VALUES (1, 'ten', 2.5)");
    assertAnswers("SELECT * FROM p", "1|'ten'|2.5");
    assertAnswers("SELECT x FROM p WHERE id = 1", "'ten'");
    assertTypes("SELECT * FROM p", "INTEGER", "VARCHAR", "DOUBLE");

    execute(c, "DROP TABLE p", "CREATE TABLE p (id INT PRIMARY KEY, z INT)",
        "INSERT INTO p VALUES (1, 7)");
    assertAnswers("SELECT * FROM p", "1|7");
    assertFails("42S22", "SELECT x FROM p WHERE id = 1");

    execute(c, "DROP TABLE p");
    assertFails("42S02", "SELECT * FROM p");
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void aFunctionReplacedWithANewBody(String options) throws SQLException {
    database(options);
    execute(c, "CREATE TABLE nums (id INT PRIMARY KEY, x INT)",
        "INSERT INTO nums VALUES (1, 1), (2, 2), (3, 3)", times(2));
    assertAnswers("CALL f(5)", "10");
    assertAnswers("SELECT f(x) FROM nums WHERE id = 2", "4");
    assertAnswers("SELECT id FROM nums WHERE f(x) > 4 ORDER BY id", "3");
    assertChanges("UPDATE nums SET x = f(id) WHERE id = 1", 1, 1, 1, 1);
    assertAnswers("SELECT x FROM nums WHERE id = 1", "2");

    execute(c, times(3));
    assertAnswers("CALL f(5)", "15");
    assertAnswers("SELECT f(x) FROM nums WHERE id = 2", "6");
    // x is 2, 2, 3 now: 6, 6, 9 (the old body would give 4, 4, 6).
    assertAnswers("SELECT id FROM nums WHERE f(x) > 4 ORDER BY id", "1", "2", "3");
    assertChanges("UPDATE nums SET x = f(id) WHERE id = 1", 1, 1, 1, 1);
    assertAnswers("SELECT x FROM nums WHERE id = 1", "3");
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void aFunctionReplacedWithAnotherResultType(String options) throws SQLException {
    database(options);
    execute(c, times(2));
    assertAnswers("CALL f(5)", "10");
    assertTypes("CALL f(5)", "INTEGER");

    execute(c, "CREATE OR REPLACE FUNCTION f(x INT) RETURNS DOUBLE LANGUAGE WASM AS '(module"
        + " (func (export \"f\") (param i32) (result f64)"
        + " local.get 0 f64.convert_i32_s f64.const 0.5 f64.mul))'");
    assertAnswers("CALL f(5)", "2.5");
    assertTypes("CALL f(5)", "DOUBLE");
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void aFunctionReplacedWithMoreParameters(String options) throws SQLException {
    database(options);
    execute(c, times(2));
    assertAnswers("CALL f(5)", "10");
    assertFails("42883", "CALL f(5, 3)");

    execute(c, "CREATE OR REPLACE FUNCTION f(a INT, b INT) RETURNS INT LANGUAGE WASM AS '(module"
        + " (func (export \"f\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.mul))'");
    assertFails("42883", "CALL f(5)");
    assertAnswers("CALL f(5, 3)", "15");

    execute(c, times(4));
    assertAnswers("CALL f(5)", "20");
    assertFails("42883", "CALL f(5, 3)");
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void aFunctionReplacedWithTextParameters(String options) throws SQLException {
    database(options);
    execute(c, times(2));
    assertAnswers("CALL f(21)", "42");
    assertFails("22018", "CALL f('abc')");

    // f(t VARCHAR) RETURNS VARCHAR: t itself. The host writes the argument where alloc says and
    // copies the result out before the next call, so one fixed buffer is enough.
    execute(c, "CREATE OR REPLACE FUNCTION f(t VARCHAR) RETURNS VARCHAR LANGUAGE WASM AS '(module"
        + " (memory (export \"memory\") 1)"
        + " (func (export \"alloc\") (param i32) (result i32) i32.const 1024)"
        + " (func (export \"f\") (param i32 i32) (result i64)"
        + " local.get 0 i64.extend_i32_u i64.const 32 i64.shl"
        + " local.get 1 i64.extend_i32_u i64.or))'");
    assertAnswers("CALL f('abc')", "'abc'");
    assertAnswers("CALL f('abcdef')", "'abcdef'");
    assertAnswers("CALL f(21)", "'21'");
    assertTypes("CALL f('abc')", "VARCHAR");
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void aDroppedFunctionFailsUntilCreatedAgain(String options) throws SQLException {
    database(options);
    execute(c, "CREATE TABLE nums (id INT PRIMARY KEY, x INT)", "INSERT INTO nums VALUES (1, 1)",
        times(2));
    assertAnswers("CALL f(5)", "10");
    assertAnswers("SELECT f(x) FROM nums WHERE id = 1", "2");
    try (PreparedStatement before = c.prepareStatement("CALL f(?)")) {
      execute(c, "DROP FUNCTION f");
      // A new statement naming an unknown function: 42883 (docs/errors.md).
      assertFails("42883", "CALL f(5)");
      assertFails("42883", "SELECT f(x) FROM nums WHERE id = 1");
      assertFails("42883", "UPDATE nums SET x = f(x) WHERE id = 1");
      // One prepared before the DROP: 42704.
      before.setInt(1, 5);
      SQLException dropped = assertThrows(SQLException.class, () -> rows(before.executeQuery()));
      assertEquals("42704", dropped.getSQLState(), dropped.getMessage());

      execute(c, times(3));
      assertAnswers("CALL f(5)", "15");
      assertAnswers("SELECT f(x) FROM nums WHERE id = 1", "3");
      // Documented: a statement prepared before the DROP calls the new function of the same
      // signature.
      assertEquals(List.of("15"), rows(before.executeQuery()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void theSameTextUnderTheAdminAndTheUserRole(String options) throws SQLException {
    String url = database(options);
    Connection user = connect(url, "user");
    execute(c, "CREATE TABLE t (id INT)", times(2));
    String create = "CREATE OR REPLACE FUNCTION g(x INT) RETURNS INT LANGUAGE WASM AS '(module"
        + " (func (export \"g\") (param i32) (result i32) local.get 0))'";
    String drop = "DROP TABLE IF EXISTS nothing";
    // DDL is for the admin role only, whichever of the two ran the same text before.
    execute(c, create, drop);
    for (String ddl : List.of(create, drop)) {
      SQLException refused = assertThrows(SQLException.class, () -> execute(user, ddl));
      assertEquals("42501", refused.getSQLState(), refused.getMessage());
    }
    execute(c, create, drop);
    // Queries, CALLs and data changes are for both, with the same answers.
    for (Connection connection : List.of(c, user, c, user)) {
      assertAnswers(connection, "CALL f(4)", "8");
      assertAnswers(connection, "SELECT name FROM sys.procedures WHERE name = 'G'", "'G'");
      assertChanges(connection, "INSERT INTO t VALUES (f(1))", 1, 1, 1, 1);
      assertAnswers(connection, "SELECT count(*) FROM t WHERE id = 2", "4");
      assertChanges(connection, "DELETE FROM t WHERE id = f(1)", 4, 0, 0, 0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void literalsOfOtherTypesInTheSamePlace(String options) throws SQLException {
    database(options);
    execute(c, "CREATE TABLE nums (id INT PRIMARY KEY, x INT, d DECIMAL(10, 2))",
        "INSERT INTO nums VALUES (1, 1, 1.50), (2, 2, 2.00), (3, 3, 3.25)", times(2));
    assertAnswers("SELECT id FROM nums WHERE x = 1", "1");
    assertAnswers("SELECT id FROM nums WHERE x = 2", "2");
    assertAnswers("SELECT id FROM nums WHERE x = 1.5");
    assertAnswers("SELECT id FROM nums WHERE x = 2.0", "2");
    assertAnswers("SELECT id FROM nums WHERE x = '1'", "1");
    assertAnswers("SELECT id FROM nums WHERE x = NULL");
    assertAnswers("SELECT id FROM nums WHERE x IN (1, 2) ORDER BY id", "1", "2");
    assertAnswers("SELECT id FROM nums WHERE x IN (1, 2, 3) ORDER BY id", "1", "2", "3");
    assertAnswers("SELECT id FROM nums WHERE x IN (3) ORDER BY id", "3");
    assertAnswers("SELECT id FROM nums WHERE d = 1.5", "1");
    assertAnswers("SELECT id FROM nums WHERE d = 2", "2");
    assertAnswers("SELECT id FROM nums WHERE d > 3.2", "3");
    // Integer division, then decimal division, in the same place.
    assertAnswers("SELECT x / 2 FROM nums WHERE id = 3", "1");
    assertAnswers("SELECT x / 2.0 FROM nums WHERE id = 3", "1.500");
    assertAnswers("SELECT x / 2 FROM nums WHERE id = 3", "1");
    assertAnswers("SELECT x + 1 FROM nums WHERE id = 1", "2");
    assertAnswers("SELECT x + 0.5 FROM nums WHERE id = 1", "1.5");
    assertAnswers("SELECT d * 2 FROM nums WHERE id = 1", "3.00");
    assertAnswers("SELECT d * 2.5 FROM nums WHERE id = 1", "3.750");
    assertAnswers("SELECT f(x) + 1 FROM nums WHERE id = 1", "3");
    assertAnswers("SELECT f(x) + 0.5 FROM nums WHERE id = 1", "2.5");
    assertAnswers("SELECT f(x) FROM nums WHERE x = 2", "4");
    assertAnswers("SELECT f(x) FROM nums WHERE x = NULL");
    assertAnswers("CALL f(2)", "4");
    assertAnswers("CALL f(NULL)", "null");
    assertAnswers("CALL f(2)", "4");
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void limitsAndOffsets(String options) throws SQLException {
    database(options);
    execute(c, "CREATE TABLE nums (id INT PRIMARY KEY, x INT)",
        "INSERT INTO nums VALUES (1, 1), (2, 2), (3, 3), (4, 4)", times(2));
    assertAnswers("SELECT id FROM nums ORDER BY id LIMIT 1", "1");
    assertAnswers("SELECT id FROM nums ORDER BY id LIMIT 3", "1", "2", "3");
    assertAnswers("SELECT id FROM nums ORDER BY id LIMIT 2 OFFSET 2", "3", "4");
    assertAnswers("SELECT id FROM nums ORDER BY id LIMIT 2 OFFSET 1", "2", "3");
    assertAnswers("SELECT id FROM nums ORDER BY id OFFSET 3 ROWS", "4");
    assertAnswers("SELECT id FROM nums ORDER BY id FETCH FIRST 2 ROWS ONLY", "1", "2");
    assertAnswers("SELECT id FROM nums WHERE f(x) > 2 ORDER BY id LIMIT 1", "2");
    assertAnswers("SELECT id FROM nums WHERE f(x) > 2 ORDER BY id LIMIT 3", "2", "3", "4");
    assertAnswers("SELECT id FROM nums WHERE f(x) > 2 ORDER BY id LIMIT 1 OFFSET 2", "4");
    assertAnswers("SELECT id FROM nums WHERE f(x) > 2 ORDER BY id OFFSET 1 ROWS", "3", "4");
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, NO_CACHE})
  void stringLiteralsOfOtherLengths(String options) throws SQLException {
    database(options);
    execute(c, "CREATE TABLE words (id INT PRIMARY KEY, w VARCHAR(10))",
        "INSERT INTO words VALUES (1, 'ab'), (2, 'ab '), (3, 'abc')");
    assertAnswers("SELECT id FROM words WHERE w = 'ab' ORDER BY id", "1");
    assertAnswers("SELECT id FROM words WHERE w = 'ab ' ORDER BY id", "2");
    assertAnswers("SELECT id FROM words WHERE w = 'abc' ORDER BY id", "3");
    assertAnswers("SELECT id FROM words WHERE w = 'a' ORDER BY id");
    assertAnswers("SELECT w || 'x' FROM words WHERE id = 1", "'abx'");
    assertAnswers("SELECT w || 'x  ' FROM words WHERE id = 1", "'abx  '");
    assertAnswers("SELECT CHAR_LENGTH('ab ') FROM words WHERE id = 1", "3");
    assertAnswers("SELECT CHAR_LENGTH('ab') FROM words WHERE id = 1", "2");
    assertAnswers("SELECT 'x' FROM words WHERE id = 1", "'x'");
    assertAnswers("SELECT 'xyz ' FROM words WHERE id = 1", "'xyz '");
    // Calcite types CASE over character literals as CHAR of the longest, padding the others.
    assertAnswers("SELECT CASE WHEN id = 1 THEN 'a' ELSE 'abc' END FROM words ORDER BY id",
        "'a  '", "'abc'", "'abc'");
    assertAnswers("SELECT CASE WHEN id = 1 THEN 'a' ELSE 'ab' END FROM words ORDER BY id",
        "'a '", "'ab'", "'ab'");
  }

  /**
   * Four readers run point queries and CALLs with varying literals, as text and prepared, while a
   * fifth connection replaces the function and drops and recreates a table with other columns.
   * Every version of the function and of the table carries its number, so each answer is checked
   * against the versions that were current at some moment of its call: never older than the
   * last one completed before the call began, never newer than the last one begun before it
   * ended.
   */
  @Test
  void answersStayRightWhileFunctionsAndTablesChange() throws Exception {
    String url = database(DEFAULT);
    execute(c, "CREATE TABLE nums (id INT PRIMARY KEY, x INT)", version(0));
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO nums VALUES (?, ?)")) {
      for (int id = 1; id <= IDS; id++) {
        insert.setInt(1, id);
        insert.setInt(2, id);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    execute(c, table(0));
    Versions versions = new Versions();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
    ExecutorService pool = Executors.newFixedThreadPool(READERS);
    try {
      List<Future<Set<Integer>>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        Connection reader = connect(url, "admin");
        long seed = r;
        readers.add(pool.submit(() -> read(reader, versions, deadline, new Random(seed))));
      }
      while (System.nanoTime() < deadline) {
        int function = versions.functionStarted.incrementAndGet();
        execute(c, version(function));
        versions.functionDone.set(function);
        int table = versions.tableStarted.incrementAndGet();
        execute(c, "DROP TABLE churn");
        execute(c, table(table));
        versions.tableDone.set(table);
      }
      Set<Integer> seen = new TreeSet<>();
      for (Future<Set<Integer>> reader : readers) {
        seen.addAll(reader.get());
      }
      // Else the readers and the replacements did not overlap, and nothing was tested.
      assertTrue(seen.size() >= 2, "the readers saw only the versions " + seen);
    } finally {
      pool.shutdownNow();
    }
    assertTrue(versions.functionDone.get() > 2, "too few replacements to test anything");
    assertTrue(versions.failures.isEmpty(), versions.failures.size() + " wrong answers, e.g. "
        + versions.failures.stream().limit(5).toList());
    // Quiet again: every form answers with the last versions.
    int function = versions.functionDone.get();
    int table = versions.tableDone.get();
    assertAnswers("SELECT f(x) FROM nums WHERE id = 7", String.valueOf(expected(function, 7)));
    assertAnswers("CALL f(9)", String.valueOf(expected(function, 9)));
    assertAnswers("SELECT * FROM churn WHERE id = 1", churnRow(table));
  }

  /** Version numbers: begun before the statement that makes them runs, done after. */
  private static final class Versions {
    final AtomicInteger functionStarted = new AtomicInteger();
    final AtomicInteger functionDone = new AtomicInteger();
    final AtomicInteger tableStarted = new AtomicInteger();
    final AtomicInteger tableDone = new AtomicInteger();
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
  }

  /**
   * {@code f(x INT) RETURNS INT} version {@code v}: x * 2 for even versions and x * 3 for odd
   * ones, plus v * 100000 so that the answer names the version.
   */
  private static String version(int v) {
    return "CREATE OR REPLACE FUNCTION f(x INT) RETURNS INT LANGUAGE WASM AS '(module"
        + " (func (export \"f\") (param i32) (result i32) local.get 0 i32.const "
        + (v % 2 == 0 ? 2 : 3) + " i32.mul i32.const " + v * 100_000 + " i32.add))'";
  }

  private static int expected(int version, int x) {
    return version * 100_000 + x * (version % 2 == 0 ? 2 : 3);
  }

  /** Table churn version {@code v}: (id, a) for even versions, (id, b, c) for odd ones. */
  private static String[] table(int v) {
    return v % 2 == 0
        ? new String[] {"CREATE TABLE churn (id INT PRIMARY KEY, a INT)",
            "INSERT INTO churn VALUES (1, " + v + ")"}
        : new String[] {"CREATE TABLE churn (id INT PRIMARY KEY, b VARCHAR(10), c INT)",
            "INSERT INTO churn VALUES (1, 'v" + v + "', " + v + ")"};
  }

  private static String churnRow(int v) {
    return v % 2 == 0 ? "1|" + v : "1|'v" + v + "'|" + v;
  }

  /**
   * Calls until the deadline, recording wrong answers; returns the versions of the function whose
   * answers it saw.
   */
  private static Set<Integer> read(Connection c, Versions versions, long deadline,
      Random random) throws SQLException {
    Set<Integer> seen = new HashSet<>();
    try (PreparedStatement kept = c.prepareStatement("SELECT f(x) FROM nums WHERE id = ?")) {
      while (System.nanoTime() < deadline) {
        int id = 1 + random.nextInt(IDS);
        int form = random.nextInt(5);
        if (form == 4) {
          readChurn(c, versions);
          continue;
        }
        int before = versions.functionDone.get();
        List<String> answer;
        try {
          answer = call(c, kept, form, id);
        } catch (SQLException e) {
          answer = List.of(e.getSQLState() + " " + e.getMessage());
        }
        int after = versions.functionStarted.get();
        int version = matchingVersion(answer, id, before, after);
        if (version < 0) {
          versions.failures.add(FORMS.get(form) + " with " + id + " gave " + answer
              + " with versions " + before + " to " + after + " current during the call");
        } else {
          seen.add(version);
        }
      }
    }
    return seen;
  }

  /** The ways the readers call f: as text with a literal, or prepared, kept or anew. */
  private static final List<String> FORMS = List.of("SELECT f(x) FROM nums WHERE id = literal",
      "CALL f(literal)", "kept prepared SELECT f(x) FROM nums WHERE id = ?",
      "new prepared CALL f(?)");

  private static List<String> call(Connection c, PreparedStatement kept, int form, int id)
      throws SQLException {
    switch (form) {
      case 0, 1 -> {
        try (Statement s = c.createStatement()) {
          return rows(s.executeQuery(form == 0
              ? "SELECT f(x) FROM nums WHERE id = " + id : "CALL f(" + id + ")"));
        }
      }
      case 2 -> {
        kept.setInt(1, id);
        return rows(kept.executeQuery());
      }
      default -> {
        try (PreparedStatement ps = c.prepareStatement("CALL f(?)")) {
          ps.setInt(1, id);
          return rows(ps.executeQuery());
        }
      }
    }
  }

  /** The version from first to last whose answer to f(x) {@code answer} is, or -1. */
  private static int matchingVersion(List<String> answer, int x, int first, int last) {
    for (int v = first; v <= last; v++) {
      if (answer.equals(List.of(String.valueOf(expected(v, x))))) {
        return v;
      }
    }
    return -1;
  }

  /**
   * Reads the churning table. While no change of it overlaps the call, the answer is the current
   * version's row. While one does, the answer may also be no row (created, not yet filled) or an
   * error: the statement raced the DROP of its table (today H2 then answers 42S02, or 90008 or
   * 22018 when Calcite planned against one version and H2 ran the other), but it is never a row
   * that mixes versions. A plan that stays stale after the changes stop is caught by the checks
   * after the run.
   */
  private static void readChurn(Connection c, Versions versions) {
    int before = versions.tableDone.get();
    List<String> answer;
    String error = null;
    try (Statement s = c.createStatement()) {
      answer = rows(s.executeQuery("SELECT * FROM churn WHERE id = 1"));
    } catch (SQLException e) {
      answer = List.of();
      error = e.getSQLState() + " " + e.getMessage();
    }
    int after = versions.tableStarted.get();
    if (after > before && answer.isEmpty()) {
      return;
    }
    for (int v = before; v <= after && error == null; v++) {
      if (answer.equals(List.of(churnRow(v)))) {
        return;
      }
    }
    versions.failures.add("SELECT * FROM churn WHERE id = 1 gave "
        + (error == null ? answer : error) + " with versions " + before + " to " + after
        + " current during the call");
  }

  /** Runs each statement with execute(). */
  private static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /**
   * Checks the rows of the query {@code sql} run as text twice (so that a cached plan, if any, is
   * used at least once), then prepared anew twice.
   */
  private void assertAnswers(String sql, String... expected) throws SQLException {
    assertAnswers(c, sql, expected);
  }

  private static void assertAnswers(Connection connection, String sql, String... expected)
      throws SQLException {
    for (int i = 0; i < 2; i++) {
      try (Statement s = connection.createStatement()) {
        assertEquals(List.of(expected), rows(s.executeQuery(sql)), sql);
      }
    }
    for (int i = 0; i < 2; i++) {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        assertEquals(List.of(expected), rows(ps.executeQuery()), "prepared " + sql);
      }
    }
  }

  /**
   * Checks the update counts of the change {@code sql} run as text twice, then prepared anew
   * twice.
   */
  private void assertChanges(String sql, int... counts) throws SQLException {
    assertChanges(c, sql, counts);
  }

  private static void assertChanges(Connection connection, String sql, int... counts)
      throws SQLException {
    List<Integer> actual = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      try (Statement s = connection.createStatement()) {
        actual.add(s.executeUpdate(sql));
      }
    }
    for (int i = 0; i < 2; i++) {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        actual.add(ps.executeUpdate());
      }
    }
    assertEquals(Arrays.stream(counts).boxed().toList(), actual, sql);
  }

  /** Checks the column types of {@code sql}'s result, as text and prepared. */
  private void assertTypes(String sql, String... types) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals(List.of(types), types(rs.getMetaData()), sql);
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      assertEquals(List.of(types), types(ps.getMetaData()), "prepared " + sql);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of(types), types(rs.getMetaData()), "prepared " + sql);
      }
    }
  }

  /**
   * Checks that {@code sql} fails with {@code state}, as text and prepared, when it runs or when
   * its rows are read.
   */
  private void assertFails(String state, String sql) {
    SQLException text = assertThrows(SQLException.class, () -> {
      try (Statement s = c.createStatement()) {
        if (s.execute(sql)) {
          rows(s.getResultSet());
        }
      }
    }, sql);
    assertEquals(state, text.getSQLState(), text.getMessage());
    SQLException prepared = assertThrows(SQLException.class, () -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (ps.execute()) {
          rows(ps.getResultSet());
        }
      }
    }, "prepared " + sql);
    assertEquals(state, prepared.getSQLState(), prepared.getMessage());
  }

  private static List<String> types(ResultSetMetaData md) throws SQLException {
    List<String> types = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      types.add(md.getColumnTypeName(i));
    }
    return types;
  }

  /** Rows as "a|b", strings quoted so that trailing blanks show; closes the result set. */
  private static List<String> rows(ResultSet rs) throws SQLException {
    try (rs) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          row.append(i > 1 ? "|" : "")
              .append(value instanceof String s ? "'" + s + "'" : String.valueOf(value));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }
}
