package dev.calx.wasm;

import static dev.calx.wasm.SqlType.INTEGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The budget that all instances' memory is reserved from, under load and at its edges. */
class MemoryBudgetTest {
  private static final long MIB = 1L << 20;
  private static final Signature INT_TO_INT = Signature.of(INTEGER, INTEGER);
  private static final CallLimits UP_TO_256_MIB = CallLimits.DEFAULTS.withMaxMemoryBytes(256 * MIB);
  /**
   * Starts with 256 MiB (4096 pages) and writes to a page the argument picks, so that every call
   * touches the memory it holds.
   */
  private static final GuestModule BIG = GuestModule.fromWat("(module (memory 4096)\n"
      + "(func (export \"touch\") (param i32) (result i32)\n"
      + "  (i32.store (i32.mul (local.get 0) (i32.const 65536)) (local.get 0))\n"
      + "  (i32.load (i32.mul (local.get 0) (i32.const 65536)))))");

  private static WasmFunction big(GuestMemoryBudget budget) {
    return WasmFunction.builder(BIG).name("touch").signature(INT_TO_INT).limits(UP_TO_256_MIB)
        .budget(budget).build();
  }

  @Test
  void thirtyTwoThreadsOnA256MibFunctionEachSucceedOrGet53200AndTheHeapComesBack()
      throws Exception {
    long heapBefore = heapUsedAfterGc();
    GuestMemoryBudget budget = GuestMemoryBudget.of(768 * MIB);
    WasmFunction touch = big(budget);
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    AtomicLong mostUsed = new AtomicLong();
    AtomicBoolean loaded = new AtomicBoolean(true);
    WasmFunction count = WasmFunction.builder(Guests.wat("limits")).name("count")
        .signature(INT_TO_INT).budget(budget).build();
    FutureTask<Integer> others = new FutureTask<>(() -> {
      int calls = 0;
      while (loaded.get()) {
        // A small function of the same budget, each time on a new thread, so with a new
        // instance, works throughout: large instances leave room for small ones.
        FutureTask<Object> call = new FutureTask<>(() -> count.call(0));
        new Thread(call).start();
        assertEquals(1, call.get());
        mostUsed.accumulateAndGet(budget.usedBytes(), Math::max);
        calls++;
        Thread.sleep(1);
      }
      return calls;
    });
    new Thread(others).start();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < 32; t++) {
      int page = t * 100;
      threads.add(new Thread(() -> callThrice(touch, page, start, outcomes)));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    loaded.set(false);
    assertTrue(others.get() > 0, "the other function was called during the load");

    assertEquals(Map.of(), withoutExpected(outcomes), "every call succeeded or got 53200");
    assertTrue(outcomes.get("ok").get() > 0, "some calls succeeded: " + outcomes);
    assertTrue(mostUsed.get() <= budget.limitBytes(), "used at most the budget: " + mostUsed);
    awaitReleased(budget);
    long heapAfter = heapUsedAfterGc();
    assertTrue(heapAfter <= 2 * heapBefore, "heap back near its level: before "
        + heapBefore / MIB + " MiB, after " + heapAfter / MIB + " MiB; " + outcomes);
    assertEquals(3 * 100, touch.call(300), "the function works again after the load");
  }

