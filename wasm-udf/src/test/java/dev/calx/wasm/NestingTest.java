package dev.calx.wasm;

import static dev.calx.wasm.SqlType.BIGINT;
import static dev.calx.wasm.SqlType.INTEGER;
import static dev.calx.wasm.SqlType.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Routines whose SQL calls functions on the same thread: nesting depth, instances of their own,
 * the outermost call's time limit, host code that is never interrupted, and memory.
 */
class NestingTest {
  private static final GuestModule SQL = Guests.wat("calx_sql");
  private static final GuestModule LIMITS = Guests.wat("limits");
  private static final Signature NEST = Signature.of(INTEGER, TEXT, INTEGER);
  private static final Signature LEAVE_OPEN = Signature.of(BIGINT, TEXT, INTEGER);

  private static WasmFunction routine(String export, Signature signature, CallLimits limits,
      GuestMemoryBudget budget) {
    return WasmFunction.builder(SQL).name(export).signature(signature).limits(limits)
        .budget(budget).grant(ImportSet.CALX).grant(ImportSet.CALX_SQL).build();
  }

  private static WasmFunction routine(String export, Signature signature, CallLimits limits) {
    return routine(export, signature, limits, GuestMemoryBudget.shared());
  }

  private static WasmFunction routine(String export, Signature signature) {
    return routine(export, signature, CallLimits.DEFAULTS);
  }

  /** A host whose CALL runs {@code nest} again with its parameter, as nested SQL would. */
  private static TableHost nesting(WasmFunction nest) {
    TableHost host = new TableHost();
    host.onCall = params -> (Integer) nest.call(host, "CALL", params[0]);
    return host;
  }

  /** What CALL runs, noting the time limit the nested call it makes reaches, if it does. */
  private static ToLongFunction<Object[]> noting(AtomicReference<CallTimeoutException> seen,
      ToLongFunction<Object[]> call) {
    return params -> {
      try {
        return call.applyAsLong(params);
      } catch (CallTimeoutException e) {
        seen.set(e);
        throw e;
      }
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError("host code was interrupted", e);
    }
  }

  /** leave_open under a time limit of {@code millis}: the outer call of the timing tests. */
  private static WasmFunction outerWithin(long millis) {
    return routine("leave_open", LEAVE_OPEN, CallLimits.DEFAULTS.withTimeout(
        Duration.ofMillis(millis)));
  }

  /** A function of limits.wat, which runs no SQL, under the default limits. */
  private static WasmFunction plain(String export) {
    return Guests.function(LIMITS, export, Signature.of(INTEGER, INTEGER));
  }

