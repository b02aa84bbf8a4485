package dev.calx.wasm;

import static dev.calx.wasm.SqlType.INTEGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Traps, time limits, memory caps and stack exhaustion, and what each leaves behind. */
class LimitsTest {
  private static final GuestModule LIMITS = Guests.wat("limits");
  private static final Signature INT_TO_INT = Signature.of(INTEGER, INTEGER);

  private static WasmFunction limits(String export) {
    return Guests.function(LIMITS, export, INT_TO_INT);
  }

  @Test
  void anInfiniteLoopIsStoppedAtItsTimeLimitAndTheNextCallWorks() {
    CallLimits limits = CallLimits.DEFAULTS.withTimeout(Duration.ofMillis(300));
    WasmFunction spin = Guests.function(LIMITS, "spin", INT_TO_INT, limits);
    long start = System.nanoTime();
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> spin.call(1));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("57014", e.sqlState());
    assertTrue(e.getMessage().contains("spin(1): time limit of 300 ms reached"), e.getMessage());
    assertTrue(elapsedMillis >= 300, "stopped after " + elapsedMillis + " ms");
    assertTrue(elapsedMillis < 300 + 200, "stopped after " + elapsedMillis + " ms");
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was cleared");

    WasmFunction count = Guests.function(LIMITS, "count", INT_TO_INT, limits);
    assertEquals(1, count.call(0), "the same thread calls on");
    assertThrows(CallTimeoutException.class, () -> spin.call(2), "and the limit holds again");
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void manyShortCallsNeverLeaveAnInterruptBehind() throws InterruptedException {
    CallLimits tight = CallLimits.DEFAULTS.withTimeout(Duration.ofMillis(1));
    WasmFunction countdown = Guests.function(LIMITS, "countdown", INT_TO_INT, tight);
    int timeouts = 0;
    for (int i = 0; i < 300; i++) {
      try {
        countdown.call((i % 30) * 5_000_000);
      } catch (CallTimeoutException e) {
        timeouts++;
      }
      assertFalse(Thread.currentThread().isInterrupted(), "after call " + i);
    }
    Thread.sleep(50); // a late interrupt would land here and fail the check below
    assertFalse(Thread.currentThread().isInterrupted(), timeouts + " timeouts");
    assertTrue(timeouts > 0 && timeouts < 300, "both outcomes were exercised: " + timeouts);
  }

