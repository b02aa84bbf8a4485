package dev.calx.sql.jdbc;

import dev.calx.sql.EngineSettings;
import dev.calx.sql.Session;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The embedded driver: {@code jdbc:calx:<data directory>[;key=value...]}, {@code jdbc:calx:mem:}
 * for a private in-memory database, {@code jdbc:calx:mem:NAME} for one shared by name in the
 * process. Keys (in the URL or as connection properties): {@code modules}, the directory
 * {@code FROM FILE} reads below (default {@code <data directory>/modules}); {@code calx.user} and
 * {@code calx.role}, see {@link Session}; {@link #PLAN_CACHE_SIZE} and {@link
 * #PLAN_CACHE_MEMORY}. Settings of the database itself take effect when the first connection
 * opens it.
 */
public final class CalxDriver implements Driver {
  /** The URL prefix this driver accepts. */
  public static final String PREFIX = "jdbc:calx:";
  /** Key of the most plans the database's plan cache keeps; 0 turns it off; default 1000. */
  public static final String PLAN_CACHE_SIZE = "plan_cache_size";
  /** Key of the most memory the plan cache may take (64m, 512k, bytes); default 64m. */
  public static final String PLAN_CACHE_MEMORY = "plan_cache_memory";

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
    UnaryOperator<EngineSettings> settings = planCache(properties);
    return Database.open(location, modules == null ? null : Path.of(modules), settings)
        .connect(session);
  }

  /** The plan cache bounds of {@link #PLAN_CACHE_SIZE} and {@link #PLAN_CACHE_MEMORY}. */
  private static UnaryOperator<EngineSettings> planCache(Properties properties)
      throws SQLException {
    String size = properties.getProperty(PLAN_CACHE_SIZE);
    String memory = properties.getProperty(PLAN_CACHE_MEMORY);
    if (size == null && memory == null) {
      return UnaryOperator.identity();
    }
    try {
      int entries = size == null
          ? EngineSettings.DEFAULT_PLAN_CACHE_ENTRIES : Integer.parseInt(size.strip());
      long bytes = memory == null
          ? EngineSettings.DEFAULT_PLAN_CACHE_BYTES : EngineSettings.bytes(memory);
      EngineSettings.defaults(Path.of(".")).withPlanCache(entries, bytes); // refuses bad bounds
      return s -> s.withPlanCache(entries, bytes);
    } catch (IllegalArgumentException e) {
      throw new SQLException("bad " + PLAN_CACHE_SIZE + " '" + size + "' or "
          + PLAN_CACHE_MEMORY + " '" + memory + "': " + e.getMessage(), "08001", e);
    }
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
    DriverPropertyInfo plans = new DriverPropertyInfo(PLAN_CACHE_SIZE,
        info.getProperty(PLAN_CACHE_SIZE));
    plans.description = "The most plans the plan cache keeps; 0 turns it off (default 1000)";
    DriverPropertyInfo memory = new DriverPropertyInfo(PLAN_CACHE_MEMORY,
        info.getProperty(PLAN_CACHE_MEMORY));
    memory.description = "The most memory the plan cache may take (default 64m)";
    return new DriverPropertyInfo[] {modules, user, role, plans, memory};
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
