package dev.calx.wasm;

import com.dylibso.chicory.runtime.Memory;

/**
 * Reads and writes of guest memory on behalf of a host import, each checked against the memory's
 * size before it is made: a pointer or length the guest got wrong fails the call with 39000, never
 * with the out-of-bounds trap (38000) that Chicory would raise for the host's own access.
 */
final class GuestBytes {
  private GuestBytes() {}

  /** Copies {@code length} bytes from {@code pointer} out of guest memory. */
  static byte[] read(Memory memory, int pointer, int length, String what) {
    check(memory, pointer, length, what);
    // A module without memory may still pass an empty text; check() refused anything longer.
    return length == 0 ? new byte[0] : memory.readBytes(pointer, length);
  }

  /** Reads UTF-8 text from guest memory; invalid UTF-8 fails the call with 39000. */
  static String readText(Memory memory, int pointer, int length, String what) {
    return Utf8.decode(read(memory, pointer, length, what), what);
  }

  /**
   * Copies at most {@code capacity} bytes of {@code value} into the guest's buffer at {@code
   * pointer}, and returns the whole value's length, so that a guest whose buffer was too small can
   * ask again with a larger one.
   */
  static int copyOut(Memory memory, int pointer, int capacity, byte[] value, String what) {
    check(memory, pointer, capacity, what);
    int copied = Math.min(capacity, value.length);
    if (copied > 0) {
      memory.write(pointer, value, 0, copied);
    }
    return value.length;
  }

  private static void check(Memory memory, int pointer, int length, String what) {
    if (length < 0) {
      throw new GuestFault(GuestFault.Kind.ABI, what + " has a negative length, " + length);
    }
    long size = memory == null ? 0 : (long) memory.pages() * CallLimits.PAGE_BYTES;
    if (Integer.toUnsignedLong(pointer) + length > size) {
      throw new GuestFault(GuestFault.Kind.ABI, what + " points outside guest memory: pointer "
          + Integer.toUnsignedString(pointer) + ", length " + length + ", memory size " + size);
    }
  }
}
