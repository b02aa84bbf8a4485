package dev.calx.wasm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows one call of a function that returns a table emits through {@code calx.emit_*}, each
 * value already of its column type's Java class, up to a cap.
 *
 * <p>Numbers are converted to the column's type: integers are range-checked (22003), a whole f64
 * sets an integer column, any number sets a floating-point one, and an i32 or i64 sets a BOOLEAN
 * (0 false, else true). Text sets TEXT (checked UTF-8) and VARBINARY (bytes as they are). Any
 * other pairing, or a column outside the table, breaks the ABI (39000). A column not set since
 * the last row is NULL.
 */
final class EmittedRows {
  /**
   * The most bytes of text and binary values one call may emit: the rows are held on the heap
   * until the statement reads them, and a row cap alone would let a few rows of large values
   * take gigabytes. More fails the call with 54000 (docs/limits.md).
   */
  static final long MAX_BYTES = 64L << 20;

  private final List<SqlType> columns;
  private final long maxRows;
  private final List<Object[]> rows = new ArrayList<>();
  private Object[] building;
  private boolean capReached;
  /** The bytes of text and binary values emitted so far, held to {@link #MAX_BYTES}. */
  private long bytes;

  EmittedRows(List<SqlType> columns, long maxRows) {
    this.columns = columns;
    this.maxRows = maxRows;
    this.building = new Object[columns.size()];
  }

  /** Sets column {@code column} (from 1) of the row being built to NULL. */
  void setNull(int column) {
    building[index(column, "emit_null")] = null;
  }

  /** Sets a column from an i32 or i64. */
  void setInteger(int column, long value, String what) {
    int i = index(column, what);
    SqlType type = columns.get(i);
    if (type == SqlType.BOOLEAN) {
      building[i] = value != 0;
    } else if (type == SqlType.REAL) {
      building[i] = (float) value;
    } else if (type == SqlType.FLOAT || type == SqlType.DOUBLE) {
      building[i] = (double) value;
    } else if (type.isExactInteger()) {
      building[i] = narrow(value, type, column, what);
    } else {
      throw wrongKind(column, type, what);
    }
  }

  /** Sets a column from an f64. */
  void setDouble(int column, double value, String what) {
    int i = index(column, what);
    SqlType type = columns.get(i);
    if (type == SqlType.REAL) {
      building[i] = (float) value;
    } else if (type == SqlType.FLOAT || type == SqlType.DOUBLE) {
      building[i] = value;
    } else if (type.isExactInteger()) {
      building[i] = narrow(whole(value, type, column, what), type, column, what);
    } else {
      throw wrongKind(column, type, what);
    }
  }

  /** Sets a TEXT or VARBINARY column from bytes the guest passed. */
  void setBytes(int column, byte[] value, String what) {
    int i = index(column, what);
    SqlType type = columns.get(i);
    bytes += value.length;
    if (bytes > MAX_BYTES) {
      throw new RoutineFailedException("54000", "calx." + what + ": the call emitted more than "
          + (MAX_BYTES >> 20) + " MiB of text and binary values");
    }
    if (type == SqlType.TEXT) {
      building[i] = Utf8.decode(value, "calx." + what + ": column " + column);
    } else if (type == SqlType.VARBINARY) {
      building[i] = value;
    } else {
      throw wrongKind(column, type, what);
    }
  }

  /**
   * Appends the row being built and starts an empty one.
   *
   * @return 0, or -1 if the cap is reached, which fails the call once it ends
   * @throws GuestTrapException on a row after a refused one: a guest that does not look at the
   *     result would otherwise go on until its time limit; the call fails with 54000 at once
   */
  int emitRow() {
    if (rows.size() >= maxRows) {
      if (capReached) {
        throw new GuestTrapException("the guest went on emitting rows after the cap");
      }
      capReached = true;
      return -1;
    }
    rows.add(building);
    building = new Object[columns.size()];
    return 0;
  }

  /** Whether the guest tried to emit more rows than the cap. */
  boolean capReached() {
    return capReached;
  }

  long maxRows() {
    return maxRows;
  }

  List<Object[]> rows() {
    return rows;
  }

  private int index(int column, String what) {
    if (column < 1 || column > columns.size()) {
      throw new GuestFault(GuestFault.Kind.ABI, "calx." + what + ": column " + column
          + " is out of range: the table has " + columns.size() + " columns");
    }
    return column - 1;
  }

  private static long whole(double value, SqlType type, int column, String what) {
    try {
      return new BigDecimal(value).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new GuestFault(GuestFault.Kind.RANGE, "calx." + what + ": " + value
          + " is not a whole number for column " + column + ", which is " + type);
    }
  }

  private static Object narrow(long value, SqlType type, int column, String what) {
    long min = type == SqlType.TINYINT ? Byte.MIN_VALUE : type == SqlType.SMALLINT
        ? Short.MIN_VALUE : type == SqlType.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long max = type == SqlType.TINYINT ? Byte.MAX_VALUE : type == SqlType.SMALLINT
        ? Short.MAX_VALUE : type == SqlType.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
    if (value < min || value > max) {
      throw new GuestFault(GuestFault.Kind.RANGE, "calx." + what + ": " + value
          + " is out of range for column " + column + ", which is " + type);
    }
    switch (type) {
      case TINYINT:
        return (byte) value;
      case SMALLINT:
        return (short) value;
      case INTEGER:
        return (int) value;
      default:
        return value;
    }
  }

  private static GuestFault wrongKind(int column, SqlType type, String what) {
    return new GuestFault(GuestFault.Kind.ABI, "calx." + what + " cannot set column " + column
        + ", which is " + type);
  }
}
