package dev.calx.wasm;

import static dev.calx.wasm.SqlType.INTEGER;
import static dev.calx.wasm.SqlType.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** Many threads calling one function, each needing its memory to itself. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CALLS = 10_000;
  /** Returns how many times its instance has been called: two threads sharing one would skip. */
  private static final String COUNTER = "(module (global $n (mut i32) (i32.const 0))\n"
      + "(func (export \"count\") (param i32) (result i32)\n"
      + "  (global.set $n (i32.add (global.get $n) (i32.const 1)))\n"
      + "  (global.get $n)))";

  private static WasmFunction counter() {
    return Guests.function(GuestModule.fromWat(COUNTER), "count", Signature.of(INTEGER, INTEGER));
  }

  /**
   * Calls the counter {@code calls} times and returns how many answers were not 1, 2, 3 and so
   * on: any that are not show an instance this thread did not start with a fresh one, or shared.
   */
  private static int skips(WasmFunction count, int calls) {
    int skips = 0;
    for (int i = 1; i <= calls; i++) {
      if ((Integer) count.call(0) != i) {
        skips++;
      }
    }
    return skips;
  }

  @Test
  void concurrentThreadsNeverShareAnInstance() throws Exception {
    WasmFunction count = counter();
    assertEquals(0, sumOverThreads(thread -> skips(count, CALLS)),
        "calls that saw another thread's calls on their instance");
  }

  /** Runs one task per thread, all at once, and adds up what they return. */
  private static int sumOverThreads(IntUnaryOperator task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        tasks.add(() -> task.applyAsInt(thread));
      }
      int sum = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        sum += f.get();
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThreadThatEndsPassesOnItsPlaceButNotItsInstance() throws Exception {
    WasmFunction count = counter();
    for (int t = 0; t < 20; t++) {
      FutureTask<Integer> calls = new FutureTask<>(() -> skips(count, 100));
      Thread thread = new Thread(calls);
      thread.start();
      thread.join();
      assertEquals(0, calls.get(), "thread " + t + " started on a fresh instance and kept it");
      assertTrue(count.favours(thread), "thread " + t + " took the place of the ended one");
      CallWatchdog.noticeEndedThreads(); // what the watchdog does on its next tick
    }
  }

  @Test
  void aLiveFavouriteKeepsItsPlace() throws Exception {
    WasmFunction count = counter();
    assertEquals(0, skips(count, 10));
    assertTrue(count.favours(Thread.currentThread()));
    FutureTask<Integer> calls = new FutureTask<>(() -> skips(count, 100));
    Thread other = new Thread(calls);
    other.start();
    assertEquals(0, calls.get());
    assertTrue(count.favours(Thread.currentThread()), "another thread's calls left it in place");
    assertEquals(11, count.call(0), "and its instance");
  }

  /** The same computation as the guest's checksum, in Java. */
  private static int expectedChecksum(int seed) {
    int x = seed;
    int[] buf = new int[4096];
    for (int i = 0; i < buf.length; i++) {
      x = x * 1664525 + 1013904223;
      buf[i] = x;
    }
    int sum = 0;
    for (int i = 0; i < buf.length; i++) {
      sum += buf[i] ^ i;
    }
    return sum;
  }

  @Test
  void eightThreadsTimesTenThousandCallsGiveNoWrongAnswer() throws Exception {
    GuestModule module = Guests.wasm("text");
    WasmFunction checksum = Guests.function(module, "checksum", Signature.of(INTEGER, INTEGER));
    WasmFunction upper = Guests.function(module, "upper", Signature.of(TEXT, TEXT));
    int wrong = sumOverThreads(thread -> {
      int wrongAnswers = 0;
      for (int i = 0; i < CALLS; i++) {
        int seed = thread * CALLS + i;
        if ((Integer) checksum.call(seed) != expectedChecksum(seed)) {
          wrongAnswers++;
        }
        String word = "thread " + thread + " call " + i;
        if (i % 10 == 0 && !upper.call(word).equals(word.toUpperCase(java.util.Locale.ROOT))) {
          wrongAnswers++;
        }
      }
      return wrongAnswers;
    });
    assertEquals(0, wrong, "wrong answers");
  }
}
