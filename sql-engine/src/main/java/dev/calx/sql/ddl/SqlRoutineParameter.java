package dev.calx.sql.ddl;

import dev.calx.sql.catalog.RoutineType;
import dev.calx.sql.parser.SqlTextTypeNameSpec;
import dev.calx.wasm.SqlType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * One parameter of a routine, or one column of the table it returns: a name (optional for a
 * parameter) and a type a WebAssembly routine can take and return.
 */
public final class SqlRoutineParameter extends SqlCall {
  /** The type names a routine accepts, for messages; VARCHAR is TEXT with a length. */
  private static final String SUPPORTED =
      "BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE, TEXT, VARCHAR, VARBINARY";

  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ROUTINE_PARAMETER", SqlKind.OTHER);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec typeSpec;
  private final RoutineType type;

  /**
   * Creates a parameter or a result column.
   *
   * @param name the parameter's or column's name, or null for an unnamed parameter
   * @throws IllegalArgumentException if the type is not one a routine can take
   */
  public SqlRoutineParameter(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec typeSpec) {
    super(pos);
    this.name = name;
    this.typeSpec = Objects.requireNonNull(typeSpec, "typeSpec");
    this.type = typeOf(typeSpec);
  }

  /**
   * The routine type a parsed SQL type denotes, for a parameter or a result.
   *
   * @throws IllegalArgumentException if a WebAssembly routine cannot take or return that type
   */
  public static RoutineType typeOf(SqlDataTypeSpec spec) {
    SqlTypeNameSpec typeNameSpec = spec.getTypeNameSpec();
    if (typeNameSpec instanceof SqlTextTypeNameSpec) {
      return new RoutineType(SqlType.TEXT, OptionalInt.empty(), false);
    }
    // Subclasses (other aliens, collections, ...) denote types the ABI has no mapping for.
    if (typeNameSpec.getClass() != SqlBasicTypeNameSpec.class) {
      throw unsupported(spec);
    }
    SqlBasicTypeNameSpec basic = (SqlBasicTypeNameSpec) typeNameSpec;
    SqlType sqlType;
    try {
      sqlType = SqlType.fromSqlName(basic.getTypeName().getSimple());
    } catch (IllegalArgumentException e) {
      throw unsupported(spec);
    }
    if (basic.getCharSetName() != null) {
      throw new IllegalArgumentException(
          "CHARACTER SET is not supported on routine types; text always crosses as UTF-8");
    }
    OptionalInt precision = basic.getPrecision() < 0
        ? OptionalInt.empty() : OptionalInt.of(basic.getPrecision());
    // TEXT itself parses as SqlTextTypeNameSpec, so basic text was written VARCHAR.
    return new RoutineType(sqlType, precision, sqlType == SqlType.TEXT);
  }

  private static IllegalArgumentException unsupported(SqlDataTypeSpec spec) {
    return new IllegalArgumentException("Type " + spec + " is not supported by WebAssembly"
        + " routines; use one of " + SUPPORTED
        + " (INT and DOUBLE PRECISION are accepted too)");
  }

  /** The parameter's or column's name, if it has one; a column always has one. */
  public Optional<String> name() {
    return Optional.ofNullable(name).map(SqlIdentifier::getSimple);
  }

  /** The parameter's or column's type, normalized. */
  public RoutineType type() {
    return type;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, typeSpec);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (name != null) {
      name.unparse(writer, 0, 0);
    }
    typeSpec.unparse(writer, 0, 0);
  }
}
