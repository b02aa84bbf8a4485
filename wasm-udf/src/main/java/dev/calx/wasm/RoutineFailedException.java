package dev.calx.wasm;

/**
 * A routine's call ended with an SQLSTATE of its own: one the guest raised with {@code
 * calx.raise} (45000 unless it gave another), or a refusal a host may not let the guest handle,
 * such as a write from a routine that only reads (38002), DDL or COMMIT (38003), or nesting
 * deeper than the limit (54001).
 */
public final class RoutineFailedException extends WasmUdfException {
  private static final long serialVersionUID = 1L;

  /** A failure with that SQLSTATE and message. */
  public RoutineFailedException(String sqlState, String message) {
    super(sqlState, message, null);
  }
}
