package dev.calx.bench;

import dev.calx.server.CalxServer;
import dev.calx.server.ServerConfig;
import dev.calx.server.ServerSetting;
import dev.calx.sql.jdbc.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The figures of issue 14, routines that run SQL, as one Markdown table, each beside a baseline
 * measured in the same run: a READS SQL DATA lookup per row over 100,000 rows (the example
 * {@code rate}, written in Rust, one host prepare + bind + execute + next + column + close per
 * row) beside the same sum by a plain JOIN and beside a NO SQL function per row, which gives the
 * cost of one host round; {@code CALL transfer(...)} (the example procedure in C, MODIFIES SQL
 * DATA) embedded and through the server, beside {@code SELECT 1}; and the rows per second of the
 * table function {@code split_words} (AssemblyScript) beside a scan of a table of as many rows.
 * Not a JMH benchmark: the series alternate in rounds, so the load of a shared machine falls on
 * all alike. Arguments: the module directory (default
 * {@code sql-examples/src/main/resources/modules}) and the rounds (default 7).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.calx.bench.RoutineSqlHarness [dir] [rounds]
 * </pre>
 */
public final class RoutineSqlHarness {
  private static final int ORDERS = 100_000;
  private static final int WORDS = 100_000;
  private static final int ACCOUNTS = 100;
  private static final int CALLS = 2_000;
  private static final int REMOTE_CALLS = 500;
  private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF", "JPY"};

  private static volatile long sink;

  private final Map<String, List<Double>> timings = new LinkedHashMap<>();
  /** How many rows or calls each series does per round. */
  private final Map<String, Integer> units = new LinkedHashMap<>();
  /**
   * The nanoseconds of each statement of a series of statements, over its measured rounds: a
   * remote statement now and then waits tens of milliseconds for the network stack, which the
   * mean of a round counts and the median of statements does not.
   */
  private final Map<String, List<Long>> statements = new LinkedHashMap<>();
  /** Where the series running now records its statements' times; null during warm-up. */
  private List<Long> current;

  private RoutineSqlHarness() {}

  /** Measures everything and prints the table. */
  public static void main(String[] args) throws Exception {
    Path modules = Path.of(args.length > 0 ? args[0] : "sql-examples/src/main/resources/modules")
        .toAbsolutePath();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Files.createTempDirectory("calx-routines");
    RoutineSqlHarness harness = new RoutineSqlHarness();
    try {
      harness.run(dir, modules, rounds);
    } finally {
      deleteTree(dir);
    }
    harness.print(rounds);
  }

  private void run(Path dir, Path modules, int rounds) throws SQLException {
    Path data = dir.resolve("calx");
    Path serverData = dir.resolve("server");
    try (Connection embedded = DriverManager.getConnection("jdbc:calx:" + data
            + ";modules=" + modules);
        CalxServer server = CalxServer.start(serverConfig(serverData, modules));
        Connection remote = DriverManager.getConnection(server.jdbcUrl())) {
      fill(embedded);
      fill(remote);
      String text = words();
      for (int round = 0; round <= rounds; round++) {
        boolean warmUp = round == 0;
        // Each query differs from the round before in a literal: H2 would answer a query it just
        // ran over unchanged tables from its last result.
        int r = round;
        time("lookup: SUM(amount * rate(currency)), 100,000 rows", ORDERS, warmUp,
            () -> scalar(embedded, "SELECT SUM(amount * rate(currency)) FROM orders WHERE id > -"
                + r));
        time("baseline: the same by JOIN rates", ORDERS, warmUp, () -> scalar(embedded,
            "SELECT SUM(o.amount * r.rate) FROM orders o JOIN rates r ON r.currency = o.currency"
                + " WHERE o.id > -" + r));
        time("baseline: a NO SQL function per row, SUM(amount * twice(id))", ORDERS, warmUp,
            () -> scalar(embedded, "SELECT SUM(amount * twice(id)) FROM orders WHERE id > -" + r));
        time("CALL transfer, embedded", CALLS, warmUp, () -> transfers(embedded, CALLS));
        time("baseline: UPDATE of one account, embedded (one durable commit)", CALLS, warmUp,
            () -> updates(embedded, CALLS));
        time("baseline: SELECT 1, embedded", CALLS, warmUp, () -> selectOnes(embedded, CALLS));
        time("CALL transfer, server (protobuf)", REMOTE_CALLS, warmUp,
            () -> transfers(remote, REMOTE_CALLS));
        time("baseline: UPDATE of one account, server (protobuf)", REMOTE_CALLS, warmUp,
            () -> updates(remote, REMOTE_CALLS));
        time("baseline: SELECT 1, server (protobuf)", REMOTE_CALLS, warmUp,
            () -> selectOnes(remote, REMOTE_CALLS));
        time("split_words of 100,000 words: COUNT(*)", WORDS, warmUp, () -> words(embedded, text));
        time("baseline: COUNT(*) of a 100,000-row table", WORDS, warmUp,
            () -> scalar(embedded, "SELECT COUNT(*) FROM word_rows WHERE id > -" + r));
      }
    } finally {
      Database.open(data.toString(), null).close();
    }
  }

  private static ServerConfig serverConfig(Path data, Path modules) {
    Map<ServerSetting, String> settings = new EnumMap<>(ServerSetting.class);
    settings.put(ServerSetting.PORT, "0");
    settings.put(ServerSetting.DATA, data.toString());
    settings.put(ServerSetting.MODULES, modules.toString());
    settings.put(ServerSetting.SERIALIZATION, "protobuf");
    return ServerConfig.of(settings);
  }

