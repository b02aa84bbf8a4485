package dev.calx.sql.catalog;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A parameter or result type of a WebAssembly routine, normalized from its spelling: {@code INT}
 * is {@code INTEGER}, {@code DOUBLE PRECISION} is {@code DOUBLE}, {@code TEXT} stays {@code TEXT}.
 *
 * @param name the normalized type name
 * @param precision the declared length of a VARCHAR or VARBINARY, if any
 */
public record RoutineType(Name name, OptionalInt precision) {

  /** The type names the guest ABI (SPEC section 3) has a mapping for. */
  public enum Name {
    BOOLEAN(SqlTypeName.BOOLEAN),
    TINYINT(SqlTypeName.TINYINT),
    SMALLINT(SqlTypeName.SMALLINT),
    INTEGER(SqlTypeName.INTEGER),
    BIGINT(SqlTypeName.BIGINT),
    REAL(SqlTypeName.REAL),
    FLOAT(SqlTypeName.FLOAT),
    DOUBLE(SqlTypeName.DOUBLE),
    TEXT(SqlTypeName.VARCHAR),
    VARCHAR(SqlTypeName.VARCHAR),
    VARBINARY(SqlTypeName.VARBINARY);

    private final SqlTypeName sqlTypeName;

    Name(SqlTypeName sqlTypeName) {
      this.sqlTypeName = sqlTypeName;
    }

    /** The Calcite type values of this type have in queries. */
    public SqlTypeName sqlTypeName() {
      return sqlTypeName;
    }

    boolean takesLength() {
      return this == VARCHAR || this == VARBINARY;
    }
  }

  /** The names of the supported types, for messages. */
  public static final String SUPPORTED =
      Arrays.stream(Name.values()).map(Name::name).collect(Collectors.joining(", "));

  /** Checks the parts of a type. */
  public RoutineType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(precision, "precision");
    if (precision.isPresent() && !name.takesLength()) {
      throw new IllegalArgumentException("Type " + name + " takes no length");
    }
  }

  /** The type as SQL, e.g. {@code VARCHAR(20)}. */
  @Override
  public String toString() {
    return precision.isPresent() ? name + "(" + precision.getAsInt() + ")" : name.name();
  }
}
