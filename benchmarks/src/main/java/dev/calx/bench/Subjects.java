package dev.calx.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasm.Parser;
import dev.calx.wasm.GuestModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/** The modules the benchmarks call, and plain-Chicory instances of them for the baselines. */
final class Subjects {
  static final String NUMERIC_WAT =
      "(module (func (export \"add\") (param i32 i32) (result i32)"
          + " (i32.add (local.get 0) (local.get 1)))"
          + " (func (export \"gcd\") (param $x i32) (param $y i32) (result i32) (local $t i32)"
          + "  (block $done (loop $step (br_if $done (i32.eqz (local.get $y)))"
          + "   (local.set $t (i32.rem_u (local.get $x) (local.get $y)))"
          + "   (local.set $x (local.get $y)) (local.set $y (local.get $t)) (br $step)))"
          + "  (local.get $x)))";

  private Subjects() {}

  /** The C test guest of wasm-udf: upper, checksum, alloc and dealloc. */
  static GuestModule textModule() {
    return GuestModule.fromBytes(textBytes());
  }

  /** A Chicory instance of a module run by the interpreter, with no Calx code in the way. */
  static Instance interpreted(byte[] module) {
    return Instance.builder(Parser.parse(module)).withMachineFactory(InterpreterMachine::new)
        .build();
  }

  /** A Chicory instance of a module compiled to JVM bytecode, with no Calx code in the way. */
  static Instance compiled(byte[] module) {
    var parsed = Parser.parse(module);
    return Instance.builder(parsed).withMachineFactory(MachineFactoryCompiler.compile(parsed))
        .build();
  }

  /**
   * Runs a first call on a new daemon thread that then stays alive until interrupted, so that the
   * function keeps favouring that thread and every other thread's calls take the common path.
   */
  static Thread callAndStay(Runnable firstCall) {
    CountDownLatch called = new CountDownLatch(1);
    Thread thread = new Thread(() -> {
      firstCall.run();
      called.countDown();
      while (!Thread.currentThread().isInterrupted()) {
        LockSupport.park();
      }
    }, "favoured");
    thread.setDaemon(true);
    thread.start();
    try {
      called.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return thread;
  }

  static byte[] textBytes() {
    try (InputStream in = Subjects.class.getResourceAsStream("/guests/text.wasm")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
