package dev.calx.sql.pipeline;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.function.BuiltInFunctions;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.calcite.config.CalciteConnectionConfig;

/**
 * What every statement of one database shares on its way through {@link CalxPrepare}: the
 * catalog that says which names are routines, the plan cache, the statement statistics, and
 * who else must hear of a schema change (the table metadata cache).
 */
public final class StatementPipeline {
  private final ProcedureCatalog catalog;
  private final PlanCache plans;
  private final StatementStatistics statistics = new StatementStatistics();
  private final Consumer<Set<String>> schemaChanged;
  /** Made from the first statement's connection configuration, which every connection shares. */
  private volatile StatementParser parser;

  /**
   * The pipeline of a database.
   *
   * @param schemaChanged told the upper-case names a DDL statement changed, or null for
   *     anything
   */
  public StatementPipeline(ProcedureCatalog catalog, PlanCache plans,
      Consumer<Set<String>> schemaChanged) {
    this.catalog = catalog;
    this.plans = plans;
    this.schemaChanged = schemaChanged;
  }

  /** The statistics {@code sys.statements} shows. */
  public StatementStatistics statistics() {
    return statistics;
  }

  /**
   * The parser of this database's statements. Every connection of a database is opened with the
   * same Calcite properties, so the first connection's configuration serves all.
   */
  StatementParser parser(CalciteConnectionConfig config) {
    StatementParser made = parser;
    if (made == null) {
      made = new StatementParser(config);
      parser = made;
    }
    return made;
  }

  PlanCache plans() {
    return plans;
  }

  /** Whether a function name names a routine of the catalog that no built-in function hides. */
  boolean isRoutine(String name) {
    return routine(name) != null;
  }

  /** The routine a function name names, if no built-in function hides it; else null. */
  RoutineDefinition routine(String name) {
    Routine routine = BuiltInFunctions.isBuiltIn(name) ? null : catalog.get(name);
    return routine == null ? null : routine.definition();
  }

  /** Forgets what depended on the names a DDL statement changed (null: on anything). */
  void changed(Set<String> names) {
    if (names != null && names.isEmpty()) {
      return; // transaction control: nothing to forget, and no epoch to bump for the planners
    }
    // The metadata first: a statement planned after the epoch moves must not read metadata
    // from before the change and still be kept.
    schemaChanged.accept(names);
    plans.invalidate(names);
  }
}
