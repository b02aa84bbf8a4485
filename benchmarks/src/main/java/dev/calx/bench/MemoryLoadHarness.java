package dev.calx.bench;

import dev.calx.wasm.GuestMemoryBudget;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The memory trace of the load that once filled a server's heap: 32 threads, each with its own
 * connection, calling a function whose module starts at 256 MiB (4096 pages), while another
 * function and {@code sys.procedures} are queried beside them. Prints the heap used (after a GC
 * before and after the load, sampled during it), the guest memory budget's use, and how the calls
 * ended. Not a JMH benchmark: run it with the heap the launcher gives a server,
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.calx.bench.MemoryLoadHarness
 * [seconds]}.
 */
public final class MemoryLoadHarness {
  private static final int THREADS = 32;
  private static final long MIB = 1L << 20;
  private static final String BIG = "CREATE FUNCTION big(x INT) RETURNS INT LANGUAGE WASM"
      + " WITH (max_memory_mb = 256) AS '(module (memory 4096)"
      + " (func (export \"big\") (param i32) (result i32)"
      + " (i32.store (i32.mul (local.get 0) (i32.const 65536)) (local.get 0))"
      + " (i32.load (i32.mul (local.get 0) (i32.const 65536)))))'";
  private static final String SMALL = "CREATE FUNCTION small(x INT) RETURNS INT LANGUAGE WASM"
      + " AS '(module (memory 1) (func (export \"small\") (param i32) (result i32)"
      + " (i32.add (local.get 0) (i32.const 1))))'";

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final GuestMemoryBudget budget = GuestMemoryBudget.shared();
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> sideOutcomes = new ConcurrentHashMap<>();
  private final List<String> rows = new ArrayList<>();
  private final long start = System.nanoTime();
  private volatile boolean loaded = true;

  private MemoryLoadHarness() {}

  /** Runs the load for the seconds given (default 20) and prints the trace. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    new MemoryLoadHarness().run(seconds);
  }

  private void run(int seconds) throws Exception {
    String url = "jdbc:calx:mem:memory-load";
    try (Connection admin = DriverManager.getConnection(url);
        Statement s = admin.createStatement()) {
      s.execute(BIG);
      s.execute(SMALL);
      Thread.sleep(2000); // CREATE left an idle instance, which the next sweep releases
      row("before the load, after GC", heapAfterGc());
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int page = t * 100;
        callers.add(new Thread(() -> callUntilStopped(url, page)));
      }
      callers.forEach(Thread::start);
      Thread side = new Thread(() -> querySideBySide(url));
      side.start();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        Thread.sleep(1000);
        row("during the load", memory.getHeapMemoryUsage().getUsed());
      }
      loaded = false;
      for (Thread t : callers) {
        t.join();
      }
      side.join();
      row("load ended", memory.getHeapMemoryUsage().getUsed());
      Thread.sleep(2000); // the watchdog's sweep of idle instances runs once a second
      row("2 s later, after GC", heapAfterGc());
      System.out.println(table(seconds));
    }
  }

  private void callUntilStopped(String url, int page) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement call = c.prepareStatement("SELECT big(?)")) {
      call.setInt(1, page);
      while (loaded) {
        count(outcomeOf(call, page));
      }
    } catch (Throwable e) { // an OutOfMemoryError above all
      count(e.toString());
    }
  }

  private static String outcomeOf(PreparedStatement call, int page) {
    try (ResultSet rs = call.executeQuery()) {
      rs.next();
      return rs.getInt(1) == page ? "ok" : "wrong answer";
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  /** Another function and a system table, which must work throughout. */
  private void querySideBySide(String url) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement small = c.prepareStatement("SELECT small(41)");
        PreparedStatement procedures =
            c.prepareStatement("SELECT count(*) FROM sys.procedures")) {
      while (loaded) {
        countSide("small", small, 42);
        countSide("sys.procedures", procedures, 2);
        Thread.sleep(50);
      }
    } catch (SQLException | InterruptedException e) {
      sideOutcomes.computeIfAbsent(e.toString(), k -> new LongAdder()).increment();
    }
  }

  private void countSide(String what, PreparedStatement query, int expected) {
    String outcome;
    try (ResultSet rs = query.executeQuery()) {
      outcome = rs.next() && rs.getInt(1) == expected ? "ok" : "wrong answer";
    } catch (SQLException e) {
      outcome = e.getSQLState();
    }
    sideOutcomes.computeIfAbsent(what + " " + outcome, k -> new LongAdder()).increment();
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  private long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private void row(String phase, long heapUsed) {
    rows.add(String.format(Locale.ROOT, "%6.1f  %-28s %9d %11d %11d",
        (System.nanoTime() - start) / 1e9, phase, heapUsed / MIB, budget.usedBytes() / MIB,
        budget.idleBytes() / MIB));
  }

  private String table(int seconds) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%d threads calling big(x) (256 MiB module) for %d s; max heap %d MiB, guest memory"
            + " budget %d MiB%n", THREADS, seconds, Runtime.getRuntime().maxMemory() / MIB,
        budget.limitBytes() / MIB));
    out.append("     s  phase                        heap MiB  budget MiB    idle MiB\n");
    rows.forEach(r -> out.append(r).append('\n'));
    out.append("calls of big by outcome: ").append(sums(outcomes)).append('\n');
    out.append("beside them, by outcome: ").append(sums(sideOutcomes)).append('\n');
    return out.toString();
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counts) {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.sum()));
    return sorted;
  }
}
