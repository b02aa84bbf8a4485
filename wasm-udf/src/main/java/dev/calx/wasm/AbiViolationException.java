package dev.calx.wasm;

/** The guest broke the Calx ABI at a call, for example a result pointer outside its memory or invalid UTF-8 (SQLSTATE 39000). */
public final class AbiViolationException extends WasmUdfException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE of this failure. */
  public static final String SQL_STATE = "39000";

  AbiViolationException(String message) {
    super(SQL_STATE, message, null);
  }

  AbiViolationException(String message, Throwable cause) {
    super(SQL_STATE, message, cause);
  }
}
