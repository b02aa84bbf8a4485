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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
  /** Measurements alternate between the series of a row in this many rounds. */
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
  private static final String TWICE_WAT = "(module (func (export \"twice\") (param i32)"
      + " (result i32) local.get 0 i32.const 2 i32.mul))";
  private static final String POINT = "SELECT x FROM nums WHERE id = ";
  private static final String POINT_PREPARED = POINT + "?";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Keeps what the statements return alive, so that nothing is skipped. */
  private static volatile int sink;

  private final int iterations;
  private final List<String> table = new ArrayList<>();

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
      harness.embedded(dir.resolve("calx"), options.urlOptions(), dir.resolve("h2"));
      harness.server(dir.resolve("server"), options.serverSettings());
    } finally {
      deleteTree(dir);
    }
    harness.print(options, start, loadAtStart);
  }

  /** Twice its argument: the Java twin of the WebAssembly {@code twice}, for H2's CREATE ALIAS. */
  public static int twice(int x) {
    return x * 2;
  }

  /** Calx embedded on a data directory beside H2 used directly. */
  private void embedded(Path calxData, String urlOptions, Path h2Data) throws SQLException {
    try (Connection calx = DriverManager.getConnection("jdbc:calx:" + calxData + urlOptions);
        Connection h2 = DriverManager.getConnection(
            "jdbc:h2:file:" + h2Data.resolve("h2") + ";WRITE_DELAY=0", "sa", "")) {
      fill(calx, "CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM AS '" + TWICE_WAT + "'");
      fill(h2, "CREATE ALIAS TWICE FOR '" + StatementHarness.class.getName() + ".twice'");
      unprepared(calx, h2);
      prepared(calx);
      firstSeen(calx, h2);
    } finally {
      // A database is opened once per process and outlives its connections.
      Database.open(calxData.toString(), null).close();
    }
  }

  /**
   * The four unprepared statements, each with a key of its own at every run. The INSERTs come
   * first, with keys after the initial rows (the warm-up's after {@link #WARM_UP_KEYS}), so that
   * the SELECTs and UPDATEs that follow, with as many runs, find a row for each of their keys.
   */
  private void unprepared(Connection calx, Connection h2) throws SQLException {
    try (Statement c = calx.createStatement(); Statement h = h2.createStatement()) {
      String insert = compare("`INSERT INTO nums VALUES (k, k)`, auto-commit",
          slow(iterations, i -> insert(c, key(ROWS + 1, i))),
          cheap(iterations, i -> insert(h, key(ROWS + 1, i))));
      table.add(compare("`SELECT x FROM nums WHERE id = k`",
          slow(iterations, i -> point(c, key(1, i))), cheap(iterations, i -> point(h, key(1, i)))));
      // H2 also takes SELECT twice(k), which costs it more; the same text is the fairer baseline.
      table.add(compare("`CALL twice(k)` (H2: the same, a Java function)",
          slow(iterations, i -> single(c, "CALL twice(" + key(1, i) + ")")),
          cheap(iterations, i -> single(h, "CALL twice(" + key(1, i) + ")"))));
      table.add(insert);
      table.add(compare("`UPDATE nums SET x = x + 1 WHERE id = k`",
          slow(iterations, i -> update(c, key(1, i))),
          cheap(iterations, i -> update(h, key(1, i)))));
    }
  }

  /** Calx preparing, executing and closing the point SELECT each time, or preparing it once. */
  private void prepared(Connection calx) throws SQLException {
    try (PreparedStatement once = calx.prepareStatement(POINT_PREPARED)) {
      table.add(compare("Calx `" + POINT_PREPARED + "`: prepare, execute, close each time"
          + " (baseline: prepared once)", slow(iterations, i -> prepareAndRun(calx, cycled(i))),
          cheap(iterations * CHEAP, i -> run(once, cycled(i)))));
    }
  }

  /** A SELECT whose column alias, which shapes the plan, is new at every run. */
  private void firstSeen(Connection calx, Connection h2) throws SQLException {
    try (Statement c = calx.createStatement(); Statement h = h2.createStatement()) {
      int count = iterations / FIRST_SEEN;
      table.add(compare("`SELECT x AS c<i> FROM nums WHERE id = k`, a shape never seen before"
          + " (H2: the same)", slow(count, i -> single(c, aliased(i))),
          cheap(count, i -> single(h, aliased(i)))));
    }
  }

  /**
   * The server in this process over a data directory of its own, called by Avatica's remote
   * driver: an unprepared CALL, the same CALL prepared once, and a prepared {@code SELECT 1}, the
   * floor of a round trip.
   */
  private void server(Path data, Map<ServerSetting, String> more) throws SQLException {
    Map<ServerSetting, String> settings = new EnumMap<>(ServerSetting.class);
    settings.put(ServerSetting.PORT, "0");
    settings.put(ServerSetting.DATA, data.toString());
    settings.put(ServerSetting.SERIALIZATION, "protobuf");
    settings.putAll(more);
    try (CalxServer server = CalxServer.start(ServerConfig.of(settings));
        Connection remote = DriverManager.getConnection(server.jdbcUrl())) {
      fill(remote, "CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM AS '"
          + TWICE_WAT + "'");
      serverCalls(remote);
    }
  }

  private void serverCalls(Connection remote) throws SQLException {
    try (Statement s = remote.createStatement();
        PreparedStatement call = remote.prepareStatement("CALL twice(?)");
        PreparedStatement one = remote.prepareStatement("SELECT 1")) {
      Measured[] m = measure(
          slow(iterations, i -> single(s, "CALL twice(" + key(1, i) + ")")),
          cheap(iterations * CHEAP, i -> run(call, key(1, i))),
          cheap(iterations * CHEAP, i -> run(one)));
      table.add(row("server: `CALL twice(k)`, unprepared; baseline: `CALL twice(?)` prepared"
          + " once", m[0], m[1]));
      table.add(row("server: `CALL twice(?)` prepared once; baseline: `SELECT 1` prepared once",
          m[1], m[2]));
    }
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

  /** Measures two series; returns their row of the table. */
  private static String compare(String statement, Series calx, Series baseline)
      throws SQLException {
    Measured[] m = measure(calx, baseline);
    return row(statement, m[0], m[1]);
  }

  /**
   * Warms each series up, then measures them in alternating rounds, so that a change in the load
   * of the shared machine falls on all of them alike.
   */
  private static Measured[] measure(Series... series) throws SQLException {
    for (Series s : series) {
      for (int i = 1; i <= s.warmUp(); i++) {
        s.step().run(-i);
      }
    }
    Measured[] measured = new Measured[series.length];
    for (int j = 0; j < series.length; j++) {
      measured[j] = new Measured(new long[series[j].count()], new double[ROUNDS]);
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (int j = 0; j < series.length; j++) {
        measureRound(series[j], measured[j], round);
      }
    }
    return measured;
  }

  private static void measureRound(Series s, Measured m, int round) throws SQLException {
    int from = m.nanos().length * round / ROUNDS;
    int to = m.nanos().length * (round + 1) / ROUNDS;
    // Per round, not per run: reading the thread's CPU clock would weigh on the cheap runs.
    long cpu = THREADS.getCurrentThreadCpuTime();
    for (int i = from; i < to; i++) {
      long start = System.nanoTime();
      s.step().run(i);
      m.nanos()[i] = System.nanoTime() - start;
    }
    m.cpuPerRun()[round] = (THREADS.getCurrentThreadCpuTime() - cpu) / (double) (to - from);
  }

  /** A series that takes milliseconds a run today, warmed up with a quarter of its runs. */
  private static Series slow(int count, Step step) {
    int runs = Math.max(ROUNDS, count);
    return new Series(step, runs, runs / 4);
  }

  /** A series that takes microseconds a run, with a warm-up long enough for the JIT. */
  private static Series cheap(int count, Step step) {
    int runs = Math.max(ROUNDS, count);
    return new Series(step, runs, Math.max(runs / 4, CHEAP_WARM_UP));
  }

  private static String row(String statement, Measured calx, Measured baseline) {
    double ratio = calx.percentile(50) / baseline.percentile(50);
    return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s | %s / %s | %,d / %,d |",
        statement, micros(calx.percentile(50)), micros(baseline.percentile(50)),
        ratio >= 10 ? String.format(Locale.ROOT, "%,.0f×", ratio)
            : String.format(Locale.ROOT, "%.2f×", ratio),
        micros(calx.percentile(99)), micros(baseline.percentile(99)), micros(calx.cpu()),
        micros(baseline.cpu()), calx.nanos().length, baseline.nanos().length);
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
        String.join("\n", table));
    System.out.printf(Locale.ROOT, "- iterations: %,d; warm-up: a quarter as many, at least"
        + " %,d for H2 and prepared statements re-executed;"
        + " CPU: the calling thread's per run, median of the %d rounds (through the server, the"
        + " client's only); embedded URL options: %s, server settings: %s%n", iterations,
        CHEAP_WARM_UP, ROUNDS,
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

  /** A statement, how many runs of it to measure and how many to run before. */
  private record Series(Step step, int count, int warmUp) {}

  /**
   * The latency of each run of a series, and the calling thread's CPU time per run in each round:
   * on a machine shared with other work, wall time measures the others too.
   */
  private record Measured(long[] nanos, double[] cpuPerRun) {
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
