package dev.calx.client;

import dev.calx.jdbc.CalxDatabaseMetaData;
import dev.calx.jdbc.CallStatement;
import dev.calx.jdbc.Release;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Wraps the JDBC objects of Avatica's remote driver so that {@code prepareCall} and savepoints
 * work, the metadata is Calx's, every failure passes through {@link RemoteSqlStates}, and
 * {@code getConnection()} / {@code getStatement()} lead back to the wrappers; what the wrappers
 * return is wrapped the same way.
 */
final class ClientProxies {
  /** What {@code DatabaseMetaData.getDriverName()} answers. */
  static final String DRIVER_NAME = "Calx JDBC client";

  private ClientProxies() {}

  /** The client driver's connection over Avatica's {@code target}. */
  static Connection connection(Connection target) {
    return wrap(Connection.class, target, new Handler(null) {
      private int nextSavepointId = 1;

      @Override
      Object invokeTarget(Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
          // Avatica's client refuses JDBC savepoints; the server's SQL ones do the same.
          case "setSavepoint":
            return SqlSavepoint.set((Connection) proxy(), nextSavepointId++,
                args == null ? null : (String) args[0]);
          case "rollback":
            if (args == null) {
              return super.invokeTarget(method, args);
            }
            ours(args[0]).run((Connection) proxy(), "ROLLBACK TO SAVEPOINT ");
            return null;
          case "releaseSavepoint":
            ours(args[0]).run((Connection) proxy(), "RELEASE SAVEPOINT ");
            return null;
          case "nativeSQL":
            // The JDBC escapes are the server's own grammar: the text is native as it stands.
            return args[0];
          case "prepareCall":
            // Avatica's client refuses prepareCall; a CALL prepares like any statement.
            PreparedStatement prepared = (PreparedStatement) invoke(proxy(),
                Connection.class.getMethod("prepareStatement", method.getParameterTypes()),
                args);
            return CallStatement.over(prepared, (String) args[0], (Connection) proxy());
          case "getMetaData":
            DatabaseMetaData avatica = wrap(DatabaseMetaData.class,
                super.invokeTarget(method, args), new Handler(proxy()));
            return CalxDatabaseMetaData.wrap(avatica, (Connection) proxy(), DRIVER_NAME,
                Release.VERSION);
          case "close":
            try {
              return super.invokeTarget(method, args);
            } catch (InvocationTargetException e) {
              // A connection whose server is gone is closed already: nothing is left there.
              if (!"08006".equals(RemoteSqlStates.translate(e.getCause(), false).getSQLState())) {
                throw e;
              }
              return null;
            }
          default:
            return super.invokeTarget(method, args);
        }
      }
    });
  }

  private static SqlSavepoint ours(Object savepoint) throws SQLException {
    if (savepoint instanceof SqlSavepoint s) {
      return s;
    }
    throw new SQLException("savepoint " + savepoint + " is not one of this connection's",
        "3B001");
  }

  private static <T> T wrap(Class<T> type, Object target, Handler handler) {
    handler.target = target;
    T proxy = type.cast(Proxy.newProxyInstance(ClientProxies.class.getClassLoader(),
        new Class<?>[] {type}, handler));
    handler.proxy = proxy;
    return proxy;
  }

  /** Translates failures and wraps results around one target object. */
  private static class Handler implements InvocationHandler {
    private Object target;
    private final Object parent;
    private Object proxy;

    Handler(Object parent) {
      this.parent = parent;
    }

    Object proxy() {
      return proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> self == args[0];
          case "hashCode" -> System.identityHashCode(self);
          default -> "Calx " + target;
        };
      }
      if (method.getName().equals("unwrap") && ((Class<?>) args[0]).isInstance(self)) {
        return self;
      }
      if (method.getName().equals("isWrapperFor") && ((Class<?>) args[0]).isInstance(self)) {
        return true;
      }
      try {
        return wrapResult(method, invokeTarget(method, args));
      } catch (InvocationTargetException e) {
        throw translated(method, e.getCause());
      } catch (SQLException | RuntimeException e) {
        throw translated(method, e);
      }
    }

    Object invokeTarget(Method method, Object[] args) throws Throwable {
      return method.invoke(target, args);
    }

    /** {@code thrown} as the caller should see it, if {@code method} may throw that. */
    private static Throwable translated(Method method, Throwable thrown) {
      SQLException translated = RemoteSqlStates.translate(thrown, false);
      boolean declared = Arrays.stream(method.getExceptionTypes())
          .anyMatch(type -> type.isInstance(translated));
      return declared ? translated : thrown;
    }

    private Object wrapResult(Method method, Object result) {
      if (result == null || Proxy.isProxyClass(result.getClass())) {
        return result;
      }
      if (method.getName().equals("getConnection")) {
        return parent;
      }
      if (method.getName().equals("getStatement")) {
        // A metadata query's rows have no statement of the application's.
        return parent instanceof Statement ? parent : null;
      }
      // By declared type, not runtime type: Avatica's statement is also its own
      // ParameterMetaData, and a caller asking for that must not get a statement.
      Class<?> type = method.getReturnType();
      if (type == PreparedStatement.class || type == Statement.class
          || type == ResultSet.class) {
        return wrap(type, result, new Handler(proxy));
      }
      return result;
    }
  }
}
