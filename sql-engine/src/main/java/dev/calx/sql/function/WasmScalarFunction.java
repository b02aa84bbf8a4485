package dev.calx.sql.function;

import dev.calx.sql.catalog.Routine;
import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One version of a procedure as a Calcite scalar function. Its generated code calls {@link
 * RoutineInvoker#invoke} with the version's number, so a prepared statement notices when the
 * procedure it was planned against is dropped or replaced. NULL in, NULL out: the implementor is
 * strict, so Calcite returns NULL before the call when any argument is NULL.
 */
public final class WasmScalarFunction implements ScalarFunction, ImplementableFunction {
  /** Maps SQL types to the Java classes of their values; stateless for that use. */
  private static final JavaTypeFactory JAVA_TYPES = new JavaTypeFactoryImpl();

  private final Routine routine;

  /** The function of one version of a procedure. */
  public WasmScalarFunction(Routine routine) {
    this.routine = routine;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return RoutineParameter.of(routine.definition());
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    // A PROCEDURE without RETURNS answers its CALL with the number of rows its SQL changed.
    return routine.definition().returnType()
        .map(type -> CalciteTypes.relType(typeFactory, type))
        .orElseGet(() -> typeFactory.createSqlType(SqlTypeName.BIGINT));
  }

  @Override
  public CallImplementor getImplementor() {
    int version = routine.version();
    return RexImpTable.createImplementor(
        (RexToLixTranslator translator, RexCall call, List<Expression> operands) -> {
          Expression invoke = RoutineParameter.invocation("invoke", translator, version,
              operands);
          Type javaType = JAVA_TYPES.getJavaClass(call.getType());
          return EnumUtils.convert(invoke, javaType);
        },
        NullPolicy.STRICT, false);
  }
}
