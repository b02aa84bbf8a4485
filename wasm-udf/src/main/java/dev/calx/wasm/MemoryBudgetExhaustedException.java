package dev.calx.wasm;

/**
 * The server's budget for guest memory could not hold what a call needed, not even after a short
 * wait (SQLSTATE 53200); the call may succeed when fewer calls run.
 */
public final class MemoryBudgetExhaustedException extends WasmUdfException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE of this failure. */
  public static final String SQL_STATE = "53200";

  MemoryBudgetExhaustedException(String message, Throwable cause) {
    super(SQL_STATE, message, cause);
  }
}
