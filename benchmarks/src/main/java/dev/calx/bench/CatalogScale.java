package dev.calx.bench;

import dev.calx.sql.jdbc.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * What a catalog of many routines costs: CREATE, CREATE OR REPLACE and DROP with 10 routines in
 * the catalog and with {@code args[0]} (default 10,000), each the median of 200, and at both sizes
 * a restart in a fresh JVM: the time to open, to answer a first query and a first call, and the
 * heap it holds. Not a JMH benchmark: a restart happens once per process, and the catalog must be
 * filled first. Every routine has a module of its own.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.calx.bench.CatalogScale [routines]</pre>
 */
public final class CatalogScale {
  private static final int SMALL = 10;
  private static final int SAMPLE = 200;
  /** {@code twice(x INT) RETURNS INT}, to which each routine adds a custom section of its own. */
  private static final byte[] TWICE =
      Base64.getDecoder().decode("AGFzbQEAAAABBgFgAX8BfwMCAQAHCQEFdHdpY2UAAAoJAQcAIABBAmwL");

  private CatalogScale() {}

  /**
   * Measures changes with a small catalog, fills it, measures again, restarts it, then drops it
   * back to the small size and measures once more: the first row is taken by a JIT still
   * warming up, the last by the same JIT as the large one.
   */
  public static void main(String[] args) throws Exception {
    int large = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path data = Files.createTempDirectory("calx-catalog-scale");
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:calx:" + data);
        Statement s = c.createStatement()) {
      fill(s, 0, SMALL);
      changes(s, SMALL); // warms up parser, compiler and H2; not printed
      rows.add(changes(s, SMALL) + " first, 600 statements after the start |");
    }
    restart(data);
    try (Connection c = DriverManager.getConnection("jdbc:calx:" + data);
        Statement s = c.createStatement()) {
      long start = System.nanoTime();
      fill(s, SMALL, large);
      double fillSeconds = (System.nanoTime() - start) / 1e9;
      rows.add(changes(s, large) + " |");
      System.out.printf("%nfilling %,d to %,d routines: %.1f s; heap after GC with all of them"
          + " compiled (created in this process): %,d MiB%n", SMALL, large, fillSeconds,
          heapMib());
    }
    restart(data);
    try (Connection c = DriverManager.getConnection("jdbc:calx:" + data);
        Statement s = c.createStatement()) {
      for (int i = SMALL; i < large; i++) {
        s.execute("DROP FUNCTION f" + i);
      }
      rows.add(changes(s, SMALL) + " again, after dropping the others |");
    }
    System.out.printf("%n| routines in the catalog | CREATE p50 | CREATE OR REPLACE p50"
        + " | DROP p50 | when |%n|---|---|---|---|---|%n%s%n", String.join("\n", rows));
  }

  /** Creates routines {@code from} to {@code to - 1}. */
  private static void fill(Statement s, int from, int to) throws SQLException {
    for (int i = from; i < to; i++) {
      s.execute(create("", "f" + i, i));
    }
  }

  /** A table row of the p50 of CREATE, REPLACE and DROP with {@code size} routines. */
  private static String changes(Statement s, int size) throws SQLException {
    long[] creates = new long[SAMPLE];
    long[] replaces = new long[SAMPLE];
    long[] drops = new long[SAMPLE];
    for (int i = 0; i < SAMPLE; i++) {
      int n = -1 - i;
      creates[i] = timed(s, create("", "extra", n));
      replaces[i] = timed(s, create("OR REPLACE ", "extra", n - SAMPLE));
      drops[i] = timed(s, "DROP FUNCTION extra");
    }
    return String.format("| %,d | %.2f ms | %.2f ms | %.2f ms |", size, p50(creates),
        p50(replaces), p50(drops));
  }

  /** Closes the database, then opens it in a fresh JVM, which prints its own lines. */
  private static void restart(Path data)
      throws IOException, InterruptedException, SQLException {
    Database.open(data.toString(), null).close();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        Restart.class.getName(), data.toString())).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the restarted JVM failed");
    }
  }

  /** A CREATE whose module is {@code twice} with a custom section holding {@code n}. */
  static String create(String orReplace, String name, int n) {
    ByteArrayOutputStream module = new ByteArrayOutputStream();
    module.writeBytes(TWICE);
    module.writeBytes(new byte[] {0, 6, 1, 'n', (byte) (n >> 24), (byte) (n >> 16),
        (byte) (n >> 8), (byte) n});
    return "CREATE " + orReplace + "FUNCTION " + name + "(x INT) RETURNS INT LANGUAGE WASM"
        + " EXPORT 'twice' AS X'" + HexFormat.of().formatHex(module.toByteArray()) + "'";
  }

  private static long timed(Statement s, String sql) throws SQLException {
    long start = System.nanoTime();
    s.execute(sql);
    return System.nanoTime() - start;
  }

  private static double p50(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  static long heapMib() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  /**
   * The restarted process: opens the data directory, runs a first query that calls no routine
   * (a fresh JVM's first statement warms Calcite up, whatever the catalog holds), calls two
   * routines, then every routine.
   */
  public static final class Restart {
    private Restart() {}

    /** Restarts the database in {@code args[0]}. */
    public static void main(String[] args) throws SQLException {
      long start = System.nanoTime();
      Database database = Database.open(args[0], null);
      long opened = System.nanoTime();
      int routines = database.catalog().names().size();
      try (Connection c = DriverManager.getConnection("jdbc:calx:" + args[0]);
          Statement s = c.createStatement()) {
        int listed;
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sys.procedures")) {
          rs.next();
          listed = rs.getInt(1);
        }
        long answered = System.nanoTime();
        System.out.printf("%nrestart with %,d routines, fresh JVM: open %.0f ms; open to the"
            + " answer of a first query (count of sys.procedures: %,d) %.0f ms; heap after GC"
            + " %,d MiB%n", routines, (opened - start) / 1e6, listed, (answered - start) / 1e6,
            heapMib());
        // f0 is compiled by its call; the last one created was compiled while the database opened.
        for (String name : List.of("f0", "f" + (routines - 1))) {
          long called = System.nanoTime();
          int answer = call(s, name);
          System.out.printf("first call of %s: %.1f ms (%d)%n", name,
              (System.nanoTime() - called) / 1e6, answer);
        }
        long all = System.nanoTime();
        for (int i = 0; i < routines; i++) {
          database.catalog().get("F" + i).call(new Object[] {21});
        }
        System.out.printf("every routine called once through the catalog, each compiled on its"
            + " first call: %.1f s; heap after GC then: %,d MiB%n",
            (System.nanoTime() - all) / 1e9, heapMib());
      }
      database.close();
    }

    private static int call(Statement s, String name) throws SQLException {
      try (ResultSet rs = s.executeQuery("CALL " + name + "(21)")) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
