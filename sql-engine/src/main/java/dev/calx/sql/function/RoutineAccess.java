package dev.calx.sql.function;

import dev.calx.sql.SqlStateException;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.SqlDataAccess;

/**
 * The routine whose SQL is running on this thread, if any, and the checks every statement it
 * prepares must pass (docs/sql-reference.md, "Routines that run SQL"): no DDL, COMMIT or
 * ROLLBACK (38003), and no write from a routine that only reads (38002).
 *
 * <p>Why a thread-local is right: a routine's statements run on the thread of its call, which
 * is on the stack below them; a routine its SQL calls runs nested on the same thread and
 * restores the outer one when it returns, so the innermost routine is always the current one.
 */
public final class RoutineAccess {
  private static final ThreadLocal<RoutineDefinition> CURRENT = new ThreadLocal<>();

  private RoutineAccess() {}

  /** Marks {@code routine} as the one running SQL on this thread until the scope closes. */
  static Scope enter(RoutineDefinition routine) {
    RoutineDefinition outer = CURRENT.get();
    CURRENT.set(routine);
    return () -> CURRENT.set(outer);
  }

  /** Whether a routine's SQL is being prepared on this thread. */
  public static boolean inRoutine() {
    return CURRENT.get() != null;
  }

  /**
   * Refuses a statement the running routine may not prepare, if a routine is running.
   *
   * @param kind what the statement is
   * @throws SqlStateException 38003 for DDL or transaction control, 38002 for a write from a
   *     routine that does not modify SQL data
   */
  public static void check(StatementKind kind) {
    RoutineDefinition routine = CURRENT.get();
    if (routine == null || kind == StatementKind.READS) {
      return;
    }
    if (kind == StatementKind.SCHEMA_OR_TRANSACTION) {
      throw new SqlStateException(SqlStateException.PROHIBITED_STATEMENT, routine.name()
          + ": a routine may not run DDL, COMMIT, ROLLBACK or other transaction control; its SQL"
          + " runs in its caller's transaction");
    }
    if (routine.sqlDataAccess() != SqlDataAccess.MODIFIES_SQL_DATA) {
      throw new SqlStateException(SqlStateException.MODIFYING_SQL_DATA_NOT_PERMITTED,
          routine.name() + " is declared " + routine.sqlDataAccess().sql()
              + " and may not write; declare it MODIFIES SQL DATA");
    }
  }

  /** What a statement does, as far as a routine's permission to run it is concerned. */
  public enum StatementKind {
    /** A query, or a CALL of a routine that does not modify SQL data. */
    READS,
    /** INSERT, UPDATE, DELETE, or a CALL of a routine that modifies SQL data. */
    WRITES,
    /** DDL, COMMIT, ROLLBACK, SAVEPOINT, START TRANSACTION. */
    SCHEMA_OR_TRANSACTION
  }

  /** The extent of {@link #enter}; closing it makes the outer routine current again. */
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
