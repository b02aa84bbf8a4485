package dev.calx.sql.function;

import dev.calx.sql.Session;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.jdbc.SqlStates;
import dev.calx.wasm.GuestStatement;
import dev.calx.wasm.HostSqlException;
import dev.calx.wasm.RoutineFailedException;
import dev.calx.wasm.RoutineHost;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * The SQL of one routine call, run on its caller's connection as the caller's session: invoker's
 * rights, in the caller's transaction (docs/sql-reference.md, "Routines that run SQL"). Each
 * statement passes through the same pipeline and plan cache as a client's, so the checks of
 * {@link RoutineAccess} apply when it is prepared.
 *
 * <p>A failure the guest may handle (a syntax error, a constraint violated, a nested routine's
 * trap) reaches it as a negative result; the refusals of docs/errors.md that no routine may
 * swallow (38002, 38003, 54001, 57014), and failures that end its transaction, end the call with
 * their SQLSTATE.
 */
final class CallerSql implements RoutineHost {
  /**
   * The refusals no routine may swallow, and the failures after which its transaction is gone
   * (40003 after a storage failure, 53100, a closed connection): a routine that went on would
   * write into a transaction other than the one its call began in.
   */
  private static final Set<String> ENDS_THE_CALL =
      Set.of("38002", "38003", "54001", "57014", "40003", "53100", "08003", "08006");

  private final RoutineCaller caller;
  private final RoutineDefinition routine;
  /** The rows the call's writes changed: a PROCEDURE without RETURNS answers CALL with it. */
  private long rowsChanged;

  CallerSql(RoutineCaller caller, RoutineDefinition routine) {
    this.caller = caller;
    this.routine = routine;
  }

  @Override
  public GuestStatement prepare(String sql) {
    try (Session.Scope session = caller.session().enter()) {
      PreparedStatement statement = caller.connection().prepareStatement(sql);
      return new CallerStatement(this, statement, sql);
    } catch (SQLException | RuntimeException | AssertionError | LinkageError e) {
      throw failure(e);
    }
  }

  RoutineCaller caller() {
    return caller;
  }

  RoutineDefinition routine() {
    return routine;
  }

  void changed(long rows) {
    rowsChanged += rows;
  }

  long rowsChanged() {
    return rowsChanged;
  }

  /** A failure of a statement as the guest meets it: see the class comment. */
  RuntimeException failure(Throwable thrown) {
    SQLException e = SqlStates.translate(thrown);
    String state = e.getSQLState();
    if (ENDS_THE_CALL.contains(state)) {
      return new RoutineFailedException(state, e.getMessage());
    }
    return new HostSqlException(state, e.getMessage(), thrown);
  }
}
