package dev.calx.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A view of the connection an open transaction is pinned to, whose {@code close} does nothing.
 * Calcite closes the connection of a query once its rows are read, reaching it from the result
 * set through {@code getStatement().getConnection()}; so the statements and result sets of the
 * view lead back to the view, never to the pinned connection itself.
 */
final class PinnedConnection implements InvocationHandler {
  private final Object target;
  /** What {@code getConnection} or {@code getStatement} answers: the view one level up. */
  private final Object parent;
  private Object self;

  private PinnedConnection(Object target, Object parent) {
    this.target = target;
    this.parent = parent;
  }

  /** A view of {@code pinned} that statements may close without ending the transaction. */
  static Connection view(Connection pinned) {
    return wrap(Connection.class, pinned, null);
  }

  private static <T> T wrap(Class<T> type, Object target, Object parent) {
    PinnedConnection handler = new PinnedConnection(target, parent);
    T view = type.cast(Proxy.newProxyInstance(PinnedConnection.class.getClassLoader(),
        new Class<?>[] {type}, handler));
    handler.self = view;
    return view;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (target instanceof Connection && name.equals("close")) {
      return null;
    }
    if (name.equals("getConnection") || name.equals("getStatement")) {
      return parent;
    }
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "pinned " + target;
      };
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    Class<?> type = method.getReturnType();
    if (result != null && (type == Statement.class || type == PreparedStatement.class
        || type == CallableStatement.class || type == ResultSet.class)) {
      return wrap(type, result, self);
    }
    return result;
  }
}
