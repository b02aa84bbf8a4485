package dev.calx.server.frameworks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.calx.server.CalxServer;
import dev.calx.server.ServerConfig;
import dev.calx.server.ServerSetting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The databases of one test class: two in-memory servers on free ports, protobuf and json, that
 * require HTTP BASIC authentication, and embedded in-memory databases; each test takes a HikariCP
 * pool, as applications connect, over a database reset to the {@link SampleSchema}.
 */
final class Databases implements BeforeAllCallback, AfterAllCallback {
  /** The user every connection authenticates as; an admin, so that tests may run DDL. */
  static final String USER = "alice";
  private static final String PASSWORD = "s3cret";
  private static final String CLIENT_DRIVER = "dev.calx.client.CalxClientDriver";
  private static final AtomicInteger EMBEDDED_DATABASES = new AtomicInteger();

  private final Map<Serialization, CalxServer> servers = new EnumMap<>(Serialization.class);
  private Path users;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException, SQLException {
    users = Files.writeString(Files.createTempFile("calx-users", ".properties"),
        USER + ": " + PASSWORD + ",admin\n");
    for (Serialization serialization : Serialization.values()) {
      servers.put(serialization, CalxServer.start(ServerConfig.of(Map.of(
          ServerSetting.PORT, "0",
          ServerSetting.DATA, "mem:",
          ServerSetting.SERIALIZATION, serialization.name().toLowerCase(Locale.ROOT),
          ServerSetting.AUTH, users.toString()))));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    servers.values().forEach(CalxServer::close);
    servers.clear();
    Files.deleteIfExists(users);
  }

  /** A pool of {@code kind} connections, authenticated as {@link #USER}, on the sample schema. */
  HikariDataSource pool(DriverKind kind) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setPoolName("frameworks-" + kind);
    config.setMaximumPoolSize(3);
    // An embedded named database lives while a connection to it is open: keep one open.
    config.setMinimumIdle(1);
    Serialization serialization = kind.serialization();
    switch (kind) {
      case EMBEDDED -> config.setJdbcUrl("jdbc:calx:mem:frameworks_"
          + EMBEDDED_DATABASES.incrementAndGet() + ";calx.user=" + USER);
      case AVATICA_PROTOBUF, AVATICA_JSON -> config.setJdbcUrl(servers.get(serialization).jdbcUrl()
          + ";authentication=BASIC;avatica_user=" + USER + ";avatica_password=" + PASSWORD);
      case CLIENT_PROTOBUF, CLIENT_JSON -> {
        String url = "jdbc:calx://127.0.0.1:" + servers.get(serialization).port()
            + (serialization == Serialization.JSON ? ";serialization=json" : "");
        // Resolved as DriverManager does for an application that names no driver class; asked
        // before connecting, so that another driver claiming the URL opens nothing.
        assertEquals(CLIENT_DRIVER, DriverManager.getDriver(url).getClass().getName(),
            url + " reaches the client driver");
        config.setJdbcUrl(url);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
      }
    }
    HikariDataSource pool = new HikariDataSource(config);
    try (Connection c = pool.getConnection()) {
      SampleSchema.reset(c);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
    return pool;
  }
}
