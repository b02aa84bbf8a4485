package dev.calx.sql.exec;

import dev.calx.sql.Session;
import java.lang.System.Logger.Level;

/**
 * The audit trail of schema changes: one line per change that happened (a CREATE that created or
 * replaced, a DROP that dropped), naming who did it, what, and the module's SHA-256, and a
 * warning per attempt refused for want of the admin role; on the {@code dev.calx.audit} logger so
 * operators can route it apart from the rest of the log.
 */
final class AuditLog {
  private static final System.Logger LOG = System.getLogger("dev.calx.audit");

  private AuditLog() {}

  static void record(Session session, String action, String name, String moduleSha256) {
    LOG.log(Level.INFO, "user={0} action=\"{1}\" name={2} module_sha256={3}", session.user(),
        action, name, moduleSha256 == null ? "-" : moduleSha256);
  }

  static void refused(Session session, String action) {
    LOG.log(Level.WARNING, "user={0} action=\"{1}\" refused: not admin", session.user(), action);
  }
}
