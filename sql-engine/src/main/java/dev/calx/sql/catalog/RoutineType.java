package dev.calx.sql.catalog;

import dev.calx.wasm.SqlType;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A parameter or result type of a WebAssembly routine as declared: the {@link SqlType} its values
 * have, with the length and the spelling the declaration gave it. {@code INT} is
 * {@code INTEGER} and {@code DOUBLE PRECISION} is {@code DOUBLE}, but text declared
 * {@code VARCHAR} stays {@code VARCHAR}, because the catalog stores and shows it so.
 *
 * @param sqlType the type of the values that cross into and out of the module
 * @param precision the declared length of a VARCHAR or VARBINARY, if any
 * @param varchar whether a TEXT type was declared as VARCHAR
 */
public record RoutineType(SqlType sqlType, OptionalInt precision, boolean varchar) {

  /** Checks the parts of a type. */
  public RoutineType {
    Objects.requireNonNull(sqlType, "sqlType");
    Objects.requireNonNull(precision, "precision");
    if (varchar && sqlType != SqlType.TEXT) {
      throw new IllegalArgumentException("Type " + sqlType + " is not spelled VARCHAR");
    }
    if (precision.isPresent() && !varchar && sqlType != SqlType.VARBINARY) {
      throw new IllegalArgumentException("Type " + sqlType + " takes no length");
    }
  }

  /**
   * The type a stored type name and length denote.
   *
   * @throws IllegalArgumentException if a WebAssembly routine cannot take that type
   */
  public static RoutineType of(String name, OptionalInt precision) {
    SqlType sqlType = SqlType.fromSqlName(name);
    return new RoutineType(sqlType, precision,
        sqlType == SqlType.TEXT && !name.equals(SqlType.TEXT.name()));
  }

  /** The type's name as the catalog stores it and the system tables show it. */
  public String name() {
    return varchar ? "VARCHAR" : sqlType.name();
  }

  /** The type as SQL, e.g. {@code VARCHAR(20)}. */
  @Override
  public String toString() {
    return precision.isPresent() ? name() + "(" + precision.getAsInt() + ")" : name();
  }
}
