package dev.calx.wasm;

/** A failure of the WebAssembly runtime, carrying the SQLSTATE a SQL client should see. */
public abstract class WasmUdfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  WasmUdfException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** The five-character SQLSTATE of this failure, as listed in the product specification. */
  public String sqlState() {
    return sqlState;
  }
}
