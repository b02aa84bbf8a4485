package dev.calx.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One instance of a guest module bound to one function, with the buffers of the call in flight.
 * Called only by the thread that created it: see {@link CallingThread}.
 *
 * <p>Its life: BUSY while its thread creates it or runs a call on it, IDLE between calls, GONE
 * once it is let go, never to run again. Only its own thread moves it from IDLE to BUSY ({@link
 * #take}), from BUSY to IDLE ({@link #putBack}) or from BUSY to GONE ({@link #retire}). Any
 * thread may move it from IDLE to GONE ({@link #evict}): the budget does so to release memory.
 * Why this is safe: for an instance with memory, taking and evicting are both compare-and-sets
 * from IDLE, so exactly one of them wins; the owner runs the instance only after winning, and an
 * evictor detaches the memory only after winning, so memory is never taken from under a call. An
 * instance without memory costs the budget nothing and is evicted only after its thread has
 * ended, so its thread takes it with plain reads and writes, the cheapest path there is.
 */
final class GuestInstance {
  private static final int IDLE = 0;
  private static final int BUSY = 1;
  private static final int GONE = 2;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(GuestInstance.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int functionId;
  /** The thread that created the instance, the only one that ever calls it. */
  final Thread thread;
  final CallingThread caller;
  /** What the instance's {@code calx} imports work on; null for a function that is no routine. */
  final CalxCall calx;
  private int state = BUSY;
  /** The watchdog tick of the end of the last call, for least-recently-used eviction. */
  private long lastUsedTick;
  private final ExportFunction function;
  /** Null if the module has no memory. */
  private final BudgetedMemory memory;
  private final ExportFunction alloc;
  private final ExportFunction dealloc;
  private final boolean deallocTakesLength;
  private final int maxPages;
  /** Reused for every call: Chicory's compiled code copies arguments out before returning. */
  final long[] arguments;
  /** Pointer and length of each buffer allocated for the call in flight. */
  private final int[] buffers;
  private int bufferCount;

  GuestInstance(int functionId, CallingThread caller, Instance instance, BudgetedMemory memory,
      ExportBindings exports, int arity, int maxBuffers, int maxPages, CalxCall calx) {
    this.functionId = functionId;
    this.thread = Thread.currentThread();
    this.caller = caller;
    this.calx = calx;
    this.function = instance.export(exports.function());
    this.memory = memory;
    this.alloc = exports.alloc() == null ? null : instance.export(exports.alloc());
    this.dealloc = exports.dealloc() == null ? null : instance.export(exports.dealloc());
    this.deallocTakesLength = exports.deallocTakesLength();
    this.maxPages = maxPages;
    this.arguments = new long[arity];
    this.buffers = new int[2 * maxBuffers];
    if (memory != null) {
      memory.budget().register(this);
    }
  }

  /** Makes an idle instance busy for a call of its own thread; false if it is gone. */
  boolean take() {
    if (memory == null) {
      if (state != IDLE) {
        return false;
      }
      state = BUSY;
      return true;
    }
    return STATE.compareAndSet(this, IDLE, BUSY);
  }

  /** Makes a busy instance idle after a call of its own thread. */
  void putBack() {
    if (memory != null) {
      lastUsedTick = CallWatchdog.ticks();
    }
    STATE.setRelease(this, IDLE);
  }

  /** Lets go of a busy instance of its own thread: a failed call, or too large to keep. */
  void retire() {
    STATE.setRelease(this, GONE);
    releaseMemory();
  }

  /** Lets go of an instance if it is idle, from any thread; whether this call let it go. */
  boolean evict() {
    if (!STATE.compareAndSet(this, IDLE, GONE)) {
      return false;
    }
    releaseMemory();
    return true;
  }

  private void releaseMemory() {
    if (memory != null) {
      memory.budget().unregister(this);
      memory.release();
    }
  }

  boolean isIdle() {
    return (int) STATE.getAcquire(this) == IDLE;
  }

  boolean isGone() {
    return (int) STATE.getAcquire(this) == GONE;
  }

  /** Read after {@link #isIdle()} returned true, which makes the owner's write visible. */
  long lastUsedTick() {
    return lastUsedTick;
  }

  long reservedBytes() {
    return memory == null ? 0 : memory.reservedBytes();
  }

  /**
   * Whether the instance may be kept for the next call: not grown past {@code retainBytes}, and
   * never refused memory by the budget.
   */
  boolean keepable(long retainBytes) {
    return memory == null || (memoryBytes() <= retainBytes && memory.refusal() == null);
  }

  /** Why the budget refused this instance memory, or null if it never did. */
  String budgetRefusal() {
    return memory == null ? null : memory.refusal();
  }

  int functionId() {
    return functionId;
  }

  long[] invoke() {
    return function.apply(arguments);
  }

  /** Copies bytes into a fresh guest buffer and returns its pointer. */
  int copyIn(byte[] bytes) {
    int pointer = (int) alloc.apply(bytes.length)[0];
    if (bytes.length > 0 && pointer == 0) {
      throw exhausted(bytes.length)
          ? new GuestFault(GuestFault.Kind.MEMORY, "the guest allocator is out of memory for "
              + bytes.length + " bytes")
          : new GuestFault(GuestFault.Kind.ABI, "alloc(" + bytes.length + ") returned 0");
    }
    checkRange(pointer, bytes.length, "alloc(" + bytes.length + ")");
    buffers[2 * bufferCount] = pointer;
    buffers[2 * bufferCount + 1] = bytes.length;
    bufferCount++;
    memory.write(pointer, bytes);
    return pointer;
  }

  /** Copies a result buffer out of guest memory and marks it for freeing. */
  byte[] copyOut(int pointer, int length) {
    checkRange(pointer, length, "the result");
    byte[] bytes = memory.readBytes(pointer, length);
    if (!isArgumentBuffer(pointer) && pointer != 0) {
      buffers[2 * bufferCount] = pointer;
      buffers[2 * bufferCount + 1] = length;
      bufferCount++;
    }
    return bytes;
  }

  /** Returns the call's buffers to the guest allocator, if it exports a deallocator. */
  void freeBuffers() {
    int count = bufferCount;
    if (count == 0) {
      return;
    }
    bufferCount = 0;
    if (dealloc == null) {
      return;
    }
    for (int i = 0; i < count; i++) {
      int pointer = buffers[2 * i];
      if (deallocTakesLength) {
        dealloc.apply(pointer, buffers[2 * i + 1]);
      } else {
        dealloc.apply(pointer);
      }
    }
  }

  /** Forgets the buffers of a failed call; the instance is about to be thrown away. */
  void dropBuffers() {
    bufferCount = 0;
  }

  long memoryBytes() {
    return memory == null ? 0 : (long) memory.pages() * CallLimits.PAGE_BYTES;
  }

  /**
   * Whether the memory is too close to its cap to take {@code wantedBytes} more, or within a
   * sixteenth of the cap: the point where a failed allocation means the limit, not a guest bug.
   */
  boolean exhausted(long wantedBytes) {
    if (memory == null) {
      return false;
    }
    long free = (long) (maxPages - memory.pages()) * CallLimits.PAGE_BYTES;
    return free <= Math.max(wantedBytes, (long) maxPages * CallLimits.PAGE_BYTES / 16);
  }

  private boolean isArgumentBuffer(int pointer) {
    for (int i = 0; i < bufferCount; i++) {
      if (buffers[2 * i] == pointer) {
        return true;
      }
    }
    return false;
  }

  private void checkRange(int pointer, int length, String what) {
    long end = Integer.toUnsignedLong(pointer) + Integer.toUnsignedLong(length);
    if (length < 0 || end > memoryBytes()) {
      throw new GuestFault(GuestFault.Kind.ABI, what + " points outside guest memory: pointer "
          + Integer.toUnsignedString(pointer) + ", length " + Integer.toUnsignedString(length)
          + ", memory size " + memoryBytes());
    }
  }
}
