package dev.calx.wasm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What Calx keeps per thread that calls WebAssembly: the state the {@link CallWatchdog} reads to
 * enforce time limits, the deadlines of the routine calls open on the thread, and a small cache of
 * idle instances, one per function slot.
 *
 * <p>Why the instance cache is safe: an instance is taken out of its slot for the length of a call
 * and put back only afterwards, and slots are read and written only by their own thread, so no
 * instance is ever used by two threads, nor by two nested calls on one thread. The budget may
 * evict an idle instance while it sits in its slot; {@link GuestInstance#take} then fails and
 * the slot is emptied. The cache is direct-mapped on the function's id, so a thread holds at most
 * {@link #SLOTS} idle instances; one pushed out of its slot by another function's is evicted.
 *
 * <p>Why the interrupt is safe: the watchdog may interrupt a thread only after it has moved the
 * thread's state from RUNNING to INTERRUPTING with a compare-and-set, and the thread leaves guest
 * code with a compare-and-set from RUNNING to IDLE, at the end of a call or when a routine's SQL
 * import hands over to host code ({@link #enterHost}). Exactly one of the two wins. If the
 * watchdog wins, the thread waits until the interrupt has been delivered and then clears it, so no
 * interrupt ever escapes guest code to hit other code, such as file I/O in the database, whether
 * after the call or inside it, in the host code of an import.
 *
 * <p>Nesting: a routine that runs SQL ({@link ImportSet#CALX_SQL}) may call functions on the same
 * thread from its imports' host code, which may call further routines. Each such routine call
 * opens a level ({@link #enterRoutine}) with an absolute deadline, the earlier of its own limit
 * and its caller's deadline, so the outermost call's limit covers everything nested in it. The
 * state is always that of the innermost call: while a routine's import runs host code its state
 * is IDLE, a call nested there publishes its own RUNNING state, and the routine publishes a fresh
 * one when the import returns to its guest ({@link #leaveHost}). The watchdog stops a RUNNING call
 * once its own limit has passed since it first saw it, or once the innermost level's deadline has
 * passed; it never interrupts host code, whose deadline is checked by the clock when the import
 * returns. Plain calls read no clock; only routine levels do.
 */
final class CallingThread {
  static final int SLOTS = 16;
  /** The most routine calls that may be open on one thread, each nested in the one before. */
  static final int MAX_NESTING = 16;

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
  /**
   * The open routine levels and their absolute deadlines ({@link System#nanoTime}), innermost
   * last. Written by the thread only while none of its calls is RUNNING, before it publishes the
   * next RUNNING state; read by the watchdog after it sees a RUNNING state. A read that races with
   * a later write belongs to a state that has since ended, so the watchdog's compare-and-set on
   * that state fails.
   */
  private final long[] deadlines = new long[MAX_NESTING];
  private int depth;
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

  /**
   * Publishes the start of a call that may take at most {@code timeoutNanos}, and end no later
   * than the innermost open routine level's deadline.
   */
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

  /** How many routine levels are open: 0 outside any routine call. */
  int nesting() {
    return depth;
  }

  /**
   * Opens a routine level whose deadline is {@code timeoutNanos} from now, or the enclosing
   * level's deadline if that is earlier. Called with no call of the thread in guest code.
   *
   * @return false, opening nothing, if the enclosing level's deadline has already passed
   */
  boolean enterRoutine(long timeoutNanos) {
    long now = System.nanoTime();
    long deadline = now + timeoutNanos;
    if (depth > 0) {
      long outer = deadlines[depth - 1];
      if (now - outer >= 0) {
        return false;
      }
      deadline = outer - deadline < 0 ? outer : deadline;
    }
    deadlines[depth] = deadline;
    depth++;
    return true;
  }

  /** Closes the innermost routine level, once its last call has ended. */
  void exitRoutine() {
    depth--;
  }

  /**
   * Leaves the guest code of the innermost routine for the host code of one of its imports, in
   * which the watchdog does not interrupt the thread.
   *
   * @return whether the watchdog stopped the routine first, in which case its interrupt has been
   *     cleared
   */
  boolean enterHost() {
    return endCall();
  }

  /**
   * Returns from an import's host code to the routine's guest code, which runs watched again.
   *
   * @return false if the routine's deadline passed meanwhile: the call must end with 57014
   */
  boolean leaveHost(long timeoutNanos) {
    beginCall(timeoutNanos);
    return System.nanoTime() - deadlines[depth - 1] < 0;
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
    }
    if (expired(now) && STATE.compareAndSet(this, seen, (seen & ~3L) | INTERRUPTING)) {
      thread.interrupt();
      STATE.setRelease(this, (seen & ~3L) | INTERRUPTED);
    }
  }

  /** Whether the running call's own limit, or the deadline of the routine it is in, has passed. */
  private boolean expired(long now) {
    int levels = depth;
    return now - watchedSince >= timeoutNanos
        || (levels > 0 && now - deadlines[levels - 1] >= 0);
  }
}
