package dev.calx.sql.pipeline;

import dev.calx.sql.plan.SessionFunctions;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * A statement after {@link LiteralLifter}: its tree with parameters in place of the lifted
 * literals, and what each parameter stands for.
 *
 * @param node the statement's tree; its parameters are numbered 0, 1, ... in validation order
 * @param sources for each parameter of {@code node}, the user's parameter or the lifted literal
 * @param slots where the lifted parameters that {@link #castLifted} types sit
 * @param values the lifted literals' values, as the generated code reads them
 * @param typeKey the lifted literals' types, which shape the plan as the text does
 * @param names every identifier and function name the statement mentions, in upper case: what a
 *     DDL statement must name for the statement's plan to be affected by it
 * @param callsRoutine whether the statement calls a Calx routine
 * @param userParameterCount how many parameters the user's statement has: its markers, and for
 *     {@code {? = call ...}} the one that receives the routine's value, which is in no tree
 */
record LiftedStatement(SqlNode node, List<Source> sources, List<Slot> slots, Object[] values,
    String typeKey, Set<String> names, boolean callsRoutine, int userParameterCount) {

  /**
   * Whether the statement needs Calx to compute part of it, not the embedded database: it calls
   * a Calx routine or mentions one of the {@link SessionFunctions}, which Calcite's parser
   * leaves as bare names. A change that does is planned as a {@code FunctionDml}.
   */
  boolean computedByCalx() {
    return callsRoutine || names.stream().anyMatch(SessionFunctions::isSessionFunction);
  }

  /**
   * What one parameter of the lifted statement stands for.
   *
   * @param userIndex the index of the user's parameter, or -1 for a lifted literal
   * @param userName the name the user's value has in the connection's data context ({@code
   *     ?0}, ...), made once rather than at every execution; null for a lifted literal
   * @param valueIndex the index in {@link #values} of a lifted literal, or -1
   * @param castTo the type the lifted literal had, which its parameter is cast to, or null
   */
  record Source(int userIndex, String userName, int valueIndex, RelDataType castTo) {
    static Source user(int index) {
      return new Source(index, "?" + index, -1, null);
    }

    static Source lifted(int valueIndex, RelDataType castTo) {
      return new Source(-1, null, valueIndex, castTo);
    }
  }

  /**
   * What an execution binds: for each parameter, the user's value or the lifted literal's. The
   * same text always lifts to the same binding, so the cache keeps it by text ({@link
   * PlanCache#known}) without the tree.
   *
   * @param sources for each parameter, where its value comes from
   * @param values the lifted literals' values
   * @param userParameterCount how many parameters the user's statement has
   */
  record Binding(List<Source> sources, Object[] values, int userParameterCount) {}

  /** What an execution of this statement binds. */
  Binding binding() {
    return new Binding(sources, values, userParameterCount);
  }

  /** A lifted parameter's place in its parent: the {@code index}th operand or element. */
  record Slot(SqlNode parent, int index, SqlDynamicParam parameter, RelDataType castTo) {}

  /**
   * Casts every lifted parameter to its literal's type, so that the statement is validated with
   * the types the literals had; done only when the statement is planned, after its text was taken.
   */
  void castLifted() {
    for (Slot slot : slots) {
      SqlNode cast = SqlStdOperatorTable.CAST.createCall(slot.parameter().getParserPosition(),
          slot.parameter(), SqlTypeUtil.convertTypeToSpec(slot.castTo()));
      if (slot.parent() instanceof SqlNodeList list) {
        list.set(slot.index(), cast);
      } else {
        ((SqlCall) slot.parent()).setOperand(slot.index(), cast);
      }
    }
  }
}
