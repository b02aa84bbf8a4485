package dev.calx.wasm;

import java.util.Locale;

/** Amounts of memory as messages write them: {@code 256 MiB}, {@code 1.5 GiB}, {@code 64 KiB}. */
final class ByteSize {
  private static final long KIB = 1L << 10;
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  private ByteSize() {}

  static String text(long bytes) {
    if (bytes >= GIB) {
      return bytes % GIB == 0 ? bytes / GIB + " GiB" : decimal(bytes, GIB, "GiB");
    }
    if (bytes >= MIB) {
      return bytes % MIB == 0 ? bytes / MIB + " MiB" : decimal(bytes, MIB, "MiB");
    }
    return bytes % KIB == 0 ? bytes / KIB + " KiB" : bytes + " bytes";
  }

  private static String decimal(long bytes, long unit, String name) {
    return String.format(Locale.ROOT, "%.1f %s", (double) bytes / unit, name);
  }
}
