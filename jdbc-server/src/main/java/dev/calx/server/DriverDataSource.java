package dev.calx.server;

import dev.calx.sql.ConnectionSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The connections one {@link Driver} opens to one URL: what HikariCP pools for an attached
 * database, whose driver {@link JdbcDrivers} found.
 */
final class DriverDataSource implements ConnectionSource {
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
}
