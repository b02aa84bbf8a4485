package dev.calx.sql.function;

import dev.calx.sql.catalog.RoutineType;
import dev.calx.wasm.SqlType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** The Calcite types of routine types, the one place the two type systems meet. */
public final class CalciteTypes {
  private CalciteTypes() {}

  /** The Calcite type name values of {@code type} have in queries; TEXT is VARCHAR to Calcite. */
  public static SqlTypeName sqlTypeName(SqlType type) {
    return switch (type) {
      case BOOLEAN -> SqlTypeName.BOOLEAN;
      case TINYINT -> SqlTypeName.TINYINT;
      case SMALLINT -> SqlTypeName.SMALLINT;
      case INTEGER -> SqlTypeName.INTEGER;
      case BIGINT -> SqlTypeName.BIGINT;
      case REAL -> SqlTypeName.REAL;
      case FLOAT -> SqlTypeName.FLOAT;
      case DOUBLE -> SqlTypeName.DOUBLE;
      case TEXT -> SqlTypeName.VARCHAR;
      case VARBINARY -> SqlTypeName.VARBINARY;
    };
  }

  /** The nullable Calcite type of a declared routine type, with its length if it has one. */
  public static RelDataType relType(RelDataTypeFactory typeFactory, RoutineType type) {
    SqlTypeName name = sqlTypeName(type.sqlType());
    RelDataType base = type.precision().isPresent()
        ? typeFactory.createSqlType(name, type.precision().getAsInt())
        : typeFactory.createSqlType(name);
    return typeFactory.createTypeWithNullability(base, true);
  }
}