  /** Runs a call that the time limit of {@code millis} must stop, give or take a few ticks. */
  private static CallTimeoutException stoppedAt(long millis, Executable call) {
    long start = System.nanoTime();
    CallTimeoutException e = assertThrows(CallTimeoutException.class, call);
    long elapsed = millisSince(start);
    assertTrue(elapsed >= millis && elapsed < millis + 400, "stopped after " + elapsed + " ms");
    assertEquals("57014", e.sqlState());
    return e;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void routinesNestSixteenDeepAndTheSeventeenthFailsWith54001BeforeItRuns() {
    WasmFunction nest = routine("nest", NEST);
    WasmFunction leaveOpen = routine("leave_open", LEAVE_OPEN);
    TableHost host = new TableHost();
    // The innermost level calls leave_open, which would insert a row if it ran.
    host.onCall = params -> (Integer) params[0] > 0
        ? (Integer) nest.call(host, "CALL", params[0]) : (Long) leaveOpen.call(host, "INSERT", 1);
    // nest(n) calls nest(n - 1) ... nest(1), which calls leave_open: n + 1 levels.
    assertEquals(16, nest.call(host, "CALL", 15), "15 levels of nest and leave_open the 16th");
    assertEquals(1, host.inserted.size());
    RoutineFailedException e =
        assertThrows(RoutineFailedException.class, () -> nest.call(host, "CALL", 16));
    assertEquals("54001", e.sqlState());
    assertEquals("leave_open('INSERT', 1): routines that run SQL may be nested at most 16 deep",
        e.getMessage());
    assertEquals(1, host.inserted.size(), "the 17th level ran no guest code");
    assertEquals(0, host.openStatements());
    assertEquals(4, nest.call(host, "CALL", 3), "the next call works");
    assertFalse(host.sawInterrupt());
  }

  @Test
  void aFunctionReenteredOnOneThreadRunsOnAnotherInstanceEveryTime() throws Exception {
    WasmFunction nest = routine("nest", NEST);
    TableHost host = nesting(nest);
    assertEquals(0, nest.call(host, "CALL", 0));
    assertTrue(nest.favours(Thread.currentThread()), "the outer call takes the favourite");
    // nest traps if a call nested in it ran on its instance and counted itself there.
    assertEquals(5, nest.call(host, "CALL", 5));
    assertEquals(5, nest.call(host, "CALL", 5));
    assertTrue(nest.favours(Thread.currentThread()));
    FutureTask<Integer> other = new FutureTask<>(() -> {
      TableHost its = nesting(nest);
      nest.call(its, "CALL", 4);
      return (Integer) nest.call(its, "CALL", 4);
    });
    Thread thread = new Thread(other);
    thread.start();
    thread.join();
    assertEquals(4, other.get(), "another thread's calls take the idle slot path");
    assertTrue(nest.favours(Thread.currentThread()));
    assertEquals(0, host.openStatements());
  }

  @Test
  void threadsNestAtOnceEachWithLevelsOfItsOwn() throws Exception {
    WasmFunction nest = routine("nest", NEST);
    List<FutureTask<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int depth = 10 + t;
      tasks.add(new FutureTask<>(() -> {
        TableHost its = nesting(nest);
        int sum = 0;
        for (int i = 0; i < 50; i++) {
          sum += (Integer) nest.call(its, "CALL", depth);
        }
        return sum + its.openStatements();
      }));
    }
    List<Thread> threads = new ArrayList<>();
    for (FutureTask<Integer> task : tasks) {
      threads.add(new Thread(task));
      threads.get(threads.size() - 1).start();
    }
    for (int t = 0; t < 4; t++) {
      threads.get(t).join();
      assertEquals(50 * (10 + t), tasks.get(t).get(), "thread " + t);
    }
  }

  @Test
  void theOutermostLimitStopsAPlainFunctionNestedInIt() {
    WasmFunction outer = outerWithin(300);
    WasmFunction spin = plain("spin");
    assertEquals(Duration.ofSeconds(5), spin.limits().timeout());
    AtomicReference<CallTimeoutException> nested = new AtomicReference<>();
    TableHost host = new TableHost();
    host.onCall = noting(nested, params -> (Integer) spin.call(1));
    CallTimeoutException e = stoppedAt(300, () -> outer.call(host, "CALL", 1));
    assertEquals("leave_open('CALL', 1): time limit of 300 ms reached", e.getMessage());
    assertEquals("spin(1): time limit of 5000 ms reached (or what was left of the limit of the"
        + " routine that called it)", nested.get().getMessage());
    assertFalse(host.sawInterrupt(), "no interrupt reached host code");
    assertFalse(Thread.currentThread().isInterrupted());
    assertEquals(0, host.openStatements());
    assertEquals(1L, outer.call(host, "INSERT", 1), "the next call works");
  }

  @Test
  void theOutermostLimitStopsARoutineNestedInIt() {
    WasmFunction outer = outerWithin(300);
    WasmFunction spin = routine("leave_open_then", Signature.of(BIGINT, TEXT, INTEGER, INTEGER));
    TableHost host = new TableHost();
    host.onCall = params -> (Long) spin.call(host, "INSERT", 1, 2);
    stoppedAt(300, () -> outer.call(host, "CALL", 1));
    assertEquals(1, host.inserted.size(), "the nested routine ran until the limit stopped it");
    assertFalse(host.sawInterrupt());
    assertFalse(Thread.currentThread().isInterrupted());
    assertEquals(0, host.openStatements());
  }

