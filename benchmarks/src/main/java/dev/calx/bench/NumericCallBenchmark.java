package dev.calx.bench;

import com.dylibso.chicory.runtime.ExportFunction;
import dev.calx.wasm.GuestModule;
import dev.calx.wasm.Signature;
import dev.calx.wasm.SqlType;
import dev.calx.wasm.WasmFunction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code add(INT, INT) RETURNS INT} and {@code gcd(INT, INT) RETURNS INT}: calls through Calx, the
 * same in Java, and the same module called directly in Chicory's compiler and interpreter. {@code
 * add} is loop-free, so Calx calls it without the watchdog; {@code gcd} loops, so its calls pay for
 * the time limit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NumericCallBenchmark {
  private int a = 17;
  private int b = 25;
  private WasmFunction calx;
  private WasmFunction calxNotFavoured;
  private Thread favoured;
  private WasmFunction calxGcd;
  private ExportFunction interpreterGcd;
  private ExportFunction interpreter;
  private ExportFunction compiled;

  /** Binds the function and builds the interpreter baseline. */
  @Setup
  public void setUp() {
    GuestModule module = GuestModule.fromWat(Subjects.NUMERIC_WAT);
    calx = WasmFunction.builder(module).name("add")
        .signature(Signature.of(SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER)).build();
    calxNotFavoured = WasmFunction.builder(module).name("add")
        .signature(Signature.of(SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER)).build();
    favoured = Subjects.callAndStay(() -> calxNotFavoured.call(1, 2));
    calxGcd = WasmFunction.builder(module).name("gcd")
        .signature(Signature.of(SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER)).build();
    interpreter = Subjects.interpreted(module.bytes()).export("add");
    interpreterGcd = Subjects.interpreted(module.bytes()).export("gcd");
    compiled = Subjects.compiled(module.bytes()).export("add");
  }

  /** A call through Calx: compiled code, pooled instance, time limit and marshalling. */
  @Benchmark
  public Object calxCompiled() {
    return calx.call(a, b);
  }

  /**
   * The same call from a thread the function does not favour (another, live thread called it
   * first), which finds its instance through a thread-local lookup: what most threads of a busy
   * server pay.
   */
  @Benchmark
  public Object calxCompiledNotFavoured() {
    return calxNotFavoured.call(a, b);
  }

  /** Ends the thread that holds {@link #calxNotFavoured}'s favour. */
  @TearDown
  public void tearDown() {
    favoured.interrupt();
  }

  /** Euclid's gcd of 1071 and 462 (three steps) through Calx, under the time limit. */
  @Benchmark
  public Object gcdCalxCompiled() {
    return calxGcd.call(1071, 462);
  }

  /** The same gcd in Java, boxed as Calx's result is. */
  @Benchmark
  public Object gcdJava() {
    int x = 1071;
    int y = 462;
    while (y != 0) {
      int t = x % y;
      x = y;
      y = t;
    }
    return Integer.valueOf(x);
  }

  /** The same gcd in Chicory's interpreter. */
  @Benchmark
  public long gcdChicoryInterpreter() {
    return interpreterGcd.apply(1071, 462)[0];
  }

  /** The same addition in Java, boxed as Calx's result is. */
  @Benchmark
  public Object java() {
    return Integer.valueOf(a + b);
  }

  /** The same module compiled by Chicory and called directly: the floor under Calx's cost. */
  @Benchmark
  public long chicoryCompiled() {
    return compiled.apply(a, b)[0];
  }

  /** The same module in Chicory's interpreter, called directly. */
  @Benchmark
  public long chicoryInterpreter() {
    return interpreter.apply(a, b)[0];
  }
}
