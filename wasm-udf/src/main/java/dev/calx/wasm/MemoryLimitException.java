package dev.calx.wasm;

/** The guest needed more linear memory than its limit allows (SQLSTATE 54000). */
public final class MemoryLimitException extends WasmUdfException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE of this failure. */
  public static final String SQL_STATE = "54000";

  MemoryLimitException(String message) {
    super(SQL_STATE, message, null);
  }

  MemoryLimitException(String message, Throwable cause) {
    super(SQL_STATE, message, cause);
  }
}
