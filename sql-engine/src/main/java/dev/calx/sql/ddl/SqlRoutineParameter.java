package dev.calx.sql.ddl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** One parameter of a routine: an optional name and a type a WebAssembly routine can take. */
public final class SqlRoutineParameter extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ROUTINE_PARAMETER", SqlKind.OTHER);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec typeSpec;
  private final RoutineType type;

  /**
   * Creates a parameter.
   *
   * @param name the parameter's name, or null for an unnamed one
   * @throws IllegalArgumentException if the type is not one a routine can take
   */
  public SqlRoutineParameter(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec typeSpec) {
    super(pos);
    this.name = name;
    this.typeSpec = Objects.requireNonNull(typeSpec, "typeSpec");
    this.type = RoutineType.of(typeSpec);
  }

  /** The parameter's name, if it has one. */
  public Optional<String> name() {
    return Optional.ofNullable(name).map(SqlIdentifier::getSimple);
  }

  /** The parameter's type, normalized. */
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
