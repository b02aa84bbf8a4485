package dev.calx.bench;

import dev.calx.server.CalxServer;
import dev.calx.server.ServerConfig;
import dev.calx.server.ServerSetting;
import dev.calx.sql.jdbc.Database;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The latency of one statement, unprepared and prepared, in Calx embedded and through its server,
 * beside H2 used directly: the figures of issue 11 (one statement pipeline and a shared plan
 * cache), printed as one Markdown table of p50 and p99 in microseconds, with the calling thread's
 * CPU time, which the load of a shared machine moves less. Not a JMH benchmark: an unprepared
 * statement must have a text never seen before at every iteration, and the server must run in
 * the same process. Arguments: the iterations (default 800), options appended to the
 * embedded URL (e.g. {@code ;plan_cache_size=0}) and server settings as {@code --key=value}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.calx.bench.StatementHarness [iterations]
 *     [;key=value...] [--server-setting=value...]</pre>
 */
public final class StatementHarness {
  /** Rows in {@code nums} before the INSERTs of the run add theirs. */
  private static final int ROWS = 1_000;
  /** Every series is measured in this many rounds, in turn with all the others. */
  private static final int ROUNDS = 10;
  /** A prepared statement re-executed is cheap: it gets this many times the iterations. */
  private static final int CHEAP = 10;
  /**
   * The least warm-up of a cheap series (H2's, a prepared statement's): its code is compiled by
   * the JIT only after thousands of runs, and they take little time.
   */
  private static final int CHEAP_WARM_UP = 5_000;
  /** Keys of the warm-up runs start after this, far from those measured. */
  private static final int WARM_UP_KEYS = 100_000_000;
  /** A statement of a shape never seen is slow: it gets this fraction of the iterations. */
  private static final int FIRST_SEEN = 5;
  private static final String CREATE_TWICE = "CREATE FUNCTION twice(x INT) RETURNS INT"
      + " LANGUAGE WASM AS '(module (func (export \"twice\") (param i32) (result i32)"
      + " local.get 0 i32.const 2 i32.mul))'";
  private static final String POINT = "SELECT x FROM nums WHERE id = ";
  private static final String POINT_PREPARED = POINT + "?";
  private static final String VALUE_CALL = "{? = call twice(?)}";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Keeps what the statements return alive, so that nothing is skipped. */
  private static volatile int sink;

  private final int iterations;
  /** Every series, in the order they are warmed up and measured in each round. */
  private final List<Series> series = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();

  private StatementHarness(int iterations) {
    this.iterations = iterations;
  }

