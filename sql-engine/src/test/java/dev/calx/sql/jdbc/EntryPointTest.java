package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JDBC entry point of the embedded driver answers an INSERT, UPDATE or DELETE that calls a
 * WebAssembly function exactly as it answers the same change written without one (return value,
 * update counts, result set, table contents), answers CALL and queries as documented, and a
 * function-calling change made with auto-commit off is undone by {@code rollback()}.
 */
class EntryPointTest {
  private static final String TWICE = "CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM"
      + " AS '(module (func (export \"twice\") (param i32) (result i32)"
      + " local.get 0 i32.const 2 i32.mul))'";
  private static final String START = "1:10 2:20 3:30";

  /** One database for the class: creating the function for each of hundreds of cases is slow. */
  private static final String URL = "jdbc:calx:mem:entry-points-" + UUID.randomUUID();

  private static Connection owner;
  private Connection connection;

  @BeforeAll
  static void createDatabase() throws SQLException {
    owner = DriverManager.getConnection(URL);
    try (Statement s = owner.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
      s.execute(TWICE);
    }
  }

  @AfterAll
  static void closeDatabase() throws SQLException {
    owner.close();
  }

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection(URL);
    try (Statement s = connection.createStatement()) {
      s.execute("DELETE FROM t");
      s.execute("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  /** How the statement reaches the driver. */
  enum Api { STATEMENT, PREPARED, PREPARE_CALL }

  /** The method that runs it; a batch runs the case's first and second statements. */
  enum Run {
    EXECUTE, EXECUTE_QUERY, EXECUTE_UPDATE, EXECUTE_LARGE_UPDATE, EXECUTE_BATCH,
    EXECUTE_LARGE_BATCH;

    boolean batch() {
      return this == EXECUTE_BATCH || this == EXECUTE_LARGE_BATCH;
    }
  }

  /**
   * A statement to run, as text twice over (first, and second for batches) and as a prepared
   * text with the arguments of each run. A change has the update count of each run and the table
   * after the first and after both; a query or CALL has the rows of its first run.
   */
  record Case(String name, String first, String second, String prepared, List<Object> firstArgs,
      List<Object> secondArgs, boolean query, int firstCount, int secondCount,
      List<String> afterFirst, List<String> afterBoth, List<String> rows) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case change(String name, String first, String second, String prepared,
      List<Object> firstArgs, List<Object> secondArgs, int firstCount, int secondCount,
      String afterFirst, String afterBoth) {
    return new Case(name, first, second, prepared, firstArgs, secondArgs, false, firstCount,
        secondCount, split(afterFirst), split(afterBoth), null);
  }

  private static Case query(String name, String first, String second, String prepared,
      List<Object> firstArgs, List<Object> secondArgs, String rows) {
    return new Case(name, first, second, prepared, firstArgs, secondArgs, true, -1, -1,
        split(START), split(START), split(rows));
  }

  private static List<String> split(String rows) {
    return rows.isEmpty() ? List.of() : List.of(rows.split(" "));
  }

  /**
   * Changes come in pairs: the same change without a function (x * 2) and with one (twice(x)),
   * expecting the very same answers.
   */
  static List<Case> changes() {
    List<Case> cases = new ArrayList<>();
    for (String[] variant : new String[][] {{"plain", "%s * 2"}, {"calling twice", "twice(%s)"}}) {
      String kind = variant[0];
      String form = variant[1];
      String five = form.formatted("5");
      String six = form.formatted("6");
      String v = form.formatted("v");
      String id = form.formatted("id");
      String arg = form.formatted("?");
      cases.add(change("INSERT VALUES " + kind,
          "INSERT INTO t VALUES (10, " + five + ")", "INSERT INTO t VALUES (11, " + six + ")",
          "INSERT INTO t VALUES (?, " + arg + ")", List.of(10, 5), List.of(11, 6), 1, 1,
          START + " 10:10", START + " 10:10 11:12"));
      cases.add(change("INSERT SELECT " + kind,
          "INSERT INTO t SELECT id + 10, " + v + " FROM t WHERE id > 1",
          "INSERT INTO t SELECT id + 100, " + v + " FROM t WHERE id > 2",
          "INSERT INTO t SELECT id + ?, " + v + " FROM t WHERE id > ?", List.of(10, 1),
          List.of(100, 2), 2, 3, START + " 12:40 13:60",
          START + " 12:40 13:60 103:60 112:80 113:120"));
      cases.add(change("UPDATE SET " + kind,
          "UPDATE t SET v = " + v + " WHERE id > 1", "UPDATE t SET v = " + v + " WHERE id > 2",
          "UPDATE t SET v = " + v + " WHERE id > ?", List.of(1), List.of(2), 2, 1,
          "1:10 2:40 3:60", "1:10 2:40 3:120"));
      // A parameter in SET and one in a WHERE that calls the function.
      cases.add(change("UPDATE SET ? WHERE " + kind,
          "UPDATE t SET v = 7 WHERE " + id + " > 4", "UPDATE t SET v = 8 WHERE " + id + " > 2",
          "UPDATE t SET v = ? WHERE " + id + " > ?", List.of(7, 4), List.of(8, 2), 1, 2,
          "1:10 2:20 3:7", "1:10 2:8 3:8"));
      cases.add(change("DELETE WHERE " + kind,
          "DELETE FROM t WHERE " + id + " > 4", "DELETE FROM t WHERE " + id + " > 2",
          "DELETE FROM t WHERE " + id + " > ?", List.of(4), List.of(2), 1, 1,
          "1:10 2:20", "1:10"));
    }
    return cases;
  }

  static List<Case> queries() {
    return List.of(
        query("CALL", "CALL twice(21)", "CALL twice(22)", "CALL twice(?)",
            List.of(21), List.of(22), "42"),
        query("SELECT plain", "SELECT id, v * 2 FROM t WHERE id * 2 > 2 ORDER BY id",
            "SELECT id, v * 2 FROM t WHERE id * 2 > 4 ORDER BY id",
            "SELECT id, v * 2 FROM t WHERE id * 2 > ? ORDER BY id", List.of(2), List.of(4),
            "2:40 3:60"),
        query("SELECT calling twice", "SELECT id, twice(v) FROM t WHERE twice(id) > 2 ORDER BY id",
            "SELECT id, twice(v) FROM t WHERE twice(id) > 4 ORDER BY id",
            "SELECT id, twice(v) FROM t WHERE twice(id) > ? ORDER BY id", List.of(2), List.of(4),
            "2:40 3:60"),
        // LIMIT takes a BIGINT parameter: the arguments are Longs, bound with setLong.
        query("SELECT plain LIMIT", "SELECT id, v * 2 FROM t WHERE id * 2 > 0 ORDER BY id LIMIT 2",
            "SELECT id, v * 2 FROM t WHERE id * 2 > 0 ORDER BY id LIMIT 1",
            "SELECT id, v * 2 FROM t WHERE id * 2 > 0 ORDER BY id LIMIT ?", List.of(2L),
            List.of(1L), "1:20 2:40"),
        query("SELECT calling twice LIMIT",
            "SELECT id, twice(v) FROM t WHERE twice(id) > 0 ORDER BY id LIMIT 2",
            "SELECT id, twice(v) FROM t WHERE twice(id) > 0 ORDER BY id LIMIT 1",
            "SELECT id, twice(v) FROM t WHERE twice(id) > 0 ORDER BY id LIMIT ?", List.of(2L),
            List.of(1L), "1:20 2:40"));
  }

  static Stream<Arguments> everyEntryPoint() {
    List<Case> cases = new ArrayList<>(changes());
    cases.addAll(queries());
    return combine(cases);
  }

  static Stream<Arguments> functionChanges() {
    return combine(changes().stream().filter(c -> c.name().contains("twice")).toList());
  }

  private static Stream<Arguments> combine(List<Case> cases) {
    return Arrays.stream(Api.values()).flatMap(api -> Arrays.stream(Run.values())
        .flatMap(run -> cases.stream().map(c -> Arguments.of(api, run, c))));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("everyEntryPoint")
  void answersAsDocumented(Api api, Run run, Case c) throws SQLException {
    assertOutcome(expected(api, run, c), run(connection, api, run, c));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("functionChanges")
  void rollbackUndoesAFunctionCallingChange(Api api, Run run, Case c) throws SQLException {
    connection.setAutoCommit(false);
    assertEquals(expected(api, run, c).table(), run(connection, api, run, c).table(),
        "the transaction's own change");
    connection.rollback();
    assertEquals(split(START), table(connection), "after rollback");
  }

  /**
   * What the driver answers: an error (a fragment of its message, and the table after), or, in
   * the order asked: what the method returned, getUpdateCount(), the rows of the result set it
   * returned or left in getResultSet() (null if none), getLargeUpdateCount(), getMoreResults(),
   * getUpdateCount() once more, and the table after. Asking for the count both before and after
   * getResultSet() shows that looking at one does not disturb the other.
   */
  record Outcome(String error, String returned, int updateCount, List<String> rows,
      long largeUpdateCount, boolean moreResults, int countAfterMore, List<String> table) {
    static Outcome failed(String error, List<String> table) {
      return new Outcome(error, null, 0, null, 0, false, 0, table);
    }

    /** An answer that leaves no more results: getMoreResults() false, then a count of -1. */
    static Outcome answered(String returned, int count, List<String> rows, List<String> table) {
      return new Outcome(null, returned, count, rows, count, false, -1, table);
    }
  }

  /**
   * The answer of {@code run} through {@code api}: the same for a change with or without a
   * function. Where JDBC leaves the answer to the driver, it is what Calx (that is, Calcite's and
   * Avatica's JDBC layer) answers today for a change without a function:
   *
   * <ul>
   *   <li>{@code Statement.executeQuery} of an INSERT, UPDATE or DELETE applies the change, then
   *       throws an {@link SQLException} "Statement did not return a result set" (SQLSTATE XX000);
   *   <li>{@code executeQuery()} of a prepared change (prepareStatement or prepareCall) applies
   *       it and returns null, with the count in {@code getUpdateCount()};
   *   <li>{@code executeUpdate} and {@code executeLargeUpdate} of a query or CALL run it, return
   *       -1, and leave its rows in {@code getResultSet()};
   *   <li>a batch of queries or CALLs is accepted and counts -1 for each;
   *   <li>right after any batch, {@code getUpdateCount()} answers 0 and {@code getResultSet()}
   *       null.
   * </ul>
   */
  private static Outcome expected(Api api, Run run, Case c) {
    List<String> table = run.batch() ? c.afterBoth() : c.afterFirst();
    if (run.batch()) {
      String counts = c.query() ? "[-1, -1]" : "[" + c.firstCount() + ", " + c.secondCount() + "]";
      return Outcome.answered(counts, 0, null, table);
    }
    if (c.query()) {
      return switch (run) {
        case EXECUTE -> Outcome.answered("true", -1, c.rows(), table);
        case EXECUTE_QUERY -> Outcome.answered("a result set", -1, c.rows(), table);
        default -> Outcome.answered("-1", -1, c.rows(), table);
      };
    }
    int count = c.firstCount();
    return switch (run) {
      case EXECUTE -> Outcome.answered("false", count, null, table);
      case EXECUTE_QUERY -> api == Api.STATEMENT
          ? Outcome.failed("Statement did not return a result set", table)
          : Outcome.answered("null", count, null, table);
      default -> Outcome.answered(String.valueOf(count), count, null, table);
    };
  }

  /** Equal outcomes, where an expected error need only be a fragment of the actual message. */
  private static void assertOutcome(Outcome expected, Outcome actual) {
    if (expected.error() != null && actual.error() != null
        && actual.error().contains(expected.error())) {
      assertEquals(expected.table(), actual.table(), "table after " + actual.error());
    } else {
      assertEquals(expected, actual);
    }
  }

  private static Outcome run(Connection c, Api api, Run run, Case k) throws SQLException {
    try (Statement s = switch (api) {
      case STATEMENT -> c.createStatement();
      case PREPARED -> c.prepareStatement(k.prepared());
      case PREPARE_CALL -> c.prepareCall(k.prepared());
    }) {
      Object returned;
      try {
        returned = invoke(s, run, k);
      } catch (SQLException e) {
        return Outcome.failed(e.getMessage(), table(c));
      }
      int updateCount = s.getUpdateCount();
      String shown;
      List<String> rows;
      if (returned instanceof ResultSet rs) {
        shown = "a result set";
        rows = rows(rs);
      } else {
        shown = returned instanceof int[] counts ? Arrays.toString(counts)
            : returned instanceof long[] counts ? Arrays.toString(counts)
            : String.valueOf(returned);
        ResultSet rs = s.getResultSet();
        rows = rs == null ? null : rows(rs);
      }
      long largeUpdateCount = s.getLargeUpdateCount();
      boolean more = s.getMoreResults();
      return new Outcome(null, shown, updateCount, rows, largeUpdateCount, more,
          s.getUpdateCount(), table(c));
    }
  }

  private static Object invoke(Statement s, Run run, Case k) throws SQLException {
    if (!(s instanceof PreparedStatement p)) {
      return switch (run) {
        case EXECUTE -> s.execute(k.first());
        case EXECUTE_QUERY -> s.executeQuery(k.first());
        case EXECUTE_UPDATE -> s.executeUpdate(k.first());
        case EXECUTE_LARGE_UPDATE -> s.executeLargeUpdate(k.first());
        case EXECUTE_BATCH, EXECUTE_LARGE_BATCH -> {
          s.addBatch(k.first());
          s.addBatch(k.second());
          yield run == Run.EXECUTE_BATCH ? s.executeBatch() : s.executeLargeBatch();
        }
      };
    }
    bind(p, k.firstArgs());
    return switch (run) {
      case EXECUTE -> p.execute();
      case EXECUTE_QUERY -> p.executeQuery();
      case EXECUTE_UPDATE -> p.executeUpdate();
      case EXECUTE_LARGE_UPDATE -> p.executeLargeUpdate();
      case EXECUTE_BATCH, EXECUTE_LARGE_BATCH -> {
        p.addBatch();
        bind(p, k.secondArgs());
        p.addBatch();
        yield run == Run.EXECUTE_BATCH ? p.executeBatch() : p.executeLargeBatch();
      }
    };
  }

  private static void bind(PreparedStatement p, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof Long value) {
        p.setLong(i + 1, value);
      } else {
        p.setInt(i + 1, (Integer) args.get(i));
      }
    }
  }

  /** The rows of a result set as "a:b" strings; closes it. */
  private static List<String> rows(ResultSet rs) throws SQLException {
    try (rs) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? ":" : "").append(rs.getObject(i));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }

  private static List<String> table(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return rows(s.executeQuery("SELECT id, v FROM t ORDER BY id"));
    }
  }
}
