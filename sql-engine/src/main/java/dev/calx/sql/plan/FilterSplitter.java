package dev.calx.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Splits each filter whose condition mixes plain conjuncts with calls of user-defined functions
 * into two: the plain conjuncts below, the rest above. Calcite's JDBC adapter refuses to push a
 * filter that calls a user-defined function at all, so without the split a single WebAssembly
 * call in a WHERE makes the embedded database return the whole table.
 */
final class FilterSplitter extends RelHomogeneousShuttle {
  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    return visited instanceof LogicalFilter filter ? split(filter) : visited;
  }

  private static RelNode split(LogicalFilter filter) {
    List<RexNode> plain = new ArrayList<>();
    List<RexNode> rest = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      (isPlain(conjunct) ? plain : rest).add(conjunct);
    }
    if (plain.isEmpty() || rest.isEmpty()) {
      return filter;
    }
    var rex = filter.getCluster().getRexBuilder();
    RelNode below = LogicalFilter.create(filter.getInput(), RexUtil.composeConjunction(rex, plain));
    return LogicalFilter.create(below, RexUtil.composeConjunction(rex, rest));
  }

  /** Whether a condition calls no user-defined function and holds no sub-query. */
  static boolean isPlain(RexNode condition) {
    PlainCheck check = new PlainCheck();
    condition.accept(check);
    return check.plain;
  }

  /** Looks for what the JDBC adapter cannot push. */
  private static final class PlainCheck extends RexVisitorImpl<Void> {
    private boolean plain = true;

    PlainCheck() {
      super(true);
    }

    @Override
    public Void visitCall(RexCall call) {
      if (call.getOperator() instanceof SqlUserDefinedFunction) {
        plain = false;
      }
      return super.visitCall(call);
    }

    @Override
    public Void visitSubQuery(RexSubQuery subQuery) {
      plain = false;
      return null;
    }
  }
}
