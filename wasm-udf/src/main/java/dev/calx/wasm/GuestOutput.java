package dev.calx.wasm;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Where one instance's stdout and stderr go: the log, up to a byte budget, so that a chatty guest
 * cannot fill the disk.
 */
final class GuestOutput {
  /** Bytes of output one instance may log over its lifetime; the rest is dropped. */
  static final int BUDGET_BYTES = 64 * 1024;

  private static final System.Logger LOG = System.getLogger("dev.calx.wasm.guest");

  private final String functionName;
  private int remaining = BUDGET_BYTES;

  GuestOutput(String functionName) {
    this.functionName = functionName;
  }

  void write(int fd, byte[] bytes) {
    if (remaining <= 0) {
      return;
    }
    int shown = Math.min(bytes.length, remaining);
    remaining -= shown;
    String text = new String(bytes, 0, shown, StandardCharsets.UTF_8);
    String stream = fd == 1 ? "stdout" : "stderr";
    LOG.log(Level.INFO, "{0} {1}: {2}", functionName, stream, text.stripTrailing());
    if (remaining <= 0) {
      LOG.log(Level.WARNING, "{0}: output budget of {1} bytes spent; further output dropped",
          functionName, BUDGET_BYTES);
    }
  }
}
