package dev.calx.sql.jdbc;

import dev.calx.jdbc.CallStatement;
import dev.calx.jdbc.CalxDatabaseMetaData;
import dev.calx.jdbc.Release;
import dev.calx.sql.ConnectionTransaction;
import dev.calx.sql.Session;
import dev.calx.sql.schema.OrderedTables;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * Wraps Calcite's JDBC objects so that every call runs as the connection's {@link Session}, the
 * connection's
 * transaction methods act on its {@link ConnectionTransaction} (Calcite's own refuse them), a
 * statement's result reaches its caller only once what it committed is on disk, and every failure
 * passes through {@link SqlStates}; what the wrappers return is wrapped the same way, so no path
 * leads back to an unwrapped object.
 */
final class JdbcProxies {
  private JdbcProxies() {}

  /** What every wrapper of one connection shares. */
  record Scope(Database database, Session session, Connection calcite,
      ConnectionTransaction transaction) {}

  static Connection connection(Connection target, Scope scope, Runnable onClose) {
    return wrap(Connection.class, target, new Handler(target, null, scope) {
      @Override
      Object invokeTarget(Method method, Object[] args) throws Throwable {
        ConnectionTransaction transaction = scope.transaction();
        switch (method.getName()) {
          case "close":
            try {
              transaction.close();
            } finally {
              try {
                super.invokeTarget(method, args);
              } finally {
                onClose.run();
              }
            }
            return null;
          case "setAutoCommit":
            transaction.setAutoCommit((Boolean) args[0]);
            return null;
          case "getAutoCommit":
            return transaction.autoCommit();
          case "commit":
            transaction.commit();
            return null;
          case "rollback":
            if (args == null) {
              transaction.rollback();
            } else {
              transaction.rollback((Savepoint) args[0]);
            }
            return null;
          case "setSavepoint":
            return transaction.setSavepoint(args == null ? null : (String) args[0]);
          case "releaseSavepoint":
            transaction.release((Savepoint) args[0]);
            return null;
          case "setTransactionIsolation":
            transaction.setIsolation((Integer) args[0]);
            return null;
          case "getTransactionIsolation":
            return transaction.isolation();
          case "nativeSQL":
            // The JDBC escapes are Calx's own grammar: the text is native as it stands.
            return args[0];
          case "prepareStatement":
          case "prepareCall":
            return prepare(method, args);
          case "getMetaData":
            return CalxDatabaseMetaData.wrap(
                OrderedTables.over((DatabaseMetaData) super.invokeTarget(method, args)),
                (Connection) proxy(), "Calx embedded JDBC driver", Release.VERSION);
          default:
            return super.invokeTarget(method, args);
        }
      }

      private Object prepare(Method method, Object[] args) throws Throwable {
        boolean call = method.getName().equals("prepareCall");
        // A CALL is prepared like any statement; Calcite's own prepareCall refuses it.
        Method prepare = call
            ? Connection.class.getMethod("prepareStatement", method.getParameterTypes())
            : method;
        PreparedStatement ps = (PreparedStatement) super.invokeTarget(prepare, args);
        PreparedStatement wrapped =
            wrap(PreparedStatement.class, ps, new Handler(ps, proxy(), scope));
        return call
            ? CallStatement.over(wrapped, (String) args[0], (Connection) proxy()) : wrapped;
      }
    });
  }

  private static <T> T wrap(Class<T> type, Object target, Handler handler) {
    T proxy = type.cast(Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(),
        new Class<?>[] {type}, handler));
    handler.proxy = proxy;
    return proxy;
  }

  private static boolean isOurs(Object object) {
    return Proxy.isProxyClass(object.getClass())
        && Proxy.getInvocationHandler(object) instanceof Handler;
  }

  /** Rewrites, translates and wraps around one target object. */
  private static class Handler implements InvocationHandler {
    private final Object target;
    private final Object parent;
    private final Scope scope;
    private Object proxy;

    Handler(Object target, Object parent, Scope scope) {
      this.target = target;
      this.parent = parent;
      this.scope = scope;
    }

    Object proxy() {
      return proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw SqlStates.translate(e.getCause());
        }
      }
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> self == args[0];
          case "hashCode" -> System.identityHashCode(self);
          default -> "Calx " + target;
        };
      }
      // Only executing and preparing can run DDL, which asks for the session; sparing the
      // thread-local elsewhere keeps it off the per-row calls of result sets.
      String name = method.getName();
      Session.Scope session = name.startsWith("execute") || name.startsWith("prepare")
          ? scope.session().enter() : null;
      try {
        Object answer = wrapResult(method, invokeTarget(method, args));
        if (target instanceof Statement && name.startsWith("execute")) {
          // What the statement committed must be on disk before its client hears of it.
          scope.transaction().awaitDurable();
        }
        return answer;
      } catch (InvocationTargetException e) {
        throw SqlStates.translate(e.getCause());
      } catch (SQLException | RuntimeException e) {
        throw SqlStates.translate(e);
      } finally {
        if (session != null) {
          session.close();
        }
      }
    }

    Object invokeTarget(Method method, Object[] args) throws Throwable {
      return method.invoke(target, args);
    }

    private Object wrapResult(Method method, Object result) {
      if (result == null || isOurs(result)) {
        return result;
      }
      if (method.getName().equals("getConnection") || method.getName().equals("getStatement")) {
        return parent != null ? parent : result;
      }
      // By declared type, not runtime type: Calcite's prepared statement is also its own
      // ParameterMetaData, and a caller asking for that must not get a statement.
      Class<?> type = method.getReturnType();
      if (type == PreparedStatement.class || type == Statement.class
          || type == ResultSet.class) {
        return wrap(type, result, new Handler(result, proxy, scope));
      }
      return result;
    }
  }
}
