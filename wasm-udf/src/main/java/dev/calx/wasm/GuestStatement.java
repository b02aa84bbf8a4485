package dev.calx.wasm;

/**
 * One statement a routine prepared through {@link RoutineHost#prepare}: bound, executed and read
 * by the guest's handle. Every method may throw {@link HostSqlException} for a failure the guest
 * may handle.
 */
public interface GuestStatement extends AutoCloseable {
  /**
   * Binds parameter {@code index} (from 1).
   *
   * @param value null, an {@code Integer}, {@code Long}, {@code Double}, {@code String} or
   *     {@code byte[]}
   */
  void bind(int index, Object value);

  /** Runs the statement: the number of rows changed for a write, 0 for a query. */
  long execute();

  /**
   * The number of columns of the result of the last {@link #execute}: a query's, 0 for a write.
   * The runtime asks once per execute, so that a guest that reads a column outside the row fails
   * its call with 39000 rather than asking the database.
   */
  int columnCount();

  /** Moves to the next row of a query's result; false once there are no more. */
  boolean next();

  /**
   * The value of column {@code column} (from 1) of the current row: null, or a {@code Boolean},
   * {@code Number}, {@code String} or {@code byte[]}; anything else is read as its text.
   */
  Object column(int column);

  /** Releases the statement; never fails. */
  @Override
  void close();
}
