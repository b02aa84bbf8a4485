package dev.calx.sql.jdbc;

import dev.calx.sql.Session;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The embedded driver: {@code jdbc:calx:<data directory>[;key=value...]}, {@code jdbc:calx:mem:}
 * for a private in-memory database, {@code jdbc:calx:mem:NAME} for one shared by name in the
 * process. Keys (in the URL or as connection properties): {@code modules}, the directory
 * {@code FROM FILE} reads below (default {@code <data directory>/modules}); {@code calx.user} and
 * {@code calx.role}, see {@link Session}.
 */
public final class CalxDriver implements Driver {
  /** The URL prefix this driver accepts. */
  public static final String PREFIX = "jdbc:calx:";

  static {
    try {
      DriverManager.registerDriver(new CalxDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties properties = new Properties();
    if (info != null) {
      properties.putAll(info);
    }
    String[] parts = url.substring(PREFIX.length()).split(";");
    String location = parts[0].strip();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0) {
        throw new SQLException("bad URL option '" + parts[i] + "': expected key=value", "08001");
      }
      properties.setProperty(parts[i].substring(0, eq).strip(), parts[i].substring(eq + 1));
    }
    if (location.isEmpty()) {
      location = properties.getProperty("data", "");
    }
    if (location.isEmpty()) {
      throw new SQLException("no data directory: use jdbc:calx:<directory> or jdbc:calx:mem:",
          "08001");
    }
    String modules = properties.getProperty("modules");
    Session session = Session.of(properties);
    return Database.open(location, modules == null ? null : Path.of(modules)).connect(session);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo modules = new DriverPropertyInfo("modules", info.getProperty("modules"));
    modules.description = "Directory that CREATE ... FROM FILE may read below";
    DriverPropertyInfo user = new DriverPropertyInfo(Session.USER_PROPERTY,
        info.getProperty(Session.USER_PROPERTY));
    user.description = "The user named in the audit log (default embedded)";
    DriverPropertyInfo role = new DriverPropertyInfo(Session.ROLE_PROPERTY,
        info.getProperty(Session.ROLE_PROPERTY));
    role.description = "admin (default) may CREATE and DROP; user may not";
    role.choices = new String[] {"admin", "user"};
    return new DriverPropertyInfo[] {modules, user, role};
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Calx logs through System.Logger");
  }
}
