package dev.calx.wasm;

import java.time.Duration;

/**
 * The limits every call of one function runs under.
 *
 * @param timeout wall-clock time one call may take, including allocating its arguments;
 *     default 5 s; enforced by a watchdog with a granularity of {@link #WATCHDOG_TICK}
 * @param maxMemoryBytes the most linear memory an instance may have, in bytes, rounded down to
 *     whole 64 KiB pages; default 16 MiB; never lifts a lower maximum declared by the module
 * @param retainMemoryBytes an instance whose memory is larger than this after a call is thrown away
 *     rather than reused, so one large call does not pin its memory; default 4 MiB
 */
public record CallLimits(Duration timeout, long maxMemoryBytes, long retainMemoryBytes) {

  /** The granularity of time-limit enforcement. */
  public static final Duration WATCHDOG_TICK = Duration.ofMillis(10);

  /** Size of a WebAssembly page, in bytes. */
  public static final int PAGE_BYTES = 65_536;

  /** 5 s, 16 MiB, 4 MiB. */
  public static final CallLimits DEFAULTS =
      new CallLimits(Duration.ofSeconds(5), 16L << 20, 4L << 20);

  /** Checks the limits; a bad one is refused here rather than at the first call. */
  public CallLimits {
    if (timeout.isNegative() || timeout.isZero() || timeout.toDays() > 1) {
      throw new IllegalArgumentException("timeout must be between 1 ms and 1 day, got " + timeout);
    }
    if (maxMemoryBytes < PAGE_BYTES || maxMemoryBytes > 4L << 30) {
      throw new IllegalArgumentException(
          "max memory must be between 64 KiB and 4 GiB, got " + maxMemoryBytes + " bytes");
    }
    if (retainMemoryBytes < 0) {
      throw new IllegalArgumentException("retain memory must not be negative");
    }
  }

  /** These limits with another time limit. */
  public CallLimits withTimeout(Duration newTimeout) {
    return new CallLimits(newTimeout, maxMemoryBytes, retainMemoryBytes);
  }

  /** These limits with another memory cap, in bytes. */
  public CallLimits withMaxMemoryBytes(long bytes) {
    return new CallLimits(timeout, bytes, retainMemoryBytes);
  }

  /** The memory cap in whole pages. */
  int maxMemoryPages() {
    return (int) Math.min(maxMemoryBytes / PAGE_BYTES, 65_536);
  }
}
