package dev.calx.wasm;

/**
 * The database behind a routine's SQL imports ({@link ImportSet#CALX_SQL}): one per call, given
 * to {@link WasmFunction#call(RoutineHost, Object...)}. The runtime keeps the guest's statement
 * handles, copies text in and out of guest memory and closes every statement it prepared when the
 * call ends, however it ends; the database only runs SQL.
 *
 * <p>A method that fails in a way the guest may handle throws {@link HostSqlException}: the
 * import returns a negative number and {@code calx.error} reports the failure. Any other
 * exception ends the call: a {@link WasmUdfException} (such as {@link RoutineFailedException})
 * with its own SQLSTATE, anything else as a trap.
 */
public interface RoutineHost {
  /**
   * Prepares a statement; {@code ?} marks its parameters.
   *
   * @throws HostSqlException if the statement cannot be prepared (a syntax error, an unknown table)
   */
  GuestStatement prepare(String sql);
}
