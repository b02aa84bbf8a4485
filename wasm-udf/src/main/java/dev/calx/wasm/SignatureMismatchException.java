package dev.calx.wasm;

/** The declared SQL signature does not fit the type of the module's export (SQLSTATE 46007). */
public final class SignatureMismatchException extends WasmUdfException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE of this failure. */
  public static final String SQL_STATE = "46007";

  SignatureMismatchException(String message) {
    super(SQL_STATE, message, null);
  }

  SignatureMismatchException(String message, Throwable cause) {
    super(SQL_STATE, message, cause);
  }
}
