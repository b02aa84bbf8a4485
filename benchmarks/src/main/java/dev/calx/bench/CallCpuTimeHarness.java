package dev.calx.bench;

import dev.calx.wasm.GuestModule;
import dev.calx.wasm.Signature;
import dev.calx.wasm.SqlType;
import dev.calx.wasm.WasmFunction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The calling thread's CPU time per call of the JMH benchmarks' functions, for a machine shared
 * with other work, where JMH's wall time mostly measures the others: a 3 s warm-up, then the
 * median of 15 batches. Run {@code java -cp benchmarks/target/benchmarks.jar
 * dev.calx.bench.CallCpuTimeHarness}, alternating with the jar of the code to compare with.
 */
public final class CallCpuTimeHarness {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Signature TWO_INTS =
      Signature.of(SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER);
  /** Keeps the results alive, so the JIT cannot drop the calls. */
  private static volatile Object sink;

  private CallCpuTimeHarness() {}

  /** Prints the CPU time per call of add, add from a thread not favoured, gcd and upper. */
  public static void main(String[] args) {
    GuestModule numeric = GuestModule.fromWat(Subjects.NUMERIC_WAT);
    WasmFunction add = bind(numeric, "add", TWO_INTS);
    WasmFunction addNotFavoured = bind(numeric, "add", TWO_INTS);
    Subjects.callAndStay(() -> addNotFavoured.call(1, 2));
    WasmFunction gcd = bind(numeric, "gcd", TWO_INTS);
    WasmFunction upper =
        bind(Subjects.textModule(), "upper", Signature.of(SqlType.TEXT, SqlType.TEXT));
    String sixteenBytes = "abcdefghijklmnop";
    System.out.printf(Locale.ROOT, "ns of CPU per call: add %.2f, add not favoured %.2f,"
        + " gcd %.2f, upper (16 B) %.1f%n",
        nanosPerCall(i -> add.call(17, 25), 2_000_000),
        nanosPerCall(i -> addNotFavoured.call(17, 25), 2_000_000),
        nanosPerCall(i -> gcd.call(1071, 462), 2_000_000),
        nanosPerCall(i -> upper.call(sixteenBytes), 200_000));
  }

  private static WasmFunction bind(GuestModule module, String name, Signature signature) {
    return WasmFunction.builder(module).name(name).signature(signature).build();
  }

  private static double nanosPerCall(IntFunction<Object> call, int batch) {
    long warm = System.nanoTime() + 3_000_000_000L;
    for (int i = 0; System.nanoTime() < warm; i++) {
      sink = call.apply(i);
    }
    double[] perCall = new double[15];
    for (int b = 0; b < perCall.length; b++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < batch; i++) {
        sink = call.apply(i);
      }
      perCall[b] = (THREADS.getCurrentThreadCpuTime() - start) / (double) batch;
    }
    Arrays.sort(perCall);
    return perCall[perCall.length / 2];
  }
}
