package dev.calx.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLFeatureNotSupportedException;

/**
 * PLACEHOLDER until the lead's CallStatement lands (that file replaces this one): a
 * {@link CallableStatement} over a prepared {@code CALL} that supports only what a
 * {@link PreparedStatement} does.
 */
public final class CallStatement {
  private CallStatement() {}

  /** A callable statement over {@code prepared}, whose {@code getConnection()} is {@code owner}. */
  public static CallableStatement over(PreparedStatement prepared, Connection owner) {
    return (CallableStatement) Proxy.newProxyInstance(CallStatement.class.getClassLoader(),
        new Class<?>[] {CallableStatement.class}, (self, method, args) -> {
          if (method.getName().equals("getConnection")) {
            return owner;
          }
          if (method.getDeclaringClass() == CallableStatement.class) {
            throw new SQLFeatureNotSupportedException("CallableStatement." + method.getName());
          }
          try {
            return method.invoke(prepared, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
