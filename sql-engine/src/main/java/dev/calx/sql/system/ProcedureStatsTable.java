package dev.calx.sql.system;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineStats;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.procedure_stats}: per live procedure, its calls since the process started. The
 * counters are read one by one while calls go on, so a row is a close estimate, not a snapshot.
 */
final class ProcedureStatsTable extends AbstractTable implements ScannableTable {
  private final ProcedureCatalog catalog;

  ProcedureStatsTable(ProcedureCatalog catalog) {
    this.catalog = catalog;
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
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = catalog.all().stream()
        .sorted(Comparator.comparing(r -> r.definition().name()))
        .map(ProcedureStatsTable::row)
        .toList();
    return Linq4j.asEnumerable(rows);
  }

  private static Object[] row(Routine routine) {
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
