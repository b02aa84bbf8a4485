package dev.calx.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/** A Calx server on a free port of the loopback interface, and clients of it over real HTTP. */
final class TestServer implements AutoCloseable {
  private final CalxServer server;

  private TestServer(CalxServer server) {
    this.server = server;
  }

  static TestServer start(Serialization serialization, Path data) throws SQLException {
    return start(serialization, data, Map.of());
  }

  static TestServer start(Serialization serialization, Path data,
      Map<ServerSetting, String> more) throws SQLException {
    Map<ServerSetting, String> settings = new EnumMap<>(ServerSetting.class);
    settings.put(ServerSetting.PORT, "0");
    settings.put(ServerSetting.DATA, data.toString());
    settings.put(ServerSetting.SERIALIZATION, serialization.name().toLowerCase(Locale.ROOT));
    settings.putAll(more);
    return new TestServer(CalxServer.start(ServerConfig.of(settings)));
  }

  String url() {
    return server.jdbcUrl();
  }

  /** The URL of the client driver, {@code jdbc:calx://127.0.0.1:port}, for this server. */
  String clientUrl() {
    return server.clientUrl();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  Connection connect(Properties properties) throws SQLException {
    return DriverManager.getConnection(url(), properties);
  }

  /** A connection authenticated with HTTP BASIC. */
  Connection connect(String user, String password) throws SQLException {
    return DriverManager.getConnection(url() + ";authentication=BASIC;avatica_user=" + user
        + ";avatica_password=" + password);
  }

  /** The single value {@code sql} returns. */
  static Object single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new AssertionError("no row from " + sql);
      }
      Object value = rs.getObject(1);
      if (rs.next()) {
        throw new AssertionError("more than one row from " + sql);
      }
      return value;
    }
  }

  static void execute(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
