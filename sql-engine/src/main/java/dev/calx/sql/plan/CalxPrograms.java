package dev.calx.sql.plan;

import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The optimization program of every Calx statement: Calcite's standard program, preceded by
 * {@link FilterSplitter} and followed by {@link JdbcProjection}. Each statement's preparation asks for it (the pipeline's {@code
 * CalxPrepare}), so nothing is installed for the whole process.
 */
public final class CalxPrograms {
  /** Calcite's standard program between {@link FilterSplitter} and {@link JdbcProjection}. */
  public static final Program PROGRAM = (planner, rel, traits, materializations, lattices) -> {
    // FILTER_MERGE would fuse the split filters again, undoing the pushdown; Calcite's final
    // calc phase still merges whatever filters stay above the JDBC boundary.
    planner.removeRule(CoreRules.FILTER_MERGE);
    return JdbcProjection.narrow(Programs.standard().run(planner,
        rel.accept(new FilterSplitter()), traits, materializations, lattices));
  };

  private CalxPrograms() {}
}
