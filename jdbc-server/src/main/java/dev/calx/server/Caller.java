package dev.calx.server;

import java.util.concurrent.Callable;

/**
 * Who sent the HTTP request being served: the authenticated user and whether they hold the
 * {@code admin} role. Avatica runs each request on one thread from authentication to the engine,
 * so the caller travels in a thread-local from {@link CallerBinding} to {@link CalxMeta}.
 *
 * @param user the authenticated user name, recorded in the audit log
 * @param admin whether the user may CREATE and DROP procedures and tables
 */
public record Caller(String user, boolean admin) {
  /** Role that may change the schema. */
  public static final String ADMIN_ROLE = "admin";
  /** Role that may call procedures, query and write data. */
  public static final String USER_ROLE = "user";

  /**
   * The caller of a server without authentication: anyone who can reach the port. Such a server
   * trusts its network, as the embedded driver trusts its process.
   */
  public static final Caller ANONYMOUS = new Caller("anonymous", true);

  private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

  /** The caller of the request on this thread; {@link #ANONYMOUS} when none is authenticated. */
  public static Caller current() {
    Caller caller = CURRENT.get();
    return caller == null ? ANONYMOUS : caller;
  }

  /** Runs {@code action} as this caller. */
  public <T> T run(Callable<T> action) throws Exception {
    Caller previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return action.call();
    } finally {
      CURRENT.set(previous);
    }
  }
}
