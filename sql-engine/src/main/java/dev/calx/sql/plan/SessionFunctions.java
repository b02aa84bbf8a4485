package dev.calx.sql.plan;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.BuiltInMethod;

/**
 * The functions that describe the session: {@code CURRENT_USER}, {@code SESSION_USER},
 * {@code USER} and {@code SYSTEM_USER} (its user), {@code CURRENT_ROLE} (its role) and {@code CURRENT_SCHEMA} (its
 * connection's default schema), answered from the variables of each execution's data context.
 *
 * <p>Calcite's JDBC adapter would push them with the rest of a query or change to the embedded
 * database, which answers for its own administrator, and Calcite's own code reads a user fixed
 * at {@code sa} and cannot compute {@code CURRENT_SCHEMA} at all. So before planning, this
 * shuttle replaces each call by a user-defined function of the same name, which the adapter
 * keeps out of the database (as it keeps WebAssembly functions) and whose code reads the
 * execution's variable.
 */
public final class SessionFunctions extends RelHomogeneousShuttle {
  /** The data-context variable holding the session's user, as Calcite names it. */
  public static final String USER = "user";
  /** The data-context variable holding the session's role. */
  public static final String ROLE = "calx.role";
  /** The data-context variable holding the connection's default schema. */
  public static final String SCHEMA = "calx.schema";

  private static final Map<SqlOperator, String> VARIABLES = Map.of(
      SqlStdOperatorTable.CURRENT_USER, USER,
      SqlStdOperatorTable.SESSION_USER, USER,
      SqlStdOperatorTable.USER, USER,
      // Not the server process's operating-system account, which no client should learn.
      SqlStdOperatorTable.SYSTEM_USER, USER,
      SqlStdOperatorTable.CURRENT_ROLE, ROLE,
      SqlStdOperatorTable.CURRENT_SCHEMA, SCHEMA);
  private static final Set<String> NAMES = VARIABLES.keySet().stream()
      .map(SqlOperator::getName).collect(Collectors.toUnmodifiableSet());

  /** Whether {@code name}, in any case, names one of these functions. */
  public static boolean isSessionFunction(String name) {
    return NAMES.contains(name.toUpperCase(Locale.ROOT));
  }

  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    RexBuilder rex = visited.getCluster().getRexBuilder();
    return visited.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        String variable = VARIABLES.get(call.getOperator());
        return variable == null ? super.visitCall(call)
            : rex.makeCall(call.getType(), function(call, variable), List.of());
      }
    });
  }

  private static SqlOperator function(RexCall call, String variable) {
    SqlOperator original = call.getOperator();
    return new SqlUserDefinedFunction(
        new SqlIdentifier(original.getName(), SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        original.getReturnTypeInference(), null, null, new Variable(variable, call.getType()),
        SqlSyntax.FUNCTION_ID) {
      @Override
      public boolean isDynamicFunction() {
        return true; // never folded into a constant while planning
      }

      @Override
      public boolean isDeterministic() {
        return false;
      }
    };
  }

  /** A niladic function whose value is a data-context variable. */
  private record Variable(String name, RelDataType type)
      implements ScalarFunction, ImplementableFunction {
    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return type;
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override
    public CallImplementor getImplementor() {
      return RexImpTable.createImplementor((translator, call, operands) ->
          Expressions.convert_(Expressions.call(translator.getRoot(),
              BuiltInMethod.DATA_CONTEXT_GET.method, Expressions.constant(name)), String.class),
          NullPolicy.NONE, false);
    }
  }
}
