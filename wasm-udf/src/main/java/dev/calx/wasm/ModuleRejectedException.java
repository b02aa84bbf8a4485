package dev.calx.wasm;

/** The module is malformed or invalid, lacks a required export, or needs an import that was not granted (SQLSTATE 46000). */
public final class ModuleRejectedException extends WasmUdfException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE of this failure. */
  public static final String SQL_STATE = "46000";

  ModuleRejectedException(String message) {
    super(SQL_STATE, message, null);
  }

  ModuleRejectedException(String message, Throwable cause) {
    super(SQL_STATE, message, cause);
  }
}
