package dev.calx.wasm;

/** A numeric value does not fit the SQL type it must become, such as an i64 result of an INT function (SQLSTATE 22003). */
public final class NumericOutOfRangeException extends WasmUdfException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE of this failure. */
  public static final String SQL_STATE = "22003";

  NumericOutOfRangeException(String message) {
    super(SQL_STATE, message, null);
  }

  NumericOutOfRangeException(String message, Throwable cause) {
    super(SQL_STATE, message, cause);
  }
}
