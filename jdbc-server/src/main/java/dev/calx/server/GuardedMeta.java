package dev.calx.server;

import dev.calx.sql.Session;
import dev.calx.sql.jdbc.SqlStates;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufMeta;

/**
 * Stands between Avatica's service and {@link CalxMeta} on every call. On a server without
 * authentication it runs the call in the {@link #ANONYMOUS} session (with authentication,
 * {@link CallerBinding} has already entered the requester's). It refuses a call on a
 * connection that another user opened (SQLSTATE 28000), and turns a failure into an
 * {@link AvaticaRuntimeException} carrying the SQLSTATE and message of the {@link SQLException}
 * behind it: Avatica's handler sends a client only the state and code of that exception type and
 * would otherwise report {@code 00000} and the whole wrapped stack of exception names.
 */
final class GuardedMeta implements InvocationHandler {
  private static final System.Logger LOG = System.getLogger(GuardedMeta.class.getName());

  /**
   * The session of every request to a server without authentication: anyone who can reach the
   * port. Such a server trusts its network, as the embedded driver trusts its process.
   */
  private static final Session ANONYMOUS = new Session("anonymous", true);

  private final CalxMeta target;
  private final boolean authenticated;

  private GuardedMeta(CalxMeta target, boolean authenticated) {
    this.target = target;
    this.authenticated = authenticated;
  }

  /**
   * A meta that behaves as {@code target} with the guards described above.
   *
   * @param authenticated whether {@link CallerBinding} authenticates the requests
   */
  static ProtobufMeta around(CalxMeta target, boolean authenticated) {
    return (ProtobufMeta) Proxy.newProxyInstance(GuardedMeta.class.getClassLoader(),
        new Class<?>[] {ProtobufMeta.class}, new GuardedMeta(target, authenticated));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Session.Scope anonymous = authenticated ? null : ANONYMOUS.enter();
    try {
      if (!method.getName().equals("openConnection")) {
        checkOwner(connectionId(args));
      }
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(method, e.getCause());
    } finally {
      if (anonymous != null) {
        anonymous.close();
      }
    }
  }

  private void checkOwner(String connectionId) {
    if (connectionId == null) {
      return;
    }
    String owner = target.owner(connectionId);
    if (owner != null && !owner.equals(Session.current().user())) {
      throw withoutServerFrames(new AvaticaRuntimeException("connection " + connectionId
          + " belongs to another user", 0, "28000", AvaticaSeverity.ERROR));
    }
  }

  private static String connectionId(Object[] args) {
    if (args != null) {
      for (Object arg : args) {
        if (arg instanceof Meta.ConnectionHandle ch) {
          return ch.id;
        }
        if (arg instanceof Meta.StatementHandle sh) {
          return sh.connectionId;
        }
      }
    }
    return null;
  }

  /**
   * The error as the client should see it: Avatica sends the exception's stack trace along, and the
   * server's frames tell a client nothing it needs and an attacker something it wants.
   */
  private static AvaticaRuntimeException withoutServerFrames(AvaticaRuntimeException e) {
    e.setStackTrace(new StackTraceElement[0]);
    return e;
  }

  /**
   * What the client should see of {@code thrown}. Avatica's own signals (no such statement or
   * connection, missing results) pass unchanged: the client reacts to them by reconnecting.
   * Everything else gets its SQLSTATE from the engine's {@link SqlStates}, the one translator of
   * both; an internal error, XX000, is logged here in full.
   */
  private static Throwable translate(Method method, Throwable thrown) {
    if (thrown instanceof AvaticaRuntimeException || thrown instanceof NoSuchConnectionException
        || !(thrown instanceof RuntimeException)) {
      return thrown;
    }
    SQLException sql = SqlStates.translate(thrown);
    if (sql.getSQLState().startsWith("XX")) {
      LOG.log(System.Logger.Level.WARNING, "internal error in " + method.getName(), thrown);
    }
    return withoutServerFrames(new AvaticaRuntimeException(String.valueOf(sql.getMessage()),
        sql.getErrorCode(), sql.getSQLState(), AvaticaSeverity.ERROR));
  }
}
