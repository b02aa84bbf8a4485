package dev.calx.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;

/**
 * One instance of a guest module bound to one function, with the buffers of the call in flight.
 * Used only by the thread that created it: see {@link CallingThread}.
 */
final class GuestInstance {
  private final int functionId;
  /** The thread that created the instance, the only one that ever calls it. */
  final Thread thread;
  final CallingThread caller;
  /**
   * Whether the instance is free for a call; kept only while it is its function's favourite, and
   * read and written only by {@link #thread}.
   */
  boolean idle;
  private final ExportFunction function;
  private final Memory memory;
  private final ExportFunction alloc;
  private final ExportFunction dealloc;
  private final boolean deallocTakesLength;
  private final int maxPages;
  /** Reused for every call: Chicory's compiled code copies arguments out before returning. */
  final long[] arguments;
  /** Pointer and length of each buffer allocated for the call in flight. */
  private final int[] buffers;
  private int bufferCount;

  GuestInstance(int functionId, CallingThread caller, Instance instance, ExportBindings exports,
      int arity, int maxBuffers, int maxPages) {
    this.functionId = functionId;
    this.thread = Thread.currentThread();
    this.caller = caller;
    this.function = instance.export(exports.function());
    this.memory = maxPages > 0 ? instance.memory() : null;
    this.alloc = exports.alloc() == null ? null : instance.export(exports.alloc());
    this.dealloc = exports.dealloc() == null ? null : instance.export(exports.dealloc());
    this.deallocTakesLength = exports.deallocTakesLength();
    this.maxPages = maxPages;
    this.arguments = new long[arity];
    this.buffers = new int[2 * maxBuffers];
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
