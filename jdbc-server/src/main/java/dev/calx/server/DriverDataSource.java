package dev.calx.server;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections one {@link Driver} opens to one URL: what HikariCP pools for an attached
 * database, whose driver {@link JdbcDrivers} found.
 */
final class DriverDataSource implements DataSource {
  private final Driver driver;
  private final String url;

  DriverDataSource(Driver driver, String url) {
    this.driver = driver;
    this.url = url;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connect(new Properties());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    if (password != null) {
      credentials.setProperty("password", password);
    }
    return connect(credentials);
  }

  private Connection connect(Properties properties) throws SQLException {
    Connection connection = driver.connect(url, properties);
    if (connection == null) {
      throw new SQLException("the driver " + driver.getClass().getName()
          + " does not accept the URL", "08001");
    }
    return connection;
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Drivers log through their own loggers.
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // HikariCP bounds the wait for a connection itself (its connectionTimeout); a driver
    // property for it would have a different name in every driver.
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return driver.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
