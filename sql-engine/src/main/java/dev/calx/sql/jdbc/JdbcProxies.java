package dev.calx.sql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;

/**
 * Wraps Calcite's JDBC objects so that every statement text passes through {@link CallRewriter}
 * and every failure through {@link SqlStates}; what the wrappers return is wrapped the same way,
 * so no path leads back to an unwrapped object.
 */
final class JdbcProxies {
  private static final Set<String> TAKES_SQL = Set.of("execute", "executeQuery",
      "executeUpdate", "executeLargeUpdate", "addBatch", "prepareStatement", "prepareCall");

  private JdbcProxies() {}

  static Connection connection(Connection target, Runnable onClose) {
    return wrap(Connection.class, target, new Handler(target, null) {
      @Override
      Object invokeTarget(Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close")) {
          try {
            return super.invokeTarget(method, args);
          } finally {
            onClose.run();
          }
        }
        if (method.getName().equals("prepareCall")) {
          Method prepare = Connection.class.getMethod("prepareStatement",
              method.getParameterTypes());
          PreparedStatement ps = (PreparedStatement) super.invokeTarget(prepare, args);
          return wrap(CallableStatement.class, ps, new Handler(ps, proxy()));
        }
        return super.invokeTarget(method, args);
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
    private Object proxy;

    Handler(Object target, Object parent) {
      this.target = target;
      this.parent = parent;
    }

    Object proxy() {
      return proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
        return method.invoke(target, args);
      }
      if (args != null && args.length > 0 && args[0] instanceof String sql
          && TAKES_SQL.contains(method.getName())) {
        args[0] = CallRewriter.rewrite(sql);
      }
      try {
        return wrapResult(method, invokeTarget(method, args));
      } catch (InvocationTargetException e) {
        throw SqlStates.translate(e.getCause());
      }
    }

    Object invokeTarget(Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == CallableStatement.class) {
        throw new SQLFeatureNotSupportedException("CallableStatement." + method.getName()
            + " is not supported; a CALL returns its result as a one-row result set");
      }
      return method.invoke(target, args);
    }

    private Object wrapResult(Method method, Object result) {
      if (result == null || isOurs(result)) {
        return result;
      }
      if (method.getName().equals("getConnection") || method.getName().equals("getStatement")) {
        return parent != null ? parent : result;
      }
      if (result instanceof PreparedStatement ps) {
        return wrap(PreparedStatement.class, ps, new Handler(ps, proxy));
      }
      if (result instanceof Statement s) {
        return wrap(Statement.class, s, new Handler(s, proxy));
      }
      if (result instanceof ResultSet rs) {
        return wrap(ResultSet.class, rs, new Handler(rs, proxy));
      }
      if (result instanceof DatabaseMetaData md) {
        return wrap(DatabaseMetaData.class, md, new Handler(md, proxy));
      }
      return result;
    }
  }
}
