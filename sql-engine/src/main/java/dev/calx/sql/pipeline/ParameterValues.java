package dev.calx.sql.pipeline;

import dev.calx.sql.SqlStateException;
import java.math.BigDecimal;
import java.sql.Types;

/**
 * Brings a value the user bound to the Java class the plan's code reads for its parameter type:
 * JDBC lets a user bind {@code setLong} to an INTEGER parameter (a LIMIT, say), and Calcite's
 * generated code would fail to cast the Long.
 */
final class ParameterValues {
  private ParameterValues() {}

  static Object coerce(Object value, int sqlType) {
    if (!(value instanceof Byte || value instanceof Short || value instanceof Integer
        || value instanceof Long)) {
      return value;
    }
    long n = ((Number) value).longValue();
    return switch (sqlType) {
      case Types.TINYINT -> (byte) inRange(n, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
      case Types.SMALLINT -> (short) inRange(n, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
      case Types.INTEGER -> (int) inRange(n, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
      case Types.BIGINT -> n;
      case Types.DECIMAL, Types.NUMERIC -> BigDecimal.valueOf(n);
      case Types.DOUBLE, Types.FLOAT -> (double) n;
      case Types.REAL -> (float) n;
      default -> value;
    };
  }

  private static long inRange(long n, long min, long max, String type) {
    if (n < min || n > max) {
      throw new SqlStateException("22003", "parameter value " + n + " is out of range for "
          + type);
    }
    return n;
  }
}
