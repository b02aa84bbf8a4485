package dev.calx.wasm;

/** The guest trapped while running: unreachable, division by zero, out-of-bounds access, stack exhaustion or an abort (SQLSTATE 38000). */
public final class GuestTrapException extends WasmUdfException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE of this failure. */
  public static final String SQL_STATE = "38000";

  GuestTrapException(String message) {
    super(SQL_STATE, message, null);
  }

  GuestTrapException(String message, Throwable cause) {
    super(SQL_STATE, message, cause);
  }
}
