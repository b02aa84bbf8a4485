package dev.calx.wasm;

import static dev.calx.wasm.SqlType.INTEGER;
import static dev.calx.wasm.SqlType.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads calling one function, each needing its memory to itself. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CALLS = 10_000;

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
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        tasks.add(() -> {
          int wrong = 0;
          for (int i = 0; i < CALLS; i++) {
            int seed = thread * CALLS + i;
            if ((Integer) checksum.call(seed) != expectedChecksum(seed)) {
              wrong++;
            }
            String word = "thread " + thread + " call " + i;
            if (i % 10 == 0 && !upper.call(word).equals(word.toUpperCase(java.util.Locale.ROOT))) {
              wrong++;
            }
          }
          return wrong;
        });
      }
      int wrong = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        wrong += f.get();
      }
      assertEquals(0, wrong, "wrong answers");
    } finally {
      pool.shutdownNow();
    }
  }
}
