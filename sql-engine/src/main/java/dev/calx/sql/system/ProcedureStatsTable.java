package dev.calx.sql.system;

import static dev.calx.sql.system.CatalogColumn.nullable;
import static dev.calx.sql.system.CatalogColumn.of;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.RoutineStats;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.procedure_stats}: per live procedure, its calls since the process started. The
 * counters are read one by one while calls go on, so a row is a close estimate, not a snapshot.
 */
final class ProcedureStatsTable extends CatalogTable {
  private static final List<CatalogColumn> COLUMNS = List.of(
      of("NAME", SqlTypeName.VARCHAR, r -> r.definition().name()),
      of("CALLS", SqlTypeName.BIGINT, r -> r.stats().calls()),
      of("ERRORS", SqlTypeName.BIGINT, r -> r.stats().errors()),
      of("TIMEOUTS", SqlTypeName.BIGINT, r -> r.stats().timeouts()),
      of("TOTAL_NANOS", SqlTypeName.BIGINT, r -> r.stats().totalNanos()),
      of("MEAN_NANOS", SqlTypeName.BIGINT, r -> mean(r.stats())),
      of("MAX_NANOS", SqlTypeName.BIGINT, r -> r.stats().maxNanos()),
      nullable("LAST_ERROR", SqlTypeName.VARCHAR, r -> r.stats().lastError()),
      nullable("LAST_CALL_AT", SqlTypeName.TIMESTAMP,
          r -> ProceduresTable.millis(r.stats().lastCall())));

  ProcedureStatsTable(ProcedureCatalog catalog) {
    super(catalog, COLUMNS);
  }

  private static long mean(RoutineStats s) {
    long calls = s.calls();
    return calls == 0 ? 0L : s.totalNanos() / calls;
  }
}
