package dev.calx.wasm;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Where one instance's stdout, stderr and {@code calx.log} lines go: the log, up to a byte budget
 * shared by all three, so that a chatty guest cannot fill the disk.
 */
final class GuestOutput {
  /** Bytes of output one instance may log over its lifetime; the rest is dropped. */
  static final int BUDGET_BYTES = 64 * 1024;

  /** The levels of {@code calx.log}, by the number the guest passes. */
  private static final Level[] LEVELS = {Level.DEBUG, Level.INFO, Level.WARNING, Level.ERROR};

  private static final System.Logger LOG = System.getLogger("dev.calx.wasm.guest");

  private final String functionName;
  private int remaining = BUDGET_BYTES;

  GuestOutput(String functionName) {
    this.functionName = functionName;
  }

  void write(int fd, byte[] bytes) {
    String stream = fd == 1 ? "stdout" : "stderr";
    String text = spend(bytes);
    if (text != null) {
      LOG.log(Level.INFO, "{0} {1}: {2}", functionName, stream, text.stripTrailing());
      warnIfSpent();
    }
  }

  /**
   * Logs one {@code calx.log} line at {@code level}: 0 debug, 1 info, 2 warning, 3 error.
   *
   * @throws GuestFault of kind ABI for any other level
   */
  void log(int level, String line) {
    if (level < 0 || level >= LEVELS.length) {
      throw new GuestFault(GuestFault.Kind.ABI, "calx.log: level " + level
          + " is none of 0 (debug), 1 (info), 2 (warning), 3 (error)");
    }
    String text = spend(line.getBytes(StandardCharsets.UTF_8));
    if (text != null) {
      LOG.log(LEVELS[level], "{0}: {1}", functionName, text.stripTrailing());
      warnIfSpent();
    }
  }

  /** The part of {@code bytes} the budget still allows, as text; null once it is spent. */
  private String spend(byte[] bytes) {
    if (remaining <= 0) {
      return null;
    }
    int shown = Math.min(bytes.length, remaining);
    remaining -= shown;
    return new String(bytes, 0, shown, StandardCharsets.UTF_8);
  }

  /** Says so once, after the line that spent the budget. */
  private void warnIfSpent() {
    if (remaining <= 0) {
      LOG.log(Level.WARNING, "{0}: output budget of {1} bytes spent; further output dropped",
          functionName, BUDGET_BYTES);
    }
  }
}
