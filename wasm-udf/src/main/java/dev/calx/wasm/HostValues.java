package dev.calx.wasm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * How the values of a statement's columns become the i32, i64, f64 and bytes that {@code
 * calx.column_*} give the guest. NULL reads as 0 or as no bytes (the guest tells NULL apart with
 * {@code column_null}); a number of another kind is converted, a fraction rounded half away from
 * zero for an integer, as SQL's CAST does; a value out of the integer's range fails the call with
 * 22003, and text or bytes that are not a number fail it with 22018.
 */
final class HostValues {
  /** SQLSTATE of a value that is not a number where the guest read one. */
  static final String NOT_A_NUMBER = "22018";

  private HostValues() {}

  /** A column value as an i32. */
  static int toInt(Object value, String what) {
    long v = toLong(value, what);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw outOfRange(value, what, "i32");
    }
    return (int) v;
  }

  /** A column value as an i64. */
  static long toLong(Object value, String what) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? 1 : 0;
    }
    try {
      return toDecimal(value, what).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw outOfRange(value, what, "i64");
    }
  }

  /** A column value as an f64. */
  static double toDouble(Object value, String what) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? 1 : 0;
    }
    return toDecimal(value, what).doubleValue();
  }

  /**
   * A column value as bytes: text as UTF-8, VARBINARY as it is, a boolean as {@code TRUE} or
   * {@code FALSE}, a number as SQL writes it, NULL as no bytes.
   */
  static byte[] toBytes(Object value) {
    if (value == null) {
      return new byte[0];
    }
    if (value instanceof byte[]) {
      return (byte[]) value;
    }
    String text = value instanceof Boolean ? ((Boolean) value ? "TRUE" : "FALSE")
        : value instanceof BigDecimal ? ((BigDecimal) value).toPlainString()
        : value.toString();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An exact number: a finite one as it is, text parsed as a SQL number literal. */
  private static BigDecimal toDecimal(Object value, String what) {
    if (value instanceof BigDecimal) {
      return (BigDecimal) value;
    }
    if (value instanceof BigInteger) {
      return new BigDecimal((BigInteger) value);
    }
    if (value instanceof Number) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new GuestFault(GuestFault.Kind.RANGE, what + " holds " + d
            + ", which has no integer value");
      }
      return BigDecimal.valueOf(d);
    }
    if (value instanceof byte[]) {
      throw new GuestFault(NOT_A_NUMBER, what + " holds bytes, not a number");
    }
    try {
      return new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new GuestFault(NOT_A_NUMBER, what + " holds '" + shown(value.toString())
          + "', which is not a number");
    }
  }

  private static GuestFault outOfRange(Object value, String what, String type) {
    return new GuestFault(GuestFault.Kind.RANGE, what + " holds " + shown(value.toString())
        + ", which is out of range for " + type);
  }

  private static String shown(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
