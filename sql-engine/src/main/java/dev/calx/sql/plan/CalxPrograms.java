package dev.calx.sql.plan;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The optimization program of every Calx statement: Calcite's standard program, preceded by
 * {@link SessionFunctions} and {@link FilterSplitter} and followed by {@link JdbcProjection}.
 * Each statement's preparation asks for it (the pipeline's {@code
 * CalxPrepare}), so nothing is installed for the whole process.
 */
public final class CalxPrograms {
  /** Calcite's standard program between the passes before and after it. */
  public static final Program PROGRAM = (planner, rel, traits, materializations, lattices) -> {
    // FILTER_MERGE would fuse the split filters again, undoing the pushdown; Calcite's final
    // calc phase still merges whatever filters stay above the JDBC boundary.
    planner.removeRule(CoreRules.FILTER_MERGE);
    RelNode prepared = rel.accept(new SessionFunctions()).accept(new FilterSplitter());
    return JdbcProjection.narrow(
        Programs.standard().run(planner, prepared, traits, materializations, lattices));
  };

  private CalxPrograms() {}
}
