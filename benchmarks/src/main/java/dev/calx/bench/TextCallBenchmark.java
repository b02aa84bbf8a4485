package dev.calx.bench;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import dev.calx.wasm.Signature;
import dev.calx.wasm.SqlType;
import dev.calx.wasm.WasmFunction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code upper(TEXT) RETURNS TEXT} round trips of 16 bytes and 1 KiB: through Calx, the same in
 * Java, and the same module in Chicory's interpreter with the same alloc, copy, call, copy and
 * dealloc steps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TextCallBenchmark {
  @Param({"16", "1024"})
  private int bytes;

  private String text;
  private WasmFunction calx;
  private Memory memory;
  private ExportFunction alloc;
  private ExportFunction dealloc;
  private ExportFunction upper;

  /** Builds the input and both WebAssembly subjects. */
  @Setup
  public void setUp() {
    text = "calx-text-bench-".repeat(bytes / 16);
    calx = WasmFunction.builder(Subjects.textModule()).name("upper")
        .signature(Signature.of(SqlType.TEXT, SqlType.TEXT)).build();
    Instance instance = Subjects.interpreted(Subjects.textBytes());
    memory = instance.memory();
    alloc = instance.export("alloc");
    dealloc = instance.export("dealloc");
    upper = instance.export("upper");
  }

  /** A round trip through Calx. */
  @Benchmark
  public Object calxCompiled() {
    return calx.call(text);
  }

  /** The same upper-casing of UTF-8 bytes in Java, with the same encode and decode. */
  @Benchmark
  public String java() {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      byte c = in[i];
      out[i] = c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The same round trip, step by step, in Chicory's interpreter. */
  @Benchmark
  public String chicoryInterpreter() {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    int pointer = (int) alloc.apply(in.length)[0];
    memory.write(pointer, in);
    long packed = upper.apply(pointer, in.length)[0];
    int resultPointer = (int) (packed >>> 32);
    int length = (int) packed;
    String result = new String(memory.readBytes(resultPointer, length), StandardCharsets.UTF_8);
    dealloc.apply(pointer, in.length);
    dealloc.apply(resultPointer, length);
    return result;
  }
}
