package dev.calx.wasm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What Calx keeps per thread that calls WebAssembly: the state the {@link CallWatchdog} reads to
 * enforce time limits, and a small cache of idle instances, one per function slot.
 *
 * <p>Why the instance cache is safe: an instance is taken out of its slot for the length of a call
 * and put back only afterwards, and slots are read and written only by their own thread, so no
 * instance is ever used by two threads, nor by two nested calls on one thread. The budget may
 * evict an idle instance while it sits in its slot; {@link GuestInstance#take} then fails and
 * the slot is emptied. The cache is direct-mapped on the function's id, so a thread holds at most
 * {@link #SLOTS} idle instances; one pushed out of its slot by another function's is evicted.
 *
 * <p>Why the interrupt is safe: the watchdog may interrupt a thread only after it has moved the
 * thread's state from RUNNING to INTERRUPTING with a compare-and-set, and the thread leaves a call
 * with a compare-and-set from RUNNING to IDLE. Exactly one of the two wins. If the watchdog wins,
 * the thread waits until the interrupt has been delivered and then clears it, so no interrupt ever
 * escapes a call to hit unrelated code, such as file I/O in the database, afterwards.
 */
final class CallingThread {
  static final int SLOTS = 16;

  private static final ThreadLocal<CallingThread> CURRENT =
      ThreadLocal.withInitial(CallingThread::register);

  private static final long IDLE = 0;
  private static final long RUNNING = 1;
  private static final long INTERRUPTING = 2;
  private static final long INTERRUPTED = 3;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(CallingThread.class, "state", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Thread thread;
  private final GuestInstance[] idle = new GuestInstance[SLOTS];
  /** The call sequence number shifted left by two, or'ed with one of the four phases. */
  @SuppressWarnings("unused") // accessed through STATE
  private volatile long state;
  private long sequence;
  private volatile boolean ended;
  /** Written before the RUNNING state is published, read by the watchdog after it sees it. */
  private long timeoutNanos;
  /** The watchdog's own bookkeeping: the state it last saw running, and when it first did. */
  private long watchedState = -1;
  private long watchedSince;

  private CallingThread(Thread thread) {
    this.thread = thread;
  }

  private static CallingThread register() {
    CallingThread calling = new CallingThread(Thread.currentThread());
    CallWatchdog.watch(calling);
    return calling;
  }

  static CallingThread current() {
    return CURRENT.get();
  }

  GuestInstance takeIdle(int functionId) {
    int slot = functionId & (SLOTS - 1);
    GuestInstance instance = idle[slot];
    if (instance == null || instance.functionId() != functionId) {
      return null;
    }
    idle[slot] = null;
    return instance.take() ? instance : null;
  }

  void putIdle(GuestInstance instance) {
    int slot = instance.functionId() & (SLOTS - 1);
    GuestInstance previous = idle[slot];
    instance.putBack();
    idle[slot] = instance;
    if (previous != null && previous != instance) {
      previous.evict();
    }
  }

  /** Publishes the start of a call that may take at most {@code timeoutNanos}. */
  void beginCall(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
    sequence += 4;
    STATE.setRelease(this, sequence | RUNNING);
  }

  /**
   * Ends the current call.
   *
   * @return whether the watchdog stopped it, in which case its interrupt has been cleared
   */
  boolean endCall() {
    long running = sequence | RUNNING;
    if (STATE.compareAndSet(this, running, sequence | IDLE)) {
      return false;
    }
    while ((long) STATE.getAcquire(this) != (sequence | INTERRUPTED)) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
    STATE.setRelease(this, sequence | IDLE);
    return true;
  }

  /**
   * Whether the thread is still alive. When it is not, remembers that for {@link #hasEnded()} and
   * evicts its idle instances, giving their memory back to the budget; the thread's termination
   * happens before this, so no call can be using them.
   */
  boolean checkAlive() {
    if (thread.isAlive()) {
      return true;
    }
    for (int i = 0; i < SLOTS; i++) {
      if (idle[i] != null) {
        idle[i].evict();
        idle[i] = null;
      }
    }
    ended = true;
    return false;
  }

  /**
   * Whether {@link #checkAlive()} has seen this thread end; the thread's termination happens
   * before that check's write, which happens before a read that returns true.
   */
  boolean hasEnded() {
    return ended;
  }

  /** Called by the watchdog thread only. */
  void checkDeadline(long now) {
    long seen = (long) STATE.getAcquire(this);
    if ((seen & 3) != RUNNING) {
      watchedState = -1;
      return;
    }
    if (seen != watchedState) {
      watchedState = seen;
      watchedSince = now;
      return;
    }
    if (now - watchedSince >= timeoutNanos
        && STATE.compareAndSet(this, seen, (seen & ~3L) | INTERRUPTING)) {
      thread.interrupt();
      STATE.setRelease(this, (seen & ~3L) | INTERRUPTED);
    }
  }
}
