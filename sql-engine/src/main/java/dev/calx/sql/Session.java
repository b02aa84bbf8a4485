package dev.calx.sql;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * Who is acting: the user named in the audit log and whether they may change the schema. The
 * embedded driver reads both from connection properties; the JDBC server takes them from the
 * authenticated HTTP user, overriding whatever the client sent, and publishes that user's session
 * for each request it serves.
 *
 * @param user the name recorded in the audit log
 * @param admin whether CREATE and DROP of procedures and tables are allowed
 */
public record Session(String user, boolean admin) {
  /** Connection property naming the user for the audit log; default {@code embedded}. */
  public static final String USER_PROPERTY = "calx.user";
  /** Connection property {@code admin} (the default) or {@code user}. */
  public static final String ROLE_PROPERTY = "calx.role";
  /** Role that may change the schema. */
  public static final String ADMIN_ROLE = "admin";
  /** Role that may call procedures, query and write data. */
  public static final String USER_ROLE = "user";

  /**
   * The name under which a statement's data context answers the session it executes for, which
   * the code of a routine call reads to run the routine's SQL as the caller.
   */
  public static final String CONTEXT_VARIABLE = "calx.session";

  private static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();

  /** The session described by connection properties. */
  public static Session of(Properties properties) throws SQLException {
    String user = properties.getProperty(USER_PROPERTY, "embedded");
    String role = properties.getProperty(ROLE_PROPERTY, ADMIN_ROLE).strip()
        .toLowerCase(Locale.ROOT);
    return switch (role) {
      case ADMIN_ROLE -> new Session(user, true);
      case USER_ROLE -> new Session(user, false);
      default -> throw new SQLException("bad " + ROLE_PROPERTY + " '" + role
          + "': expected admin or user", "08001");
    };
  }

  /**
   * The session of the statement or request running on this thread. DDL runs inside Calcite's
   * prepare, which cannot carry it, so the JDBC layer publishes it here for the duration of each
   * statement call; the JDBC server publishes the requester's for each request.
   */
  public static Session current() {
    Session session = CURRENT.get();
    // Nothing should run outside a connection's session; if something does, it may not change
    // the schema.
    return session == null ? new Session("unknown", false) : session;
  }

  /** Publishes this session to {@link #current} until the returned scope is closed. */
  public Scope enter() {
    Session previous = CURRENT.get();
    CURRENT.set(this);
    return () -> CURRENT.set(previous);
  }

  /** The extent of {@link #enter}; closing it restores the previous session. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
