package dev.calx.wasm;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread that enforces every call's time limit by interrupting the calling thread,
 * which Chicory's compiled code notices at loop back-edges and calls.
 *
 * <p>Calls do not read the clock: a call only publishes a sequence number and its limit (see
 * {@link CallingThread}). The watchdog notes when it first sees each running call and interrupts
 * it once the limit has passed since then, so a call is stopped between its limit and its limit
 * plus one {@link CallLimits#WATCHDOG_TICK}, and a call shorter than a tick costs the watchdog
 * nothing. Only a routine that runs SQL reads the clock, for the absolute deadline that bounds
 * every call nested in it; the watchdog stops a running call once that deadline has passed too.
 */
final class CallWatchdog {
  private static final CallWatchdog INSTANCE = new CallWatchdog();

  /** Ticks between two sweeps of idle instances: one second. */
  private static final int TICKS_PER_SWEEP = 100;

  private final CopyOnWriteArrayList<CallingThread> threads = new CopyOnWriteArrayList<>();
  private volatile Thread worker;
  /** Written by the watchdog thread only; a clock for idle instances that calls need not read. */
  private static volatile long ticks;

  private CallWatchdog() {}

  /** Watches the calls of a thread from now until that thread ends. */
  static void watch(CallingThread thread) {
    INSTANCE.threads.add(thread);
    INSTANCE.ensureStarted();
  }

  private void ensureStarted() {
    if (worker == null) {
      synchronized (this) {
        if (worker == null) {
          Thread t = new Thread(this::run, "calx-wasm-watchdog");
          t.setDaemon(true);
          t.start();
          worker = t;
        }
      }
    }
  }

  /**
   * Forgets the threads that have ended, marking each as ended for {@link
   * CallingThread#hasEnded()}; done on every tick, and callable from any thread.
   */
  static void noticeEndedThreads() {
    for (CallingThread thread : INSTANCE.threads) {
      if (!thread.checkAlive()) {
        INSTANCE.threads.remove(thread);
      }
    }
  }

  /** The number of ticks since the watchdog started: a cheap, coarse clock. */
  static long ticks() {
    return ticks;
  }

  private void run() {
    long tickNanos = CallLimits.WATCHDOG_TICK.toNanos();
    while (true) {
      LockSupport.parkNanos(tickNanos);
      long tick = ticks + 1;
      ticks = tick;
      noticeEndedThreads();
      if (tick % TICKS_PER_SWEEP == 0) {
        GuestMemoryBudget.trimAll(tick);
      }
      long now = System.nanoTime();
      for (CallingThread thread : threads) {
        thread.checkDeadline(now);
      }
    }
  }
}
