package dev.calx.sql.function;

import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.RoutineType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;

/**
 * A declared parameter of a routine as Calcite sees it, and the code that passes a call's
 * arguments to {@link RoutineInvoker}; shared by the scalar and the table function of a routine.
 */
record RoutineParameter(int ordinal, String name, RoutineType type)
    implements FunctionParameter {

  /** The parameters of a routine, in order. */
  static List<FunctionParameter> of(RoutineDefinition definition) {
    List<FunctionParameter> parameters = new ArrayList<>();
    for (int i = 0; i < definition.parameters().size(); i++) {
      parameters.add(new RoutineParameter(i, definition.parameterName(i),
          definition.parameters().get(i).type()));
    }
    return parameters;
  }

  /**
   * The generated call of {@code RoutineInvoker.method(root, version, new Object[] {args})}.
   */
  static Expression invocation(String method, RexToLixTranslator translator, int version,
      List<Expression> operands) {
    List<Expression> boxed = new ArrayList<>();
    for (Expression operand : operands) {
      // Box rather than cast: Janino reads "(Object) -2" as a subtraction.
      boxed.add(Primitive.is(operand.getType()) ? Expressions.box(operand) : operand);
    }
    return Expressions.call(RoutineInvoker.class, method, translator.getRoot(),
        Expressions.constant(version), Expressions.newArrayInit(Object.class, boxed));
  }

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
