package dev.calx.sql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that only hands out connections: the JDBC log writer, login timeout and
 * wrapping, which nothing in Calx uses (HikariCP bounds its own waits, Calx logs through
 * {@code System.Logger}), answered once here for every such source.
 */
public interface ConnectionSource extends DataSource {
  @Override
  Connection getConnection() throws SQLException;

  /** Refused: the source's own credentials apply. */
  @Override
  default Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the source's own credentials apply");
  }

  @Override
  default PrintWriter getLogWriter() {
    return null;
  }

  @Override
  default void setLogWriter(PrintWriter out) {
    // nothing is logged through JDBC's log writer
  }

  @Override
  default void setLoginTimeout(int seconds) {
    // the pool's connection timeout applies
  }

  @Override
  default int getLoginTimeout() {
    return 0;
  }

  @Override
  default Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Calx logs through System.Logger");
  }

  @Override
  default <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  default boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
