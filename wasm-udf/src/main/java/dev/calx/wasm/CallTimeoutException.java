package dev.calx.wasm;

/** The call reached its time limit or was cancelled, and was stopped (SQLSTATE 57014). */
public final class CallTimeoutException extends WasmUdfException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE of this failure. */
  public static final String SQL_STATE = "57014";

  CallTimeoutException(String message) {
    super(SQL_STATE, message, null);
  }

  CallTimeoutException(String message, Throwable cause) {
    super(SQL_STATE, message, cause);
  }
}
