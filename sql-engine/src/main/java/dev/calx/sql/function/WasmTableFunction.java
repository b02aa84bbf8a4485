package dev.calx.sql.function;

import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineDefinition;
import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.TableFunction;

/**
 * One version of a RETURNS TABLE routine as a Calcite table function, for {@code FROM TABLE(f(...))}
 * (joinable, correlated with LATERAL, with {@code ?} parameters) and for its CALL. Its generated
 * code calls {@link RoutineInvoker#rows}, which runs the routine once and hands over the rows it
 * emitted. A NULL argument gives no rows, as RETURNS NULL ON NULL INPUT does for a value.
 */
public final class WasmTableFunction implements TableFunction, ImplementableFunction {
  private final Routine routine;

  /** The table function of one version of a routine. */
  public WasmTableFunction(Routine routine) {
    this.routine = routine;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return RoutineParameter.of(routine.definition());
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory, List<?> arguments) {
    RelDataTypeFactory.Builder row = typeFactory.builder();
    for (RoutineDefinition.Column column : routine.definition().resultColumns()) {
      // Nullable: a row may leave a column unset.
      row.add(column.name(), typeFactory.createTypeWithNullability(
          CalciteTypes.relType(typeFactory, column.type()), true));
    }
    return row.build();
  }

  @Override
  public Type getElementType(List<?> arguments) {
    return Object[].class;
  }

  @Override
  public CallImplementor getImplementor() {
    int version = routine.version();
    return RexImpTable.createImplementor(
        (RexToLixTranslator translator, RexCall call, List<Expression> operands) ->
            RoutineParameter.invocation("rows", translator, version, operands),
        NullPolicy.NONE, false);
  }
}
