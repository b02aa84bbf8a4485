package dev.calx.sql.function;

import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.RoutineType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;

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
    List<FunctionParameter> parameters = new ArrayList<>();
    RoutineDefinition definition = routine.definition();
    for (int i = 0; i < definition.parameters().size(); i++) {
      parameters.add(new Parameter(i, definition.parameterName(i),
          definition.parameters().get(i).type()));
    }
    return parameters;
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return CalciteTypes.relType(typeFactory, routine.definition().returnType().orElseThrow());
  }

  @Override
  public CallImplementor getImplementor() {
    int version = routine.version();
    return RexImpTable.createImplementor(
        (RexToLixTranslator translator, RexCall call, List<Expression> operands) -> {
          List<Expression> boxed = new ArrayList<>();
          for (Expression operand : operands) {
            // Box rather than cast: Janino reads "(Object) -2" as a subtraction.
            boxed.add(Primitive.is(operand.getType()) ? Expressions.box(operand) : operand);
          }
          Expression invoke = Expressions.call(RoutineInvoker.class, "invoke",
              Expressions.constant(version), Expressions.newArrayInit(Object.class, boxed));
          Type javaType = JAVA_TYPES.getJavaClass(call.getType());
          return EnumUtils.convert(invoke, javaType);
        },
        NullPolicy.STRICT, false);
  }

  /** A declared parameter. */
  private record Parameter(int ordinal, String name, RoutineType type)
      implements FunctionParameter {
    @Override
    public int getOrdinal() {
      return ordinal;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public RelDataType getType(RelDataTypeFactory typeFactory) {
      return CalciteTypes.relType(typeFactory, type);
    }

    @Override
    public boolean isOptional() {
      return false;
    }
  }
}
