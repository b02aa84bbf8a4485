package dev.calx.sql.schema;

import java.sql.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A Calcite type as JDBC metadata describes it ({@code DatabaseMetaData.getColumns} and the
 * system tables, see docs/sql-reference.md, "JDBC metadata"): the type's name without length or
 * nullability, its {@link java.sql.Types} code, and its size and fractional digits apart.
 *
 * @param name the type's name, e.g. {@code INTEGER}, {@code VARCHAR}, {@code DECIMAL}
 * @param code the {@link java.sql.Types} constant
 * @param size JDBC's COLUMN_SIZE: the precision of a number (in decimal digits), the length of
 *     a string, the characters of a date or time as text; null where none applies, or for a
 *     string of unbounded length
 * @param decimalDigits JDBC's DECIMAL_DIGITS: the scale of an exact number, the fractional
 *     digits of a time's seconds; null where none applies
 */
public record JdbcType(String name, int code, Integer size, Integer decimalDigits) {
  /** Characters of {@code yyyy-mm-dd}. */
  private static final int DATE_CHARS = 10;
  /** Characters of {@code hh:mm:ss}. */
  private static final int TIME_CHARS = 8;
  /** Characters of {@code +hh:mm}. */
  private static final int ZONE_CHARS = 6;

  /** How JDBC metadata describes {@code type}. */
  public static JdbcType of(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    int precision = type.getPrecision();
    return switch (name) {
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          new JdbcType(name.getName(), name.getJdbcOrdinal(), defaultPrecision(name), 0);
      case REAL, FLOAT, DOUBLE, BOOLEAN ->
          new JdbcType(name.getName(), name.getJdbcOrdinal(), defaultPrecision(name), null);
      case DECIMAL ->
          new JdbcType(name.getName(), name.getJdbcOrdinal(), precision, type.getScale());
      case DATE -> new JdbcType(name.getName(), name.getJdbcOrdinal(), DATE_CHARS, null);
      case TIME, TIME_WITH_LOCAL_TIME_ZONE, TIME_TZ, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE,
          TIMESTAMP_TZ -> dateTime(name, Math.max(precision, 0));
      default -> new JdbcType(name.getSpaceName(), name.getJdbcOrdinal(),
          precision >= 0 ? precision : null,
          name.allowsScale() && type.getScale() >= 0 ? type.getScale() : null);
    };
  }

  /** JDBC's CHAR_OCTET_LENGTH: a character string's size, as H2 and Calcite report it. */
  public Integer charOctetLength() {
    return code == Types.CHAR || code == Types.VARCHAR ? size : null;
  }

  private static int defaultPrecision(SqlTypeName name) {
    return RelDataTypeSystem.DEFAULT.getDefaultPrecision(name);
  }

  /** A time or timestamp: its size counts the characters of its text, as JDBC asks. */
  private static JdbcType dateTime(SqlTypeName name, int fraction) {
    boolean timestamp = name.getName().startsWith("TIMESTAMP");
    boolean zoned = name == SqlTypeName.TIME_TZ || name == SqlTypeName.TIMESTAMP_TZ;
    int chars = (timestamp ? DATE_CHARS + 1 : 0) + TIME_CHARS
        + (fraction > 0 ? fraction + 1 : 0) + (zoned ? ZONE_CHARS : 0);
    String typeName = zoned
        ? (timestamp ? "TIMESTAMP" : "TIME") + " WITH TIME ZONE" : name.getSpaceName();
    return new JdbcType(typeName, name.getJdbcOrdinal(), chars, fraction);
  }
}
