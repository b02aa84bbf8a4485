package dev.calx.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Latency harness, not a test: a server on loopback, then p50 and p99 of a prepared CALL and of a
 * prepared {@code SELECT 1} through Avatica in the same run, and CALL throughput with 8 concurrent
 * clients. Run after {@code mvn -pl jdbc-server verify} (see docs/operations.md):
 *
 * <pre>java -cp jdbc-server/target/test-classes:jdbc-server/target/classes:$(cat
 *     jdbc-server/target/classpath.txt) dev.calx.server.ServerLatency [protobuf|json]</pre>
 */
public final class ServerLatency {
  private static final int WARMUP = 5_000;
  private static final int SAMPLES = 20_000;
  private static final int CLIENTS = 8;
  private static final long THROUGHPUT_NANOS = 10_000_000_000L;

  private ServerLatency() {}

  /** Runs the measurements and prints the table. */
  public static void main(String[] args) throws Exception {
    String serialization = args.length > 0 ? args[0] : "protobuf";
    Map<ServerSetting, String> settings = new EnumMap<>(ServerSetting.class);
    settings.put(ServerSetting.PORT, "0");
    settings.put(ServerSetting.DATA, "mem:latency");
    settings.put(ServerSetting.SERIALIZATION, serialization);
    try (CalxServer server = CalxServer.start(ServerConfig.of(settings));
        Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      c.createStatement().execute(Guests.add("add2"));
      long[] call = latencies(c, "CALL add2(?, ?)");
      long[] select = latencies(c, "SELECT 1");
      double throughput = callThroughput(server.jdbcUrl());
      System.out.printf(Locale.ROOT, "Avatica over HTTP, %s, loopback, %d samples after %d"
          + " warm-up%n", serialization, SAMPLES, WARMUP);
      System.out.printf(Locale.ROOT, "%-28s %10s %10s%n", "statement", "p50 (us)", "p99 (us)");
      row("prepared CALL add2(?, ?)", call);
      row("prepared SELECT 1", select);
      System.out.printf(Locale.ROOT, "%-28s %10.0f calls/s (%d clients, %d s)%n",
          "CALL throughput", throughput, CLIENTS, THROUGHPUT_NANOS / 1_000_000_000L);
    }
  }

  private static void row(String name, long[] sorted) {
    System.out.printf(Locale.ROOT, "%-28s %10.1f %10.1f%n", name,
        sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3);
  }

  /** Sorted nanoseconds per execution, fetch of the row included. */
  private static long[] latencies(Connection c, String sql) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < WARMUP; i++) {
        run(statement, i);
      }
      long[] samples = new long[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        long start = System.nanoTime();
        run(statement, i);
        samples[i] = System.nanoTime() - start;
      }
      Arrays.sort(samples);
      return samples;
    }
  }

  private static int run(PreparedStatement statement, int i) throws SQLException {
    if (statement.getParameterMetaData().getParameterCount() == 2) {
      statement.setInt(1, i);
      statement.setInt(2, 1);
    }
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static double callThroughput(String url) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<Long>> counts = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + THROUGHPUT_NANOS;
    for (int i = 0; i < CLIENTS; i++) {
      counts.add(pool.submit(() -> {
        long calls = 0;
        try (Connection c = DriverManager.getConnection(url);
            PreparedStatement call = c.prepareStatement("CALL add2(?, ?)")) {
          while (System.nanoTime() < deadline) {
            run(call, (int) calls++);
          }
        }
        return calls;
      }));
    }
    long total = 0;
    for (Future<Long> count : counts) {
      total += count.get();
    }
    pool.shutdown();
    return total / ((System.nanoTime() - start) / 1e9);
  }
}
