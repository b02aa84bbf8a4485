package dev.calx.sql.catalog;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for one procedure since the server started. Updated by every call on every thread:
 * the adders and the max are lock-free, and the last error and call time are single volatile
 * writes whose last writer wins, which is all a monitoring view needs.
 */
public final class RoutineStats {
  private final LongAdder calls = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final AtomicLong maxNanos = new AtomicLong();
  private volatile String lastError;
  /** {@link System#nanoTime} at the end of the last call; a clock read per call is enough. */
  private volatile long lastCallNanos;
  private volatile boolean called;

  /**
   * Counts a call.
   *
   * @param start {@link System#nanoTime} when it started
   * @param end {@link System#nanoTime} when it ended
   */
  void record(long start, long end) {
    long nanos = end - start;
    calls.increment();
    totalNanos.add(nanos);
    if (nanos > maxNanos.get()) {
      maxNanos.accumulateAndGet(nanos, Math::max);
    }
    lastCallNanos = end;
    if (!called) {
      called = true;
    }
  }

  void recordError(long start, long end, String message, boolean timeout) {
    record(start, end);
    errors.increment();
    if (timeout) {
      timeouts.increment();
    }
    lastError = message;
  }

  /** Calls, successful or not. */
  public long calls() {
    return calls.sum();
  }

  /** Calls that failed. */
  public long errors() {
    return errors.sum();
  }

  /** Calls stopped by the time limit. */
  public long timeouts() {
    return timeouts.sum();
  }

  /** Time spent in calls, in nanoseconds. */
  public long totalNanos() {
    return totalNanos.sum();
  }

  /** The longest call, in nanoseconds. */
  public long maxNanos() {
    return maxNanos.get();
  }

  /** The message of the last failed call, or null. */
  public String lastError() {
    return lastError;
  }

  /** When the last call ended, or null if there was none. */
  public Instant lastCall() {
    if (!called) {
      return null;
    }
    return Instant.now().minusNanos(System.nanoTime() - lastCallNanos);
  }
}