  private static void fill(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE rates (currency VARCHAR(3) PRIMARY KEY, rate DOUBLE)");
      s.execute("INSERT INTO rates VALUES ('EUR', 1.0), ('USD', 0.9), ('GBP', 1.2),"
          + " ('CHF', 1.05), ('JPY', 0.006)");
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, amount DOUBLE, currency VARCHAR(3))");
      s.execute("CREATE TABLE word_rows (id INT PRIMARY KEY)");
      s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40),"
          + " balance BIGINT NOT NULL)");
      s.execute("CREATE FUNCTION rate(currency VARCHAR) RETURNS DOUBLE LANGUAGE WASM"
          + " READS SQL DATA FROM FILE 'rust_rates.wasm'");
      s.execute("CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM AS '(module"
          + " (func (export \"twice\") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))'");
      s.execute("CREATE PROCEDURE transfer(from_id INT, to_id INT, amount BIGINT) LANGUAGE WASM"
          + " MODIFIES SQL DATA FROM FILE 'c_transfer.wasm'");
      s.execute("CREATE FUNCTION split_words(phrase VARCHAR) RETURNS TABLE (\"position\" INT,"
          + " word VARCHAR) LANGUAGE WASM FROM FILE 'as_words.wasm'");
    }
    insert(c, "INSERT INTO orders VALUES (?, ?, ?)", ORDERS,
        (ps, i) -> {
          ps.setDouble(2, i * 0.01);
          ps.setString(3, CURRENCIES[i % CURRENCIES.length]);
        });
    insert(c, "INSERT INTO word_rows VALUES (?)", WORDS, (ps, i) -> { });
    insert(c, "INSERT INTO accounts VALUES (?, ?, ?)", ACCOUNTS,
        (ps, i) -> {
          ps.setString(2, "owner");
          ps.setLong(3, 1_000_000);
        });
  }

  /** Sets the columns after the first, the id. */
  private interface Columns {
    void set(PreparedStatement ps, int id) throws SQLException;
  }

  private static void insert(Connection c, String sql, int rows, Columns columns)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int id = 1; id <= rows; id++) {
        ps.setInt(1, id);
        columns.set(ps, id);
        ps.addBatch();
        if (id % 5_000 == 0 || id == rows) {
          ps.executeBatch();
        }
      }
    }
  }

  private static String words() {
    StringBuilder text = new StringBuilder();
    Random random = new Random(14);
    for (int i = 0; i < WORDS; i++) {
      text.append(CURRENCIES[random.nextInt(CURRENCIES.length)]).append(' ');
    }
    return text.toString();
  }

  private static void scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      sink += rs.getLong(1);
    }
  }

  private void transfers(Connection c, int calls) throws SQLException {
    Random random = new Random(calls);
    try (PreparedStatement call = c.prepareStatement("CALL transfer(?, ?, ?)")) {
      for (int i = 0; i < calls; i++) {
        call.setInt(1, 1 + random.nextInt(ACCOUNTS));
        call.setInt(2, 1 + random.nextInt(ACCOUNTS));
        call.setLong(3, 1 + random.nextInt(100));
        long start = System.nanoTime();
        sink += call.executeUpdate();
        record(start);
      }
    }
  }

  private void updates(Connection c, int statements) throws SQLException {
    Random random = new Random(statements);
    try (PreparedStatement update =
        c.prepareStatement("UPDATE accounts SET balance = balance + 0 WHERE id = ?")) {
      for (int i = 0; i < statements; i++) {
        update.setInt(1, 1 + random.nextInt(ACCOUNTS));
        long start = System.nanoTime();
        sink += update.executeUpdate();
        record(start);
      }
    }
  }

  private void selectOnes(Connection c, int statements) throws SQLException {
    try (PreparedStatement one = c.prepareStatement("SELECT 1")) {
      for (int i = 0; i < statements; i++) {
        long start = System.nanoTime();
        try (ResultSet rs = one.executeQuery()) {
          rs.next();
          sink += rs.getInt(1);
        }
        record(start);
      }
    }
  }

  private static void words(Connection c, String text) throws SQLException {
    try (PreparedStatement count =
        c.prepareStatement("SELECT COUNT(*) FROM TABLE(split_words(?))")) {
      count.setString(1, text);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        sink += rs.getLong(1);
      }
    }
  }

  private void record(long start) {
    if (current != null) {
      current.add(System.nanoTime() - start);
    }
  }

  /** Something measured, which may fail with an SQLException. */
  private interface Work {
    void run() throws SQLException;
  }

  private void time(String name, int count, boolean warmUp, Work work) throws SQLException {
    units.put(name, count);
    current = warmUp ? null : statements.computeIfAbsent(name, n -> new ArrayList<>());
    long start = System.nanoTime();
    work.run();
    double millis = (System.nanoTime() - start) / 1e6;
    if (!warmUp) {
      timings.computeIfAbsent(name, n -> new ArrayList<>()).add(millis);
    }
  }

  private double median(String name) {
    double[] values = timings.get(name).stream().mapToDouble(Double::doubleValue).sorted()
        .toArray();
    return values[values.length / 2];
  }

  private void print(int rounds) {
    System.out.printf(Locale.ROOT, "| series | per round | median of %d rounds, ms | per unit"
        + " | per second | median statement |%n", rounds);
    System.out.println("|---|---|---|---|---|---|");
    for (String name : timings.keySet()) {
      double ms = median(name);
      int count = units.get(name);
      List<Long> each = statements.get(name);
      String statement = each == null || each.isEmpty() ? "" : String.format(Locale.ROOT, "%.1f µs",
          each.stream().sorted().toList().get(each.size() / 2) / 1000.0);
      System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.2f µs | %,.0f | %s |%n", name, count,
          ms, ms * 1000 / count, count / ms * 1000, statement);
    }
    System.out.printf(Locale.ROOT, "%nmachine: %d cores, %s %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
