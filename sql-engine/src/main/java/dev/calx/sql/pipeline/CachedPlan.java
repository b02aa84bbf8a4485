package dev.calx.sql.pipeline;

import dev.calx.sql.Session;
import dev.calx.sql.SqlStateException;
import dev.calx.sql.dml.TableChange;
import dev.calx.sql.function.RoutineAccess;
import dev.calx.sql.schema.CalxSchema;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A statement's compiled plan, as the {@link PlanCache} keeps it: Calcite's signature of the
 * lifted statement, which any connection can run with its own parameters and literals.
 *
 * <p>Calcite's signature names the root schema of the connection that prepared it, and code it
 * generates finds its tables' data source through the root schema of the running connection
 * (see {@link CalxSchema}); so each use makes a {@link #signature} of its own for the connection
 * at hand, over the same compiled code.
 */
final class CachedPlan {
  private static final List<ColumnMetaData> ROW_COUNT =
      List.of(MetaImpl.columnMetaData("ROWCOUNT", 0, Long.class, false));

  private final CalciteSignature<Object> compiled;
  private final int[] parameterTypes;
  private final List<AvaticaParameter> userParameters;
  private final Set<String> names;
  private final long bytes;
  /** Replaced by {@link StatementStats#live} if the statistics drop them. */
  private volatile StatementStats stats;
  /** For an INSERT, UPDATE or DELETE that calls functions: what applies the query's rows. */
  private final TableChange change;
  private final List<SqlTypeName> queryTypes;
  private final RelDataType rowCountType;
  /** Whether the query's one value is the statement's update count: a CALL of a procedure. */
  private final boolean countQuery;
  /** What a routine's permission to run the statement depends on: see {@link RoutineAccess}. */
  private final RoutineAccess.StatementKind kind;

  private CachedPlan(CalciteSignature<Object> compiled, LiftedStatement lifted, long bytes,
      StatementStats stats, TableChange change, RelDataType rowCountType, boolean countQuery,
      RoutineAccess.StatementKind kind) {
    this.compiled = compiled;
    this.parameterTypes = compiled.parameters.stream().mapToInt(p -> p.parameterType).toArray();
    this.userParameters = userParameters(compiled, lifted.binding());
    this.names = lifted.names();
    this.bytes = bytes;
    this.stats = stats;
    this.change = change;
    this.queryTypes = change == null || compiled.rowType == null ? List.of()
        : compiled.rowType.getFieldList().stream().map(f -> f.getType().getSqlTypeName())
            .toList();
    this.rowCountType = rowCountType;
    this.countQuery = countQuery;
    this.kind = kind;
  }

  /** The plan of a statement Calcite runs as it is (a query, a CALL, a plain DML). */
  static CachedPlan of(CalciteSignature<Object> compiled, LiftedStatement lifted, long bytes,
      StatementStats stats, RoutineAccess.StatementKind kind) {
    return new CachedPlan(compiled, lifted, bytes, stats, null, null, false, kind);
  }

  /**
   * The plan of a CALL of a routine that returns nothing: {@code query}'s one value is the
   * number of rows the routine's SQL changed, which the statement answers as its update count.
   */
  static CachedPlan ofCount(CalciteSignature<Object> query, LiftedStatement lifted, long bytes,
      StatementStats stats, RelDataType rowCountType, RoutineAccess.StatementKind kind) {
    return new CachedPlan(query, lifted, bytes, stats, null, rowCountType, true, kind);
  }

  /**
   * The plan of an INSERT, UPDATE or DELETE that calls functions: {@code query} is its query,
   * whose rows {@code change} applies; the statement answers with their count.
   */
  static CachedPlan ofChange(CalciteSignature<Object> query, LiftedStatement lifted, long bytes,
      StatementStats stats, TableChange change, RelDataType rowCountType) {
    return new CachedPlan(query, lifted, bytes, stats, change, rowCountType, false,
        RoutineAccess.StatementKind.WRITES);
  }

  private static List<AvaticaParameter> userParameters(CalciteSignature<Object> compiled,
      LiftedStatement.Binding binding) {
    List<AvaticaParameter> all = compiled.parameters;
    AvaticaParameter[] user = new AvaticaParameter[binding.userParameterCount()];
    for (int i = 0; i < all.size(); i++) {
      int index = binding.sources().get(i).userIndex();
      if (index >= 0) {
        user[index] = all.get(i);
      }
    }
    if (user.length > 0 && user[0] == null) {
      // {? = call ...}: the first parameter receives the routine's value, so it has its type.
      // Nothing reads what is bound to it.
      ColumnMetaData value = compiled.columns.get(0);
      user[0] = new AvaticaParameter(value.signed, value.precision, value.scale,
          value.type.id, value.type.name, value.columnClassName, value.columnName);
    }
    return Collections.unmodifiableList(Arrays.asList(user));
  }

  /** What the statement does, for the check of a routine that prepares it again. */
  RoutineAccess.StatementKind kind() {
    return kind;
  }

  long bytes() {
    return bytes;
  }

  StatementStats stats() {
    StatementStats current = stats;
    StatementStats live = current.live();
    if (live != current) {
      stats = live; // rare: written only when the statistics dropped these counters
    }
    return live;
  }

  boolean mentionsAny(Set<String> changed) {
    for (String name : changed) {
      if (names.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The signature one statement of a connection runs: the compiled code, bound at each
   * execution to the statement's lifted literals and to its user's parameter values.
   */
  CalciteSignature<Object> signature(String sql, CalciteSchema root,
      LiftedStatement.Binding binding, long maxRowCount) {
    Bindable<Object> bindable = outer -> execute(outer, binding);
    if (change != null || countQuery) {
      return new CalciteSignature<>(sql, userParameters, compiled.internalParameters,
          rowCountType, ROW_COUNT, Meta.CursorFactory.deduce(ROW_COUNT, null), root, List.of(),
          -1, bindable, Meta.StatementType.IS_DML);
    }
    return new CalciteSignature<>(sql, userParameters, compiled.internalParameters,
        compiled.rowType, compiled.columns, compiled.cursorFactory, root,
        compiled.getCollationList(), maxRowCount, bindable, compiled.statementType);
  }

  private Enumerable<Object> execute(DataContext outer, LiftedStatement.Binding binding) {
    long start = System.nanoTime();
    DataContext context = new BoundContext(outer, bind(outer, binding), Session.current());
    if (countQuery) {
      long count = count(compiled.enumerable(context));
      stats().executed(System.nanoTime() - start, count);
      return Linq4j.singletonEnumerable(count);
    }
    if (change == null) {
      return new MeasuredRows(compiled.enumerable(context), start,
          compiled.statementType == Meta.StatementType.IS_DML);
    }
    List<Object[]> rows = TableChange.read(compiled.enumerable(context), queryTypes);
    long count;
    try {
      count = change.apply(rows, CalxSchema.of(outer).transaction());
    } catch (SQLException e) {
      throw new SqlStateException(e.getSQLState(), e.getMessage(), e);
    }
    stats().executed(System.nanoTime() - start, count);
    return Linq4j.singletonEnumerable(count);
  }

  /** The one value of a count query's one row. */
  private static long count(Enumerable<Object> rows) {
    try (Enumerator<Object> cursor = rows.enumerator()) {
      Object value = cursor.moveNext() ? cursor.current() : null;
      if (value instanceof Object[] row) {
        value = row[0];
      }
      return value instanceof Number n ? n.longValue() : 0;
    }
  }

  private Object[] bind(DataContext outer, LiftedStatement.Binding binding) {
    List<LiftedStatement.Source> sources = binding.sources();
    Object[] values = new Object[sources.size()];
    for (int i = 0; i < values.length; i++) {
      LiftedStatement.Source source = sources.get(i);
      values[i] = source.userIndex() < 0 ? binding.values()[source.valueIndex()]
          : ParameterValues.coerce(outer.get(source.userName()), parameterTypes[i]);
    }
    return values;
  }

  /**
   * The rows of one execution, counted and timed for {@link StatementStats}: recorded when the
   * last row has been read or the rows are closed, whichever comes first, and for an INSERT,
   * UPDATE or DELETE as soon as its one row, the count, is read (Calcite reads it and may
   * leave the rows open).
   */
  private final class MeasuredRows extends AbstractEnumerable<Object> {
    private final Enumerable<Object> rows;
    private final long start;
    private final boolean rowCount;

    MeasuredRows(Enumerable<Object> rows, long start, boolean rowCount) {
      this.rows = rows;
      this.start = start;
      this.rowCount = rowCount;
    }

    @Override
    public Enumerator<Object> enumerator() {
      Enumerator<Object> cursor = rows.enumerator();
      return new Enumerator<>() {
        private long count;
        private boolean recorded;

        @Override
        public Object current() {
          return cursor.current();
        }

        @Override
        public boolean moveNext() {
          boolean moved = cursor.moveNext();
          if (!moved) {
            record();
          } else if (rowCount) {
            count = cursor.current() instanceof Number n ? n.longValue() : 0;
            record();
          } else {
            count++;
          }
          return moved;
        }

        @Override
        public void reset() {
          cursor.reset();
        }

        @Override
        public void close() {
          try {
            cursor.close();
          } finally {
            record();
          }
        }

        private void record() {
          if (!recorded) {
            recorded = true;
            stats().executed(System.nanoTime() - start, count);
          }
        }
      };
    }
  }
}
