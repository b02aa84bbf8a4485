package dev.calx.sql.jdbc;

import dev.calx.client.CalxClientDriver;
import dev.calx.jdbc.ConnectionKey;
import dev.calx.sql.EngineSettings;
import dev.calx.sql.Session;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.apache.calcite.avatica.ConnectStringParser;

/**
 * The embedded driver: {@code jdbc:calx:<data directory>[;key=value...]}, {@code jdbc:calx:mem:}
 * for a private in-memory database, {@code jdbc:calx:mem:NAME} for one shared by name in the
 * process. Keys, in the URL (parsed by Avatica's {@code ConnectStringParser}, so values may be
 * quoted) or as connection properties, are the {@link DriverProperty} values; settings of the
 * database itself take effect when the first connection opens it.
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
    String rest = url.substring(PREFIX.length());
    int semicolon = rest.indexOf(';');
    String location = (semicolon < 0 ? rest : rest.substring(0, semicolon)).strip();
    if (semicolon >= 0) {
      Properties options = ConnectStringParser.parse(rest.substring(semicolon + 1));
      for (String key : options.stringPropertyNames()) {
        DriverProperty property = DriverProperty.of(key);
        if (property == null) {
          throw new SQLException("bad URL option '" + key + "': expected key=value with a key"
              + " of " + ConnectionKey.keys(DriverProperty.class), "08001");
        }
        // Under the key as the engine reads it: keys are case-insensitive in the URL.
        properties.setProperty(property.key(), options.getProperty(key));
      }
    }
    if (location.isEmpty()) {
      String data = DriverProperty.DATA.in(properties);
      location = data == null ? "" : data;
    }
    if (location.isEmpty()) {
      throw new SQLException("no data directory: use jdbc:calx:<directory> or jdbc:calx:mem:",
          "08001");
    }
    String modules = DriverProperty.MODULES.in(properties);
    Session session = Session.of(properties);
    UnaryOperator<EngineSettings> planCache = planCache(properties);
    UnaryOperator<EngineSettings> tableRows = maxTableRows(properties);
    UnaryOperator<EngineSettings> settings = s -> tableRows.apply(planCache.apply(s));
    return Database.open(location, modules == null ? null : Path.of(modules), settings)
        .connect(session);
  }

  /** The plan cache bounds the properties set, if they set any. */
  private static UnaryOperator<EngineSettings> planCache(Properties properties)
      throws SQLException {
    String size = DriverProperty.PLAN_CACHE_SIZE.in(properties);
    String memory = DriverProperty.PLAN_CACHE_MEMORY.in(properties);
    if (size == null && memory == null) {
      return UnaryOperator.identity();
    }
    try {
      int entries = size == null
          ? EngineSettings.DEFAULT_PLAN_CACHE_ENTRIES : EngineSettings.planCacheEntries(size);
      long bytes = memory == null
          ? EngineSettings.DEFAULT_PLAN_CACHE_BYTES : EngineSettings.planCacheBytes(memory);
      return s -> s.withPlanCache(entries, bytes);
    } catch (IllegalArgumentException e) {
      throw new SQLException("bad " + DriverProperty.PLAN_CACHE_SIZE.key() + " '" + size + "' or "
          + DriverProperty.PLAN_CACHE_MEMORY.key() + " '" + memory + "': " + e.getMessage(),
          "08001", e);
    }
  }

  /** The row cap of table functions the properties set, if they set one. */
  private static UnaryOperator<EngineSettings> maxTableRows(Properties properties)
      throws SQLException {
    String text = DriverProperty.MAX_TABLE_ROWS.in(properties);
    if (text == null) {
      return UnaryOperator.identity();
    }
    try {
      int rows = EngineSettings.maxTableRows(text);
      return s -> s.withMaxTableRows(rows);
    } catch (IllegalArgumentException e) {
      throw new SQLException("bad " + DriverProperty.MAX_TABLE_ROWS.key() + " '" + text + "': "
          + e.getMessage(), "08001", e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    // jdbc:calx://host:port is the client driver's.
    return url != null && url.startsWith(PREFIX) && !url.startsWith(CalxClientDriver.PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return Arrays.stream(DriverProperty.values()).map(p -> {
      DriverPropertyInfo property = p.info(info);
      if (p == DriverProperty.ROLE) {
        property.choices = new String[] {"admin", "user"};
      }
      return property;
    }).toArray(DriverPropertyInfo[]::new);
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
