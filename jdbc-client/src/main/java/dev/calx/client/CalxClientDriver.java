package dev.calx.client;

import dev.calx.jdbc.Release;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The client driver: {@code jdbc:calx://host:port[,host:port...][/][;key=value...]}, a Calx
 * server reached over HTTP through Avatica's remote driver. Keys, in the URL (parsed by
 * Avatica's {@code ConnectStringParser}, so values may be quoted) or as connection properties,
 * are the {@link ClientProperty} values. With several servers, a new connection goes to one of
 * them and tries the others if it does not answer; an open connection stays with its server.
 */
public final class CalxClientDriver implements Driver {
  /** The URL prefix this driver accepts. */
  public static final String PREFIX = ClientUrl.PREFIX;

  static {
    try {
      DriverManager.registerDriver(new CalxClientDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Not through DriverManager: the connection must come from Avatica's driver whatever else is
  // registered, and Avatica registers itself there anyway.
  private final org.apache.calcite.avatica.remote.Driver avatica =
      new org.apache.calcite.avatica.remote.Driver();

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    ClientUrl parsed = ClientUrl.parse(url, info);
    Connection connection;
    try {
      connection = avatica.connect(ClientUrl.AVATICA_URL, parsed.avatica());
    } catch (SQLException | RuntimeException e) {
      throw RemoteSqlStates.translate(e, true);
    }
    return ClientProxies.connection(connection);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return Arrays.stream(ClientProperty.values()).map(p -> {
      DriverPropertyInfo property = p.info(info);
      if (p == ClientProperty.SERIALIZATION) {
        property.choices = new String[] {"protobuf", "json"};
      }
      return property;
    }).toArray(DriverPropertyInfo[]::new);
  }

  @Override
  public int getMajorVersion() {
    return Release.major(Release.VERSION);
  }

  @Override
  public int getMinorVersion() {
    return Release.minor(Release.VERSION);
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Avatica's client logs through SLF4J");
  }
}
