package dev.calx.wasm;

import java.util.Locale;
import java.util.Map;

/**
 * The SQL types a WebAssembly function may take and return, each with the Java class its values
 * have on the host side.
 */
public enum SqlType {
  BOOLEAN(Boolean.class),
  TINYINT(Byte.class),
  SMALLINT(Short.class),
  INTEGER(Integer.class),
  BIGINT(Long.class),
  REAL(Float.class),
  FLOAT(Double.class),
  DOUBLE(Double.class),
  TEXT(String.class),
  VARBINARY(byte[].class);

  private static final Map<String, SqlType> ALIASES =
      Map.of(
          "INT", INTEGER,
          "VARCHAR", TEXT,
          "CHARACTER VARYING", TEXT,
          "DOUBLE PRECISION", DOUBLE,
          "BINARY VARYING", VARBINARY);

  private final Class<?> javaClass;

  SqlType(Class<?> javaClass) {
    this.javaClass = javaClass;
  }

  /** The class of the Java values that stand for this type in calls and results. */
  public Class<?> javaClass() {
    return javaClass;
  }

  /** Whether values of this type cross the boundary through guest memory. */
  public boolean isBuffer() {
    return this == TEXT || this == VARBINARY;
  }

  /** Whether this type is an exact integer (TINYINT, SMALLINT, INTEGER or BIGINT). */
  public boolean isExactInteger() {
    return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
  }

  /**
   * The type a SQL type name denotes, ignoring case, accepting the aliases INT, VARCHAR and
   * DOUBLE PRECISION.
   *
   * @throws IllegalArgumentException if the name is not a type a WebAssembly function can use
   */
  public static SqlType fromSqlName(String name) {
    String key = name.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    SqlType alias = ALIASES.get(key);
    if (alias != null) {
      return alias;
    }
    for (SqlType type : values()) {
      if (type.name().equals(key)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "type " + name + " is not supported by WebAssembly functions; use one of " + supported());
  }

  private static String supported() {
    return "BOOLEAN, TINYINT, SMALLINT, INT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE, TEXT, VARCHAR,"
        + " VARBINARY";
  }
}
