package dev.calx.sql.plan;

import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.util.Holder;

/**
 * The optimization program of every Calx statement: Calcite's standard program, preceded by
 * {@link FilterSplitter}. Installed through {@link Hook#PROGRAM}, Calcite's one seam for
 * replacing the program of a JDBC connection, once per process.
 */
public final class CalxPrograms {
  private static final Program PROGRAM = (planner, rel, traits, materializations, lattices) -> {
    // FILTER_MERGE would fuse the split filters again, undoing the pushdown; Calcite's final
    // calc phase still merges whatever filters stay above the JDBC boundary.
    planner.removeRule(CoreRules.FILTER_MERGE);
    return Programs.standard().run(planner, rel.accept(new FilterSplitter()), traits,
        materializations, lattices);
  };

  private static boolean installed;

  private CalxPrograms() {}

  /**
   * Makes Calx's program the program of every Calcite statement in this process. The hook is
   * global on purpose, which Calcite deprecates as surprising: statements are prepared on
   * whichever thread a client's request arrives, so a thread-local hook would miss most.
   */
  @SuppressWarnings("deprecation")
  public static synchronized void install() {
    if (!installed) {
      Hook.PROGRAM.<Holder<Program>>add(holder -> holder.set(PROGRAM));
      installed = true;
    }
  }
}
