package dev.calx.sql.system;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineStats;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.procedure_stats}: per live procedure, its calls since the process started. The
 * counters are read one by one while calls go on, so a row is a close estimate, not a snapshot.
 */
final class ProcedureStatsTable extends CatalogTable {
  ProcedureStatsTable(ProcedureCatalog catalog) {
    super(catalog);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("NAME", SqlTypeName.VARCHAR)
        .add("CALLS", SqlTypeName.BIGINT)
        .add("ERRORS", SqlTypeName.BIGINT)
        .add("TIMEOUTS", SqlTypeName.BIGINT)
        .add("TOTAL_NANOS", SqlTypeName.BIGINT)
        .add("MEAN_NANOS", SqlTypeName.BIGINT)
        .add("MAX_NANOS", SqlTypeName.BIGINT)
        .add("LAST_ERROR", SqlTypeName.VARCHAR).nullable(true)
        .add("LAST_CALL_AT", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .build();
  }

  @Override
  Object[] row(Routine routine) {
    RoutineStats s = routine.stats();
    long calls = s.calls();
    long total = s.totalNanos();
    return new Object[] {
        routine.definition().name(), calls, s.errors(), s.timeouts(), total,
        calls == 0 ? 0L : total / calls, s.maxNanos(), s.lastError(),
        ProceduresTable.millis(s.lastCall()),
    };
  }
}
