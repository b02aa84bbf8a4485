package dev.calx.wasm;

/**
 * A failure found while marshalling one call or serving one of its host imports, before the
 * function's name and arguments are known to the code that found it; {@link WasmFunction} turns
 * it into the public exception of its kind.
 */
final class GuestFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The outcomes a fault can have, each becoming one public exception class. */
  enum Kind {
    ABI,
    BUDGET,
    MEMORY,
    RANGE,
    /** The call's time ran out while a host import ran: {@link CallTimeoutException}. */
    TIME,
    /** The call ends with an SQLSTATE of its own: {@link RoutineFailedException}. */
    STATE
  }

  private final Kind kind;
  private final String sqlState;

  GuestFault(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.sqlState = null;
  }

  /** A fault of kind STATE, which ends the call with {@code sqlState}. */
  GuestFault(String sqlState, String message) {
    super(message, null, false, false);
    this.kind = Kind.STATE;
    this.sqlState = sqlState;
  }

  Kind kind() {
    return kind;
  }

  /** The SQLSTATE of a fault of kind STATE; null for the other kinds. */
  String sqlState() {
    return sqlState;
  }
}
