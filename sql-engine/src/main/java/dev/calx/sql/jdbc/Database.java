package dev.calx.sql.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.calx.sql.EngineSettings;
import dev.calx.sql.Session;
import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.exec.CalxParserFactory;
import dev.calx.sql.exec.RoutineDefinitions;
import dev.calx.sql.plan.CalxPrograms;
import dev.calx.sql.schema.CalxSchema;
import dev.calx.sql.system.SysSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;

/**
 * One open Calx database: the embedded H2 database of a data directory (or of memory), pooled by
 * HikariCP, its procedure catalog, and the schema every connection to it shares. Opened once per
 * process and location; {@link #close} releases it.
 */
public final class Database implements AutoCloseable {
  /**
   * Connections to the embedded database at most. Each running query over its tables holds one
   * while its result set is open, so this bounds the statements that can read tables at once;
   * the others wait up to HikariCP's connection timeout (30 s), then fail.
   */
  private static final int POOL_SIZE = 32;
  private static final Map<String, Database> OPEN = new ConcurrentHashMap<>();
  private static final Driver CALCITE = new Driver();

  static {
    CalxPrograms.install();
  }

  private final String key;
  private final boolean privateDatabase;
  private final HikariDataSource h2;
  private final ProcedureCatalog catalog;
  private final CalxSchema schema;
  private final SysSchema sys;
  private final AtomicInteger connections = new AtomicInteger();

  private Database(String key, boolean privateDb, HikariDataSource h2, ProcedureCatalog catalog,
      CalxSchema schema) {
    this.key = key;
    this.privateDatabase = privateDb;
    this.h2 = h2;
    this.catalog = catalog;
    this.schema = schema;
    this.sys = new SysSchema(catalog);
  }

  /**
   * The database at a location, opened on first use.
   *
   * @param location a data directory, {@code mem:} for a private in-memory database, or {@code
   *     mem:NAME} for one shared by name within the process
   */
  public static Database open(String location, Path moduleDirectory) throws SQLException {
    if (location.equals("mem:")) {
      return create("mem:" + UUID.randomUUID(), true, moduleDirectory);
    }
    String key = location.startsWith("mem:")
        ? location : Path.of(location).toAbsolutePath().normalize().toString();
    synchronized (OPEN) {
      Database db = OPEN.get(key);
      if (db == null) {
        db = create(key, false, moduleDirectory);
        OPEN.put(key, db);
      } else if (moduleDirectory != null && !moduleDirectory.toAbsolutePath().normalize()
          .equals(db.schema.settings().moduleDirectory().toAbsolutePath().normalize())) {
        throw new SQLException("database " + location + " is open with module directory "
            + db.schema.settings().moduleDirectory() + "; a connection cannot change it to "
            + moduleDirectory, "08001");
      }
      return db;
    }
  }

  private static Database create(String key, boolean privateDb, Path moduleDirectory)
      throws SQLException {
    boolean memory = key.startsWith("mem:");
    Path dataDir = memory ? Path.of(".") : Path.of(key);
    EngineSettings settings = EngineSettings.defaults(dataDir);
    if (moduleDirectory != null) {
      settings = settings.withModuleDirectory(moduleDirectory);
    }
    String url = memory
        ? "jdbc:h2:mem:calx-" + key.substring(4) + ";DB_CLOSE_DELAY=-1"
        : "jdbc:h2:file:" + dataDir.resolve("calx") + ";DB_CLOSE_ON_EXIT=FALSE";
    if (!memory) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new SQLException("cannot create data directory " + dataDir + ": " + e, "58030", e);
      }
    }
    HikariDataSource h2 = pool(url, key);
    try {
      ProcedureCatalog catalog =
          ProcedureCatalog.open(h2, RoutineDefinitions.statementReader(settings));
      SchemaPlus anyRoot = CalciteSchema.createRootSchema(false).plus();
      return new Database(key, privateDb, h2, catalog,
          CalxSchema.create(anyRoot, h2, catalog, settings));
    } catch (SQLException | RuntimeException e) {
      h2.close();
      throw e;
    }
  }

  private static HikariDataSource pool(String url, String key) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("sa");
    config.setPassword("");
    config.setPoolName("calx-h2-" + Math.abs(key.hashCode()));
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  /** The procedure catalog. */
  public ProcedureCatalog catalog() {
    return catalog;
  }

  /** The embedded database. */
  DataSource dataSource() {
    return h2;
  }

  /**
   * A new connection: Calcite over this database, Calx's parser, CALL and SQLSTATEs.
   *
   * @param session who the connection acts for
   */
  public Connection connect(Session session) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("parserFactory", CalxParserFactory.class.getName() + "#FACTORY");
    Connection calcite = CALCITE.connect("jdbc:calcite:", properties);
    SchemaPlus root = calcite.unwrap(CalciteConnection.class).getRootSchema();
    SchemaPlus publicSchema = root.add(CalxSchema.NAME, schema);
    publicSchema.setCacheEnabled(false);
    root.add(SysSchema.NAME, sys);
    // Set after the schema exists: Calcite drops a "schema" property naming a schema it lacks.
    calcite.setSchema(CalxSchema.NAME);
    connections.incrementAndGet();
    return JdbcProxies.connection(calcite, new JdbcProxies.Scope(this, session, calcite),
        this::connectionClosed);
  }

  private void connectionClosed() {
    if (connections.decrementAndGet() == 0 && privateDatabase) {
      close();
    }
  }

  /** Closes the database; connections still open fail from now on. */
  @Override
  public void close() {
    OPEN.remove(key, this);
    catalog.close();
    if (key.startsWith("mem:")) {
      // An in-memory database outlives its connections (DB_CLOSE_DELAY=-1) until told to go.
      try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        // already gone: nothing to free
      }
    }
    // A file database closes cleanly, flushing everything, when its last connection closes.
    h2.close();
  }
}
