package dev.calx.sql.system;

import dev.calx.sql.Session;
import dev.calx.sql.pipeline.StatementStatistics;
import dev.calx.sql.pipeline.StatementStats;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.statements}: per normalised statement text, its executions, rows and times since
 * the database opened, and how often its plan came from the plan cache, as PostgreSQL's {@code
 * pg_stat_statements} shows them; longest total execution time first. Only the admin role sees
 * the texts, as PostgreSQL shows other users' texts only to privileged roles. The counters are read one
 * by one while statements go on, so a row is a close estimate, not a snapshot.
 */
final class StatementsTable extends SystemTable implements ScannableTable {
  private static final double NANOS_PER_MS = 1e6;

  private final StatementStatistics statistics;

  StatementsTable(StatementStatistics statistics) {
    this.statistics = statistics;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("QUERY", SqlTypeName.VARCHAR).nullable(true)
        .add("CALLS", SqlTypeName.BIGINT)
        .add("TOTAL_ROWS", SqlTypeName.BIGINT)
        .add("TOTAL_EXEC_MS", SqlTypeName.DOUBLE)
        .add("MEAN_EXEC_MS", SqlTypeName.DOUBLE)
        .add("MAX_EXEC_MS", SqlTypeName.DOUBLE)
        .add("TOTAL_PLAN_MS", SqlTypeName.DOUBLE)
        .add("CACHE_HITS", SqlTypeName.BIGINT)
        .add("CACHE_MISSES", SqlTypeName.BIGINT)
        .build();
  }

  /** The rows; a session without the admin role sees the counters but not the texts. */
  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    boolean admin = Session.current().admin();
    List<Object[]> rows = statistics.all().stream()
        .sorted(Comparator.comparingLong(StatementStats::executionNanos).reversed())
        .map(s -> row(s, admin))
        .toList();
    return Linq4j.asEnumerable(rows);
  }

  private static Object[] row(StatementStats s, boolean admin) {
    long calls = s.calls();
    double total = s.executionNanos() / NANOS_PER_MS;
    // Texts keep the literals the cache does not lift, which may be other users' data.
    return new Object[] {admin ? s.text() : null, calls, s.rows(), total, calls == 0 ? 0.0 : total / calls,
        s.maxExecutionNanos() / NANOS_PER_MS, s.planningNanos() / NANOS_PER_MS, s.hits(),
        s.misses()};
  }
}
