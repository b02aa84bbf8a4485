package dev.calx.wasm;

/**
 * A failure of a {@link RoutineHost} or {@link GuestStatement} method that the guest may handle:
 * the import returns a negative number, and {@code calx.error} gives {@code SQLSTATE: message}.
 */
public final class HostSqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  /** A failure with the SQLSTATE the guest is told. */
  public HostSqlException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** The five-character SQLSTATE of the failure. */
  public String sqlState() {
    return sqlState;
  }
}
