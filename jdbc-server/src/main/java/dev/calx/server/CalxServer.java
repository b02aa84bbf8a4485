package dev.calx.server;

import dev.calx.sql.jdbc.CalxDriver;
import dev.calx.sql.jdbc.Database;
import dev.calx.wasm.GuestMemoryBudget;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HandlerFactory;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A running Calx server: the Avatica HTTP endpoint over one embedded database. {@link #close}
 * stops it in the order that leaves the data consistent: no new requests, then every client
 * connection closed, then the attached pools and the database shut down cleanly.
 */
public final class CalxServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CalxServer.class.getName());

  private final ServerConfig config;
  private final Database database;
  private final AttachedSchemas attached;
  private final CalxMeta meta;
  private final HttpServer http;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private CalxServer(ServerConfig config, Database database, AttachedSchemas attached,
      CalxMeta meta, HttpServer http) {
    this.config = config;
    this.database = database;
    this.attached = attached;
    this.meta = meta;
    this.http = http;
  }

  /**
   * Opens the database, attaches the model's databases and starts serving.
   *
   * @throws SQLException if the database cannot be opened
   * @throws IllegalArgumentException if the model cannot be attached
   * @throws RuntimeException if the port cannot be bound
   */
  public static CalxServer start(ServerConfig config) throws SQLException {
    // A private "mem:" database would be one per connection; the server's clients share one.
    String location = config.data().equals("mem:") ? "mem:calx-server-" + UUID.randomUUID()
        : config.inMemory() ? config.data()
        : Path.of(config.data()).toAbsolutePath().normalize().toString();
    // The budget is the process's: the heap it protects is too.
    GuestMemoryBudget.shared().resize(config.guestMemoryBytes());
    // Opened here, not at the first client, so that a bad data directory stops the start.
    Database database = Database.open(location, config.modules(), config::engineSettings);
    AttachedSchemas attached = AttachedSchemas.none();
    try {
      attached = config.model() == null ? attached : AttachedSchemas.load(config.model(),
          config.drivers());
      CalxMeta meta = new CalxMeta(CalxDriver.PREFIX + location, database, attached);
      LocalService service = new LocalService(GuardedMeta.around(meta, config.users() != null));
      HttpServer http = httpServer(config, service);
      http.start();
      CalxServer server = new CalxServer(config, database, attached, meta, http);
      LOG.log(System.Logger.Level.INFO, "serving {0} at {1}", location, server.jdbcUrl());
      return server;
    } catch (SQLException | RuntimeException e) {
      attached.close();
      database.close();
      throw e;
    }
  }

  private static HttpServer httpServer(ServerConfig config, LocalService service) {
    ServerCustomizer<Server> bind = server -> {
      for (Connector connector : server.getConnectors()) {
        ((ServerConnector) connector).setHost(config.bind());
      }
    };
    HttpServer.Builder<Server> builder = HttpServer.Builder.<Server>newBuilder()
        .withPort(config.port())
        .withServerCustomizers(List.of(bind), Server.class);
    if (config.users() == null) {
      return builder.withHandler(service, config.serialization()).build();
    }
    // The builder secures Jetty with BASIC; the handler, built with our configuration, learns
    // from it who each request's caller is.
    CallerBinding callers = new CallerBinding(config.users());
    return builder
        .withHandler(new HandlerFactory().getHandler(service, config.serialization(), callers))
        .withBasicAuthentication(callers.getHashLoginServiceProperties(),
            callers.getAllowedRoles())
        .build();
  }

  /** The port the server listens on (the chosen one if the configuration said 0). */
  public int port() {
    return http.getPort();
  }

  /** The URL a JDBC client connects to, with this server's serialization. */
  public String jdbcUrl() {
    return "jdbc:avatica:remote:url=http://" + address() + ";serialization="
        + config.serialization().name().toLowerCase(Locale.ROOT);
  }

  /** The URL of the Calx client driver for this server: {@code jdbc:calx://host:port}. */
  public String clientUrl() {
    String url = "jdbc:calx://" + address();
    return config.serialization() == Serialization.PROTOBUF ? url : url + ";serialization=json";
  }

  /** {@code host:port} as a URL writes it, an IPv6 address in brackets. */
  private String address() {
    String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
    return host + ":" + port();
  }

  /** The names of the schemas attached from the model. */
  public List<String> attachedSchemas() {
    return attached.names();
  }

  /** Waits until {@link #close} has finished, the database included. */
  public void join() throws InterruptedException {
    stopped.await();
  }

  /** Stops serving and closes the database; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      http.stop();
    } finally {
      try {
        meta.closeAllConnections();
      } finally {
        attached.close();
        database.close();
        stopped.countDown();
      }
    }
  }
}
