package dev.calx.wasm;

/**
 * A failure found while marshalling one call, before the function's name and arguments are known
 * to the code that found it; {@link WasmFunction} turns it into the public exception of its kind.
 */
final class GuestFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The outcomes a fault can have, each becoming one public exception class. */
  enum Kind {
    ABI,
    BUDGET,
    MEMORY,
    RANGE
  }

  private final Kind kind;

  GuestFault(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
