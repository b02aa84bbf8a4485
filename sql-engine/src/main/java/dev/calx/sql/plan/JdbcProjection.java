package dev.calx.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Has the embedded database return only the columns a calculation above it uses. When a
 * WebAssembly function filters or computes over a table, the calculation runs in Calcite
 * ({@code EnumerableCalc}) over rows fetched from the database; Calcite's cost model does not
 * charge for the width of those rows, so it leaves the fetch as {@code SELECT *}. This pass, run
 * on the chosen plan, puts a {@code JdbcProject} of the used columns under each such fetch and
 * renumbers the calculation's inputs.
 */
final class JdbcProjection {
  private JdbcProjection() {}

  /** {@code plan} with every calculation over a database fetch reading only what it uses. */
  static RelNode narrow(RelNode plan) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : plan.getInputs()) {
      RelNode narrowed = narrow(input);
      inputs.add(narrowed);
      changed |= narrowed != input;
    }
    RelNode rel = changed ? plan.copy(plan.getTraitSet(), inputs) : plan;
    if (rel instanceof EnumerableCalc calc
        && calc.getInput() instanceof JdbcToEnumerableConverter fetch) {
      return narrow(calc, fetch);
    }
    return rel;
  }

  private static RelNode narrow(EnumerableCalc calc, JdbcToEnumerableConverter fetch) {
    RexProgram program = calc.getProgram();
    List<RexNode> projects = program.expandList(program.getProjectList());
    RexNode condition = program.getCondition() == null
        ? null : program.expandLocalRef(program.getCondition());
    List<RexNode> all = new ArrayList<>(projects);
    if (condition != null) {
      all.add(condition);
    }
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(all, null);
    RelNode source = fetch.getInput();
    int width = source.getRowType().getFieldCount();
    if (used.cardinality() == width || used.isEmpty()) {
      return calc;
    }
    RexBuilder rex = calc.getCluster().getRexBuilder();
    List<RexNode> columns = new ArrayList<>();
    used.forEach(i -> columns.add(rex.makeInputRef(source, i)));
    RelNode narrowed = new JdbcRules.JdbcProject(source.getCluster(), source.getTraitSet(),
        source, columns, rowType(source, used));
    Mappings.TargetMapping mapping = Mappings.target(used.toList(), width);
    RexPermuteInputsShuttle renumber = new RexPermuteInputsShuttle(mapping, narrowed);
    RexProgram renumbered = RexProgram.create(narrowed.getRowType(),
        renumber.visitList(projects), condition == null ? null : condition.accept(renumber),
        program.getOutputRowType(), rex);
    RelNode newFetch = fetch.copy(fetch.getTraitSet(), List.of(narrowed));
    return EnumerableCalc.create(newFetch, renumbered);
  }

  private static RelDataType rowType(RelNode source, ImmutableBitSet used) {
    RelDataTypeFactory.Builder row = source.getCluster().getTypeFactory().builder();
    List<RelDataTypeField> fields = source.getRowType().getFieldList();
    used.forEach(i -> row.add(fields.get(i)));
    return row.build();
  }
}