  @Test
  void anInterruptFromOutsideCancelsTheCallAndIsKept() {
    WasmFunction spin = limits("spin");
    Thread.currentThread().interrupt();
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> spin.call(1));
    assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    assertTrue(Thread.interrupted(), "the caller's own interrupt is left for it to see");
  }

  @Test
  void trapsAre38000AndTheInstanceIsReplaced() {
    WasmFunction count = limits("count");
    assertEquals(1, count.call(0));
    assertEquals(2, count.call(0), "the instance is kept between good calls");

    GuestTrapException unreachable =
        assertThrows(GuestTrapException.class, () -> limits("trap").call(5));
    assertEquals("38000", unreachable.sqlState());
    assertTrue(unreachable.getMessage().contains("trap(5): trapped"), unreachable.getMessage());

    WasmFunction divide = Guests.function(LIMITS, "divide", Signature.of(INTEGER, INTEGER, INTEGER));
    GuestTrapException byZero = assertThrows(GuestTrapException.class, () -> divide.call(1, 0));
    assertTrue(byZero.getMessage().contains("divide by zero"), byZero.getMessage());
    assertEquals(3, divide.call(7, 2));

    GuestTrapException oob =
        assertThrows(GuestTrapException.class, () -> limits("peek").call(1 << 20));
    assertTrue(oob.getMessage().contains("out of bounds"), oob.getMessage());
  }

  @Test
  void aTrapThrowsTheInstanceAway() {
    GuestModule module = GuestModule.fromWat(
        "(module (global $n (mut i32) (i32.const 0))\n"
            + "(func (export \"bump\") (param i32) (result i32)\n"
            + "  (global.set $n (i32.add (global.get $n) (i32.const 1)))\n"
            + "  (if (local.get 0) (then unreachable))\n"
            + "  (global.get $n)))");
    WasmFunction bump = Guests.function(module, "bump", INT_TO_INT);
    assertEquals(1, bump.call(0));
    assertEquals(2, bump.call(0));
    assertTrue(bump.favours(Thread.currentThread()));
    assertThrows(GuestTrapException.class, () -> bump.call(1));
    assertFalse(bump.favours(Thread.currentThread()), "the function let go of the instance");
    assertEquals(1, bump.call(0), "a fresh instance, not the one that trapped");
    assertTrue(bump.favours(Thread.currentThread()), "and keeps the fresh one");
  }

  @Test
  void deepRecursionExhaustsTheStackAs38000() {
    WasmFunction deep = limits("deep");
    assertEquals(1000, deep.call(1000));
    GuestTrapException e =
        assertThrows(GuestTrapException.class, () -> deep.call(100_000_000));
    assertTrue(e.getMessage().contains("call stack exhausted"), e.getMessage());
    assertEquals(10, deep.call(10));
  }

  @Test
  void aMemoryGrowBombStopsAtTheCapAs54000() {
    CallLimits twoMib = CallLimits.DEFAULTS.withMaxMemoryBytes(2 << 20);
    WasmFunction bomb = Guests.function(LIMITS, "grow_bomb", INT_TO_INT, twoMib);
    MemoryLimitException e = assertThrows(MemoryLimitException.class, () -> bomb.call(0));
    assertEquals("54000", e.sqlState());
    assertTrue(e.getMessage().contains("memory limit of 2 MiB"), e.getMessage());
    CallLimits retainOneMib = new CallLimits(Duration.ofSeconds(5), 2 << 20, 1 << 20);
    WasmFunction grow = Guests.function(LIMITS, "grow", INT_TO_INT, retainOneMib);
    assertEquals(1, grow.call(0));
    assertTrue(grow.favours(Thread.currentThread()));
    assertEquals(32, grow.call(31), "grows up to the cap: 32 pages of 64 KiB");
    assertFalse(grow.favours(Thread.currentThread()), "the function does not keep its memory");
    assertEquals(1, grow.call(0), "that instance passed its high-water mark and was replaced");
  }

  @Test
  void anInstanceThatStartsAboveTheRetentionSizeIsKept() {
    GuestModule fiveMib = GuestModule.fromWat("(module (memory 80)\n"
        + "(global $n (mut i32) (i32.const 0))\n"
        + "(func (export \"count\") (param i32) (result i32)\n"
        + "  (global.set $n (i32.add (global.get $n) (i32.const 1)))\n"
        + "  (global.get $n)))");
    CallLimits retainFourMib = new CallLimits(Duration.ofSeconds(5), 16 << 20, 4 << 20);
    WasmFunction count = Guests.function(fiveMib, "count", INT_TO_INT, retainFourMib);
    assertEquals(1, count.call(0));
    assertEquals(2, count.call(0), "an instance that did not grow is kept");
  }

  @Test
  void aCAllocatorThatRunsOutIs54000() {
    CallLimits oneMib = CallLimits.DEFAULTS.withMaxMemoryBytes(1 << 20);
    WasmFunction hog = Guests.function(Guests.wasm("text"), "hog", INT_TO_INT, oneMib);
    assertThrows(MemoryLimitException.class, () -> hog.call(100_000));
  }

  @Test
  void anArgumentLargerThanTheCapIs54000() {
    CallLimits oneMib = CallLimits.DEFAULTS.withMaxMemoryBytes(1 << 20);
    WasmFunction upper = Guests.function(Guests.wasm("text"), "upper",
        Signature.of(SqlType.TEXT, SqlType.TEXT), oneMib);
    MemoryLimitException e =
        assertThrows(MemoryLimitException.class, () -> upper.call("x".repeat(2 << 20)));
    assertTrue(e.getMessage().contains("upper('xxxx"), e.getMessage());
    assertEquals("OK", upper.call("ok"));
  }

  @Test
  void theCapNeverLiftsTheModulesOwnMaximum() {
    WasmFunction grow = Guests.function(Guests.wat("exports"), "grow", INT_TO_INT);
    assertEquals(1, grow.call(1), "declared maximum is 2 pages; grow returns the old size");
    assertEquals(-1, grow.call(1), "the third page is refused although the cap is 16 MiB");
  }

  @Test
  void aModuleThatStartsAboveTheCapIsRefusedAs54000() {
    MemoryLimitException e = assertThrows(MemoryLimitException.class,
        () -> Guests.function(Guests.wat("big_memory"), "one", Signature.of(INTEGER)));
    assertTrue(e.getMessage().contains("512 pages"), e.getMessage());
    WasmFunction one = Guests.function(Guests.wat("big_memory"), "one", Signature.of(INTEGER),
        CallLimits.DEFAULTS.withMaxMemoryBytes(64 << 20));
    assertEquals(1, one.call());
  }

  @Test
  void badLimitsAreRefusedEarly() {
    assertThrows(IllegalArgumentException.class,
        () -> CallLimits.DEFAULTS.withTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> CallLimits.DEFAULTS.withMaxMemoryBytes(1000));
  }
}
