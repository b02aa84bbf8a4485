package dev.calx.sql.exec;

import dev.calx.sql.Session;
import java.lang.System.Logger.Level;

/**
 * The audit trail of schema changes and of routines' writes: one line per change that happened (a
 * CREATE that created or replaced, a DROP that dropped), naming who did it, what, and the
 * module's SHA-256; a warning per attempt refused for want of the admin role; and one line per
 * write a routine's SQL made, naming the caller, the routine and the statement. On the {@code
 * dev.calx.audit} logger so operators can route it apart from the rest of the log.
 */
public final class AuditLog {
  /** The most characters of a routine's statement a line shows. */
  private static final int SHOWN_STATEMENT_CHARS = 200;
  private static final System.Logger LOG = System.getLogger("dev.calx.audit");

  private AuditLog() {}

  static void record(Session session, String action, String name, String moduleSha256) {
    LOG.log(Level.INFO, "user={0} action=\"{1}\" name={2} module_sha256={3}", session.user(),
        action, name, moduleSha256 == null ? "-" : moduleSha256);
  }

  /**
   * Records a write of a routine's SQL: done as the caller, whose name the line gives first.
   *
   * @param rows the number of rows the statement changed
   */
  public static void routineWrite(Session caller, String routine, String statement, long rows) {
    String shown = statement.length() <= SHOWN_STATEMENT_CHARS ? statement
        : statement.substring(0, SHOWN_STATEMENT_CHARS) + "...";
    LOG.log(Level.INFO,
        "user={0} action=\"ROUTINE WRITE\" routine={1} rows={2} statement=\"{3}\"",
        caller.user(), routine, String.valueOf(rows), shown.replace('"', '\''));
  }

  static void refused(Session session, String action) {
    LOG.log(Level.WARNING, "user={0} action=\"{1}\" refused: not admin", session.user(), action);
  }
}