  private static void callThrice(WasmFunction touch, int page, CountDownLatch start,
      Map<String, AtomicInteger> outcomes) {
    try {
      start.await();
      for (int i = 0; i < 3; i++) {
        String outcome;
        try {
          outcome = touch.call(page).equals(page) ? "ok" : "wrong answer";
        } catch (MemoryBudgetExhaustedException e) {
          outcome = e.sqlState().equals("53200") && e.getMessage().contains("touch(" + page + ")")
              && e.getMessage().contains("budget of 768 MiB") ? "53200" : e.getMessage();
        }
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
      }
    } catch (Throwable e) { // an OutOfMemoryError above all
      outcomes.computeIfAbsent(e.toString(), k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private static Map<String, AtomicInteger> withoutExpected(Map<String, AtomicInteger> outcomes) {
    Map<String, AtomicInteger> unexpected = new ConcurrentHashMap<>(outcomes);
    unexpected.remove("ok");
    unexpected.remove("53200");
    return unexpected;
  }

  /** Waits for the watchdog to notice the ended threads and sweep their idle instances. */
  private static void awaitReleased(GuestMemoryBudget budget) throws InterruptedException {
    for (int i = 0; i < 500 && budget.usedBytes() > budget.idleLimitBytes(); i++) {
      Thread.sleep(10);
    }
    assertTrue(budget.usedBytes() <= budget.idleLimitBytes(),
        "idle memory back under its limit: " + budget.usedBytes());
  }

  private static long heapUsedAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  @Test
  void aCallWaitsBrieflyForABusyInstanceThenGets53200AndTheNextCallWorks() throws Exception {
    GuestMemoryBudget budget = GuestMemoryBudget.of(300 * MIB);
    WasmFunction touch = big(budget);
    CallLimits twoSeconds = UP_TO_256_MIB.withTimeout(Duration.ofSeconds(2));
    GuestModule spinning = GuestModule.fromWat("(module (memory 3200)"
        + " (func (export \"spin\") (param i32) (result i32) (loop $l (br $l)) (i32.const 0)))");
    CountDownLatch built = new CountDownLatch(1);
    FutureTask<Object> holder = new FutureTask<>(() -> {
      WasmFunction spin = WasmFunction.builder(spinning).name("spin").signature(INT_TO_INT)
          .limits(twoSeconds).budget(budget).build();
      built.countDown();
      return assertThrows(CallTimeoutException.class, () -> spin.call(0));
    });
    touch.call(0); // the function's own idle instance, which the holder's build evicts
    new Thread(holder).start();
    built.await();
    awaitRunning(budget, 200 * MIB);
    long start = System.nanoTime();
    MemoryBudgetExhaustedException e =
        assertThrows(MemoryBudgetExhaustedException.class, () -> touch.call(7));
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("53200", e.sqlState());
    assertTrue(e.getMessage().startsWith("touch(7): the guest memory budget of 300 MiB is"
        + " exhausted"), e.getMessage());
    assertTrue(waitedMillis >= 200 && waitedMillis < 1500, "waited " + waitedMillis + " ms");
    holder.get();
    assertEquals(7, touch.call(7), "the next call works once the memory is free");
  }

  private static void awaitNextTick() throws InterruptedException {
    long tick = CallWatchdog.ticks();
    while (CallWatchdog.ticks() <= tick) {
      Thread.sleep(2);
    }
  }

  /** Waits until the budget holds {@code bytes}, none of them idle: a call is running. */
  private static void awaitRunning(GuestMemoryBudget budget, long bytes) throws Exception {
    for (int i = 0; i < 1000 && (budget.usedBytes() != bytes || budget.idleBytes() != 0); i++) {
      Thread.sleep(5);
    }
    assertEquals(bytes, budget.usedBytes(), "the holder's instance is running");
    assertEquals(0, budget.idleBytes());
  }

  @Test
  void aGrowTheBudgetRefusesIs53200AndTheInstanceIsNotKept() {
    GuestMemoryBudget budget = GuestMemoryBudget.of(2 * MIB);
    WasmFunction bomb = WasmFunction.builder(Guests.wat("limits")).name("grow_bomb")
        .signature(INT_TO_INT).budget(budget).build();
    MemoryBudgetExhaustedException e =
        assertThrows(MemoryBudgetExhaustedException.class, () -> bomb.call(0));
    assertTrue(e.getMessage().contains("grow_bomb(0): the guest memory budget of 2 MiB"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Trapped on unreachable"), e.getMessage());
    assertEquals(0, budget.usedBytes(), "the instance was let go with all it held");
    WasmFunction grow = WasmFunction.builder(Guests.wat("limits")).name("grow")
        .signature(INT_TO_INT).budget(budget).build();
    assertEquals(4, grow.call(3), "a grow within the budget works");
  }

  @Test
  void aModuleLargerThanTheWholeBudgetIs53200AtOnce() {
    MemoryBudgetExhaustedException e = assertThrows(MemoryBudgetExhaustedException.class,
        () -> big(GuestMemoryBudget.of(64 * MIB)));
    assertTrue(e.getMessage().contains("needs 256 MiB, more than the whole guest memory budget"
        + " of 64 MiB"), e.getMessage());
  }

  @Test
  void idleInstancesAreEvictedLeastRecentlyUsedFirst() throws Exception {
    // Room for three 2 MiB instances beside the sixteenth kept for small ones, not for four.
    GuestMemoryBudget budget = GuestMemoryBudget.of(6656 * 1024, 6 * MIB);
    GuestModule twoMib = GuestModule.fromWat("(module (memory 32) (global $n (mut i32)"
        + " (i32.const 0)) (func (export \"count\") (param i32) (result i32)"
        + " (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))");
    List<WasmFunction> counters = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      counters.add(WasmFunction.builder(twoMib).name("count").signature(INT_TO_INT)
          .budget(budget).build());
    }
    awaitNextTick(); // the instances made by build are idle since an earlier tick than any call
    for (int i = 0; i < 3; i++) {
      assertEquals(1, counters.get(i).call(0));
      awaitNextTick(); // each call at a later tick of the clock eviction goes by
    }
    assertEquals(1, counters.get(3).call(0), "the fourth made room by evicting an idle one");
    assertEquals(2, counters.get(1).call(0), "not the second's, used after the first's");
    assertEquals(2, counters.get(2).call(0), "not the third's");
    assertEquals(1, counters.get(0).call(0), "but the first's, the least recently used");
    assertTrue(budget.usedBytes() <= budget.limitBytes());
  }

  private static WasmFunction counter(int pages, GuestMemoryBudget budget) {
    GuestModule module = GuestModule.fromWat("(module (memory " + pages + ") (global $n (mut"
        + " i32) (i32.const 0)) (func (export \"count\") (param i32) (result i32)"
        + " (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))");
    return WasmFunction.builder(module).name("count").signature(INT_TO_INT).budget(budget)
        .build();
  }

  @Test
  void aSmallIdleInstanceIsSparedWhenALargerOneMakesTheRoom() throws Exception {
    GuestMemoryBudget budget = GuestMemoryBudget.of(10 * MIB, 10 * MIB);
    WasmFunction small = counter(1, budget);
    assertEquals(1, small.call(0));
    awaitNextTick();
    WasmFunction fourMib = counter(64, budget);
    assertEquals(1, fourMib.call(0));
    awaitNextTick();
    WasmFunction eightMib = counter(128, budget); // needs 2 MiB more than is free
    assertEquals(1, eightMib.call(0));
    assertEquals(2, small.call(0), "the least recently used, but its 64 KiB would not do");
    assertEquals(1, fourMib.call(0), "the 4 MiB instance made the room");
  }
}
