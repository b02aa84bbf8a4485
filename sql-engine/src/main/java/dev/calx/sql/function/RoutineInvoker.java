package dev.calx.sql.function;

import dev.calx.sql.EngineSettings;
import dev.calx.sql.SqlStateException;
import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.SqlDataAccess;
import dev.calx.sql.schema.CalxSchema;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;

/**
 * What the generated code of a statement calls for each call of a WebAssembly routine. A routine
 * that runs SQL runs it on the connection of the statement that calls it, as its session ({@link
 * CallerSql}), all of it on one connection of the embedded database; one that modifies SQL data
 * runs atomically in that connection's transaction.
 */
public final class RoutineInvoker {
  private RoutineInvoker() {}

  /**
   * Calls the routine version a statement was planned against, or the live version of its name
   * if it was replaced since with the same signature.
   *
   * @param root the data context of the calling statement
   * @param version the version number the statement was planned with
   * @param args the arguments, none of them null
   * @return the result, as Calcite represents values of the declared result type; for a routine
   *     that returns nothing, the number of rows its SQL changed
   */
  public static Object invoke(DataContext root, int version, Object[] args) {
    Routine routine = live(version, args);
    RoutineDefinition definition = routine.definition();
    boolean value = definition.returnType().isPresent();
    if (!definition.sqlDataAccess().runsSql()) {
      Object result = routine.call(args);
      return value ? calciteValue(result) : 0L;
    }
    CallerSql sql = new CallerSql(RoutineCaller.of(root), definition);
    Object result = withSql(sql, () -> routine.call(sql, args));
    return value ? calciteValue(result) : sql.rowsChanged();
  }

  /**
   * Calls a RETURNS TABLE routine, as {@link #invoke} calls others, with the row cap of the
   * database the statement runs in ({@link EngineSettings#maxTableRows}).
   *
   * @return the rows it emitted, one array of column values each
   */
  public static Enumerable<Object[]> rows(DataContext root, int version, Object[] args) {
    for (Object arg : args) {
      if (arg == null) {
        return Linq4j.emptyEnumerable();
      }
    }
    Routine routine = live(version, args);
    RoutineDefinition definition = routine.definition();
    CallerSql sql = definition.sqlDataAccess().runsSql()
        ? new CallerSql(RoutineCaller.of(root), definition) : null;
    int maxRows = CalxSchema.of(root).settings().maxTableRows();
    List<Object[]> rows = withSql(sql, () -> routine.callTable(sql, maxRows, args));
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        row[i] = calciteValue(row[i]);
      }
    }
    return Linq4j.asEnumerable(rows);
  }

  private static Routine live(int version, Object[] args) {
    Routine routine = ProcedureCatalog.byVersion(version);
    if (routine == null) {
      throw new SqlStateException(SqlStateException.UNDEFINED_OBJECT, "the database this"
          + " statement was prepared on was closed; prepare it again");
    }
    if (routine.isRetired()) {
      routine = routine.catalog().current(routine);
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof ByteString) {
        args[i] = ((ByteString) args[i]).getBytes();
      }
    }
    return routine;
  }

  /** Runs a call with its SQL's permissions on one connection, atomically if it may write. */
  private static <T> T withSql(CallerSql sql, Supplier<T> call) {
    if (sql == null) {
      return call.get();
    }
    try (RoutineAccess.Scope scope = RoutineAccess.enter(sql.routine())) {
      if (sql.routine().sqlDataAccess() != SqlDataAccess.MODIFIES_SQL_DATA) {
        return sql.caller().transaction().routineReads(call);
      }
      return sql.caller().transaction().routineCall(call);
    } catch (SQLException e) {
      throw new SqlStateException(e.getSQLState(), e.getMessage(), e);
    }
  }

  private static Object calciteValue(Object value) {
    return value instanceof byte[] bytes ? new ByteString(bytes) : value;
  }
}