  /** Measures everything and prints the table and the machine it ran on. */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    String loadAtStart = loadAverage();
    Instant start = Instant.now();
    Path dir = Files.createTempDirectory("calx-statements");
    StatementHarness harness = new StatementHarness(options.iterations());
    try {
      harness.run(dir, options);
    } finally {
      deleteTree(dir);
    }
    harness.print(options, start, loadAtStart);
  }

  /** Twice its argument: the Java twin of the WebAssembly {@code twice}, for H2's CREATE ALIAS. */
  public static int twice(int x) {
    return x * 2;
  }

  /**
   * Opens Calx embedded on a data directory, H2 used directly, and a server in this process over
   * a data directory of its own, called by Avatica's remote driver; fills all three and measures.
   */
  private void run(Path dir, Options options) throws SQLException {
    Path calxData = dir.resolve("calx");
    try (Connection calx =
            DriverManager.getConnection("jdbc:calx:" + calxData + options.urlOptions());
        Connection h2 = DriverManager.getConnection(
            "jdbc:h2:file:" + dir.resolve("h2").resolve("h2") + ";WRITE_DELAY=0", "sa", "");
        CalxServer server = CalxServer.start(
            serverConfig(dir.resolve("server"), options.serverSettings()));
        Connection remote = DriverManager.getConnection(server.jdbcUrl());
        Connection client = DriverManager.getConnection(server.clientUrl())) {
      fill(calx, CREATE_TWICE);
      fill(h2, "CREATE ALIAS TWICE FOR '" + StatementHarness.class.getName() + ".twice'");
      fill(remote, CREATE_TWICE);
      measure(calx, h2, remote, client);
    } finally {
      // A database is opened once per process and outlives its connections.
      Database.open(calxData.toString(), null).close();
    }
  }

  private static ServerConfig serverConfig(Path data, Map<ServerSetting, String> more) {
    Map<ServerSetting, String> settings = new EnumMap<>(ServerSetting.class);
    settings.put(ServerSetting.PORT, "0");
    settings.put(ServerSetting.DATA, data.toString());
    settings.put(ServerSetting.SERIALIZATION, "protobuf");
    settings.putAll(more);
    return ServerConfig.of(settings);
  }

  /**
   * Warms every series up, then measures them all in alternating rounds, so that a change in the
   * load of the shared machine, or the JIT's slow warming of Calcite, falls on all of them alike.
   */
  private void measure(Connection calx, Connection h2, Connection remote, Connection client)
      throws SQLException {
    try (Statement c = calx.createStatement(); Statement h = h2.createStatement();
        Statement r = remote.createStatement();
        PreparedStatement once = calx.prepareStatement(POINT_PREPARED);
        PreparedStatement call = remote.prepareStatement("CALL twice(?)");
        PreparedStatement one = remote.prepareStatement("SELECT 1");
        PreparedStatement embeddedCall = calx.prepareStatement("CALL twice(?)");
        CallableStatement embeddedValue = calx.prepareCall(VALUE_CALL);
        CallableStatement clientValue = client.prepareCall(VALUE_CALL)) {
      unprepared(c, h);
      prepared(calx, once);
      firstSeen(c, h);
      server(r, call, one);
      callable(embeddedValue, embeddedCall, clientValue, call);
      for (Series s : series) {
        s.warmUp();
      }
      for (int round = 0; round < ROUNDS; round++) {
        for (Series s : series) {
          s.measure(round);
        }
      }
    }
  }

  /**
   * The four unprepared statements, each with a key of its own at every run. The INSERTs come
   * first in each round, with keys after the initial rows (the warm-up's after
   * {@link #WARM_UP_KEYS}), so that the SELECTs and UPDATEs, with as many runs, find a row for
   * each of their keys.
   */
  private void unprepared(Statement c, Statement h) {
    Series calxInsert = slow(iterations, i -> insert(c, key(ROWS + 1, i)));
    Series h2Insert = cheap(iterations, i -> insert(h, key(ROWS + 1, i)));
    row("`SELECT x FROM nums WHERE id = k`", slow(iterations, i -> point(c, key(1, i))),
        cheap(iterations, i -> point(h, key(1, i))));
    // H2 also takes SELECT twice(k), which costs it more; the same text is the fairer baseline.
    row("`CALL twice(k)` (H2: the same, a Java function)",
        slow(iterations, i -> single(c, "CALL twice(" + key(1, i) + ")")),
        cheap(iterations, i -> single(h, "CALL twice(" + key(1, i) + ")")));
    row("`INSERT INTO nums VALUES (k, k)`, auto-commit", calxInsert, h2Insert);
    row("`UPDATE nums SET x = x + 1 WHERE id = k`", slow(iterations, i -> update(c, key(1, i))),
        cheap(iterations, i -> update(h, key(1, i))));
  }

  /** Calx preparing, executing and closing the point SELECT each time, or preparing it once. */
  private void prepared(Connection calx, PreparedStatement once) {
    row("Calx `" + POINT_PREPARED + "`: prepare, execute, close each time (baseline: prepared"
        + " once)", slow(iterations, i -> prepareAndRun(calx, cycled(i))),
        cheap(iterations * CHEAP, i -> run(once, cycled(i))));
  }

  /** A SELECT whose column alias, which shapes the plan, is new at every run. */
  private void firstSeen(Statement c, Statement h) {
    int count = iterations / FIRST_SEEN;
    row("`SELECT x AS c<i> FROM nums WHERE id = k`, a shape never seen before (H2: the same)",
        slow(count, i -> single(c, aliased(i))), cheap(count, i -> single(h, aliased(i))));
  }

  /**
   * Through the server: an unprepared CALL, the same CALL prepared once, and a prepared
   * {@code SELECT 1}, the floor of a round trip.
   */
  private void server(Statement r, PreparedStatement call, PreparedStatement one) {
    Series prepared = cheap(iterations * CHEAP, i -> run(call, key(1, i)));
    row("server: `CALL twice(k)`, unprepared; baseline: `CALL twice(?)` prepared once",
        slow(iterations, i -> single(r, "CALL twice(" + key(1, i) + ")")), prepared);
    row("server: `CALL twice(?)` prepared once; baseline: `SELECT 1` prepared once", prepared,
        cheap(iterations * CHEAP, i -> run(one)));
  }

  /**
   * JDBC's {@code {? = call twice(?)}} through a {@code CallableStatement} with its value as OUT
   * parameter 1, embedded and through the client driver, each against {@code CALL twice(?)}
   * prepared once and read from its result set.
   */
  private void callable(CallableStatement embeddedValue, PreparedStatement embeddedCall,
      CallableStatement clientValue, PreparedStatement remoteCall) throws SQLException {
    embeddedValue.registerOutParameter(1, Types.INTEGER);
    clientValue.registerOutParameter(1, Types.INTEGER);
    row("Calx `" + VALUE_CALL + "`, CallableStatement; baseline: `CALL twice(?)` prepared once",
        cheap(iterations * CHEAP, i -> value(embeddedValue, key(1, i))),
        cheap(iterations * CHEAP, i -> run(embeddedCall, key(1, i))));
    row("client driver: `" + VALUE_CALL + "`, CallableStatement; baseline: Avatica's client,"
        + " `CALL twice(?)` prepared once", cheap(iterations * CHEAP,
        i -> value(clientValue, key(1, i))), cheap(iterations * CHEAP,
        i -> run(remoteCall, key(1, i))));
  }

  private static void value(CallableStatement call, int k) throws SQLException {
    call.setInt(2, k);
    call.execute();
    sink = call.getInt(1);
  }

  /** Creates and fills {@code nums} in one transaction, then runs {@code createTwice}. */
  private static void fill(Connection c, String createTwice) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE nums (id INT PRIMARY KEY, x INT)");
      // Off before the INSERT is prepared: Avatica's client tells the server only then.
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO nums VALUES (?, ?)")) {
        for (int id = 1; id <= ROWS; id++) {
          insert.setInt(1, id);
          insert.setInt(2, id);
          insert.executeUpdate();
        }
      }
      c.commit();
      c.setAutoCommit(true);
      s.execute(createTwice);
    }
  }

  /**
   * The key of run {@code i}: from {@code first} on for the measured runs ({@code i >= 0}), after
   * {@link #WARM_UP_KEYS} for the warm-up's ({@code i < 0}); never the same twice in a series.
   */
  private static int key(int first, int i) {
    return i >= 0 ? first + i : WARM_UP_KEYS - i;
  }

  /** A key of the initial rows, repeating: a prepared statement's text does not change. */
  private static int cycled(int i) {
    return 1 + Math.floorMod(i, ROWS);
  }

  private static String aliased(int i) {
    return "SELECT x AS " + (i >= 0 ? "c" + i : "w" + -i) + " FROM nums WHERE id = "
        + cycled(i);
  }

  private static void insert(Statement s, int k) throws SQLException {
    expectOne(s.executeUpdate("INSERT INTO nums VALUES (" + k + ", " + k + ")"), k);
  }

  private static void update(Statement s, int k) throws SQLException {
    expectOne(s.executeUpdate("UPDATE nums SET x = x + 1 WHERE id = " + k), k);
  }

  private static void point(Statement s, int k) throws SQLException {
    single(s, POINT + k);
  }

  private static void prepareAndRun(Connection c, int k) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(POINT_PREPARED)) {
      run(p, k);
    }
  }

  private static void run(PreparedStatement p, int k) throws SQLException {
    p.setInt(1, k);
    run(p);
  }

  private static void run(PreparedStatement p) throws SQLException {
    try (ResultSet rs = p.executeQuery()) {
      read(rs);
    }
  }

  private static void single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      read(rs);
    }
  }

  /** Reads the one row every measured query returns; a missing row would measure nothing. */
  private static void read(ResultSet rs) throws SQLException {
    if (!rs.next()) {
      throw new IllegalStateException("no row: the key should have been there");
    }
    sink = rs.getInt(1);
  }

  private static void expectOne(int count, int k) {
    if (count != 1) {
      throw new IllegalStateException(count + " rows changed for key " + k + ", expected 1");
    }
  }

  private void row(String statement, Series calx, Series baseline) {
    rows.add(new Row(statement, calx, baseline));
  }

  /** A series that takes milliseconds a run today, warmed up with a quarter of its runs. */
  private Series slow(int count, Step step) {
    int runs = Math.max(ROUNDS, count);
    return add(new Series(step, runs, runs / 4));
  }

  /** A series that takes microseconds a run, with a warm-up long enough for the JIT. */
  private Series cheap(int count, Step step) {
    int runs = Math.max(ROUNDS, count);
    return add(new Series(step, runs, Math.max(runs / 4, CHEAP_WARM_UP)));
  }

  private Series add(Series s) {
    series.add(s);
    return s;
  }

  private static String micros(double us) {
    return us < 10 ? String.format(Locale.ROOT, "%.2f", us)
        : us < 100 ? String.format(Locale.ROOT, "%.1f", us)
        : String.format(Locale.ROOT, "%,.0f", us);
  }

  private void print(Options options, Instant start, String loadAtStart) {
    Instant end = Instant.now();
    System.out.printf(Locale.ROOT, "%n| statement | Calx p50 µs | baseline p50 µs | ratio"
        + " | p99 µs, Calx / baseline | CPU µs of the calling thread, Calx / baseline"
        + " | iterations, Calx / baseline |%n|---|---|---|---|---|---|---|%n%s%n%n",
        String.join("\n", rows.stream().map(Row::format).toList()));
    System.out.printf(Locale.ROOT, "- iterations: %,d; warm-up: a quarter as many, at least"
        + " %,d for H2 and prepared statements re-executed; then every series measured in %d"
        + " rounds, in turn with the others; CPU: the calling thread's per run, median of the"
        + " rounds (through the server, the client's only); embedded URL options: %s, server"
        + " settings: %s%n", iterations, CHEAP_WARM_UP, ROUNDS,
        options.urlOptions().isEmpty() ? "none" : options.urlOptions(),
        options.serverSettings().isEmpty() ? "defaults" : options.serverSettings());
    System.out.printf(Locale.ROOT, "- run: %s to %s (%d s)%n",
        start.truncatedTo(ChronoUnit.SECONDS), end.truncatedTo(ChronoUnit.SECONDS),
        end.getEpochSecond() - start.getEpochSecond());
    System.out.printf(Locale.ROOT, "- machine: %d cores (%s), %s %s%n",
        Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.name"),
        System.getProperty("os.arch"));
    System.out.printf(Locale.ROOT, "- java: %s %s, max heap %,d MiB, flags %s%n",
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf(Locale.ROOT, "- load average at the start: %s; at the end: %s%n",
        loadAtStart, loadAverage());
  }

  /** The 1, 5 and 15 minute load averages, from Linux's file or, elsewhere, the last minute's. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("model unknown");
    } catch (IOException e) {
      return "model unknown";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One run of a statement; {@code i}, negative in the warm-up, gives its key. */
  @FunctionalInterface
  private interface Step {
    void run(int i) throws SQLException;
  }

  /**
   * A statement, run a number of times before it is measured, then measured round by round: the
   * latency of each run, and the calling thread's CPU time per run in each round, since on a
   * machine shared with other work wall time measures the others too.
   */
  private static final class Series {
    private final Step step;
    private final int warmUp;
    private final long[] nanos;
    private final double[] cpuPerRun = new double[ROUNDS];

    Series(Step step, int count, int warmUp) {
      this.step = step;
      this.warmUp = warmUp;
      this.nanos = new long[count];
    }

    void warmUp() throws SQLException {
      for (int i = 1; i <= warmUp; i++) {
        step.run(-i);
      }
    }

    void measure(int round) throws SQLException {
      int from = nanos.length * round / ROUNDS;
      int to = nanos.length * (round + 1) / ROUNDS;
      // Per round, not per run: reading the thread's CPU clock would weigh on the cheap runs.
      long cpu = THREADS.getCurrentThreadCpuTime();
      for (int i = from; i < to; i++) {
        long start = System.nanoTime();
        step.run(i);
        nanos[i] = System.nanoTime() - start;
      }
      cpuPerRun[round] = (THREADS.getCurrentThreadCpuTime() - cpu) / (double) (to - from);
    }

    int count() {
      return nanos.length;
    }

    /** The nearest-rank percentile of the latencies, in microseconds. */
    double percentile(int p) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, rank - 1)] / 1e3;
    }

    /** The median of the rounds' CPU time per run, in microseconds. */
    double cpu() {
      double[] sorted = cpuPerRun.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2] / 1e3;
    }
  }

  /** A row of the table: a statement in Calx and its baseline. */
  private record Row(String statement, Series calx, Series baseline) {
    String format() {
      double ratio = calx.percentile(50) / baseline.percentile(50);
      return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s | %s / %s | %,d / %,d |",
          statement, micros(calx.percentile(50)), micros(baseline.percentile(50)),
          ratio >= 10 ? String.format(Locale.ROOT, "%,.0f×", ratio)
              : String.format(Locale.ROOT, "%.2f×", ratio),
          micros(calx.percentile(99)), micros(baseline.percentile(99)), micros(calx.cpu()),
          micros(baseline.cpu()), calx.count(), baseline.count());
    }
  }

  /**
   * The command line: the iterations, options for the embedded URL (each {@code ;key=value}), and
   * server settings ({@code --key=value}, the keys of {@code ./calx server}).
   */
  private record Options(int iterations, String urlOptions,
      Map<ServerSetting, String> serverSettings) {
    static Options parse(String[] args) {
      int iterations = 800;
      StringBuilder url = new StringBuilder();
      Map<ServerSetting, String> server = new EnumMap<>(ServerSetting.class);
      for (String arg : args) {
        if (arg.startsWith("--") && arg.indexOf('=') > 2) {
          int eq = arg.indexOf('=');
          server.put(ServerSetting.ofKey(arg.substring(2, eq)), arg.substring(eq + 1));
        } else if (arg.matches("\\d+")) {
          iterations = Integer.parseInt(arg);
        } else {
          url.append(arg.startsWith(";") ? arg : ";" + arg);
        }
      }
      return new Options(iterations, url.toString(), server);
    }
  }
}