  @Test
  void hostCodeIsNeverInterruptedAndTheLimitEndsTheCallWhenItReturns() {
    // leave_open has no loop, yet a routine that runs SQL is always watched: else this would
    // never end.
    WasmFunction sleepy = outerWithin(200);
    TableHost host = new TableHost();
    long start = System.nanoTime();
    CallTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(CallTimeoutException.class, () -> sleepy.call(host, "SLEEP", 600)));
    long elapsed = millisSince(start);
    assertTrue(elapsed >= 600, "the host slept its 600 ms: " + elapsed + " ms");
    assertEquals("leave_open('SLEEP', 600): time limit of 200 ms reached", e.getMessage());
    assertFalse(host.sawInterrupt(), "the host slept without an interrupt");
    assertEquals(0, host.openStatements());
    assertEquals(0L, sleepy.call(host, "SLEEP", 1), "the next call works");
  }

  @Test
  void aNestedRoutineThatWouldStartAfterTheDeadlineFailsAtOnce() {
    WasmFunction outer = outerWithin(200);
    WasmFunction inner = routine("leave_open", LEAVE_OPEN);
    AtomicReference<CallTimeoutException> late = new AtomicReference<>();
    TableHost host = new TableHost();
    host.onCall = noting(late, params -> {
      sleep(300);
      return (Long) inner.call(host, "INSERT", 1);
    });
    assertThrows(CallTimeoutException.class, () -> outer.call(host, "CALL", 1));
    assertEquals("leave_open('INSERT', 1): the time limit of the routine that called it was"
        + " reached before it started", late.get().getMessage());
    assertEquals(0, host.inserted.size(), "the nested routine never ran");
    assertEquals(1, host.preparedStatements(), "only the outer CALL was prepared");
    assertEquals(0, host.openStatements());
  }

  @Test
  void manyNestedCallsCutShortAtRandomPointsNeverLeaveAnInterruptBehind() {
    WasmFunction outer = outerWithin(2);
    WasmFunction countdown = plain("countdown");
    TableHost host = new TableHost();
    host.onCall = params -> (Integer) countdown.call(params[0]);
    int timeouts = 0;
    for (int i = 0; i < 200; i++) {
      try {
        outer.call(host, "CALL", (i % 20) * 1_000_000);
      } catch (CallTimeoutException e) {
        timeouts++;
      }
      assertFalse(Thread.currentThread().isInterrupted(), "after call " + i);
    }
    assertFalse(host.sawInterrupt(), "no interrupt reached host code");
    assertTrue(timeouts > 0 && timeouts < 200, "both outcomes were exercised: " + timeouts);
    assertEquals(0, host.openStatements());
  }

  @Test
  void idleInstancesMakeRoomForNestedCallsAndBusyOnesFailTheLastWith53200() {
    // Instances of calx_sql.wat take 256 KiB; 1 MiB holds three of them, the sixteenth kept
    // free for small instances.
    GuestMemoryBudget budget = GuestMemoryBudget.of(1 << 20, 1 << 20);
    WasmFunction nest = routine("nest", NEST, CallLimits.DEFAULTS, budget);
    WasmFunction other = routine("first_i32", Signature.of(INTEGER, TEXT, INTEGER),
        CallLimits.DEFAULTS, budget);
    assertEquals(2 * 256 * 1024, budget.usedBytes(), "each function's first instance, idle");
    TableHost host = nesting(nest);
    assertEquals(2, nest.call(host, "CALL", 2), "three levels: the idle first_i32 was evicted");
    assertTrue(budget.usedBytes() <= 3 * 256 * 1024, budget.usedBytes() + " bytes");
    MemoryBudgetExhaustedException e = assertThrows(MemoryBudgetExhaustedException.class,
        () -> nest.call(host, "CALL", 3));
    assertEquals("53200", e.sqlState());
    assertTrue(e.getMessage().contains("nest('CALL', 0)"), e.getMessage());
    assertEquals(budget.idleBytes(), budget.usedBytes(), "no instance is left busy");
    assertEquals(0, host.openStatements());
    assertEquals(2, nest.call(host, "CALL", 2), "the next call works");
    TableHost rows = new TableHost(new Object[] {5});
    assertEquals(5, other.call(rows, "SELECT", 1), "and so does the evicted function");
  }
}
