package dev.calx.sql.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.calx.sql.CommitBarrier;
import dev.calx.sql.ConnectionTransaction;
import dev.calx.sql.EngineSettings;
import dev.calx.sql.Session;
import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.exec.CalxParserFactory;
import dev.calx.sql.exec.RoutineDefinitions;
import dev.calx.sql.pipeline.CalxPrepare;
import dev.calx.sql.pipeline.PlanCache;
import dev.calx.sql.pipeline.StatementPipeline;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
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
   * Connections to the embedded database at most. Each open transaction holds one until it ends,
   * and each running auto-commit statement over tables holds one while its result set is open;
   * a statement that finds none free waits up to {@link #POOL_WAIT_MS}, then fails with 53300.
   */
  private static final int POOL_SIZE = 32;
  /** How long a statement waits for a free connection to the embedded database, in ms. */
  private static final long POOL_WAIT_MS = 10_000;
  private static final Map<String, Database> OPEN = new ConcurrentHashMap<>();

  private final String key;
  private final boolean privateDatabase;
  private final HikariDataSource h2;
  private final ProcedureCatalog catalog;
  private final CalxSchema schema;
  private final SysSchema sys;
  /** Calcite's driver, preparing this database's statements through its pipeline. */
  private final Driver calcite;
  private final AtomicInteger connections = new AtomicInteger();
  private final CommitBarrier barrier;
  /** The transactions of the open connections, which a storage failure ends. */
  private final Set<ConnectionTransaction> transactions;

  private Database(String key, boolean privateDb, HikariDataSource h2, ProcedureCatalog catalog,
      CalxSchema schema, Set<ConnectionTransaction> transactions) {
    this.key = key;
    this.privateDatabase = privateDb;
    this.h2 = h2;
    this.catalog = catalog;
    this.schema = schema;
    PlanCache plans = new PlanCache(schema.settings().planCacheEntries(),
        schema.settings().planCacheBytes());
    StatementPipeline pipeline = new StatementPipeline(catalog, plans,
        names -> schema.forgetTables());
    this.sys = new SysSchema(catalog, pipeline.statistics());
    this.calcite = new EngineDriver(() -> new CalxPrepare(pipeline));
    this.barrier = key.startsWith("mem:") ? CommitBarrier.NONE : CommitBarrier.forFiles();
    this.transactions = transactions;
  }

  /**
   * The database at a location, opened on first use.
   *
   * @param location a data directory, {@code mem:} for a private in-memory database, or {@code
   *     mem:NAME} for one shared by name within the process
   */
  public static Database open(String location, Path moduleDirectory) throws SQLException {
    return open(location, moduleDirectory, UnaryOperator.identity());
  }

  /**
   * The database at a location, opened on first use with settings other than the defaults; a
   * database already open keeps the settings it was opened with.
   *
   * @param settings turns the defaults into the settings to open with
   */
  public static Database open(String location, Path moduleDirectory,
      UnaryOperator<EngineSettings> settings) throws SQLException {
    if (location.equals("mem:")) {
      return create("mem:" + UUID.randomUUID(), true, moduleDirectory, settings);
    }
    String key = location.startsWith("mem:")
        ? location : Path.of(location).toAbsolutePath().normalize().toString();
    synchronized (OPEN) {
      Database db = OPEN.get(key);
      if (db == null) {
        db = create(key, false, moduleDirectory, settings);
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

  private static Database create(String key, boolean privateDb, Path moduleDirectory,
      UnaryOperator<EngineSettings> tuning) throws SQLException {
    boolean memory = key.startsWith("mem:");
    Path dataDir = memory ? Path.of(".") : Path.of(key);
    EngineSettings settings = tuning.apply(EngineSettings.defaults(dataDir));
    if (moduleDirectory != null) {
      settings = settings.withModuleDirectory(moduleDirectory);
    }
    String url = memory
        ? "jdbc:h2:mem:calx-" + key.substring(4) + ";DB_CLOSE_DELAY=-1"
        // WRITE_DELAY=0: H2 writes each commit to the file before the commit returns, so an
        // acknowledged commit survives the process being killed (docs/operations.md).
        : "jdbc:h2:file:" + dataDir.resolve("calx") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    if (!memory) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new SQLException("cannot create data directory " + dataDir + ": " + e, "58030", e);
      }
    }
    Set<ConnectionTransaction> transactions = ConcurrentHashMap.newKeySet();
    HikariDataSource h2 = pool(url, key, transactions);
    try {
      ProcedureCatalog catalog =
          ProcedureCatalog.open(h2, RoutineDefinitions.statementReader(settings));
      SchemaPlus anyRoot = CalciteSchema.createRootSchema(false).plus();
      return new Database(key, privateDb, h2, catalog,
          CalxSchema.create(anyRoot, h2, catalog, settings), transactions);
    } catch (SQLException | RuntimeException e) {
      h2.close();
      throw e;
    }
  }

  private static HikariDataSource pool(String url, String key,
      Set<ConnectionTransaction> transactions) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("sa");
    config.setPassword("");
    config.setPoolName("calx-h2-" + Math.abs(key.hashCode()));
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(POOL_WAIT_MS);
    StorageFailures failures = new StorageFailures(transactions);
    config.setExceptionOverride(failures);
    HikariDataSource pool = new HikariDataSource(config);
    failures.recoverWith(pool);
    return pool;
  }

  /** The procedure catalog. */
  public ProcedureCatalog catalog() {
    return catalog;
  }

  /**
   * A new connection: Calcite over this database, Calx's parser, CALL and SQLSTATEs.
   *
   * @param session who the connection acts for
   */
  public Connection connect(Session session) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("parserFactory", CalxParserFactory.class.getName() + "#FACTORY");
    Connection calcite = this.calcite.connect("jdbc:calcite:", properties);
    SchemaPlus root = calcite.unwrap(CalciteConnection.class).getRootSchema();
    ConnectionTransaction transaction = new ConnectionTransaction(h2, barrier);
    // Calcite's own schema cache stays off: CalxSchema caches table metadata itself, and
    // forgets it when DDL changes a table, which Calcite's cache would not. Calcite turns off
    // only the caches that exist when told to, and makes the one of the table names (which
    // DatabaseMetaData reads) at first use; so it is made first, which reads nothing yet.
    SchemaPlus publicSchema = root.add(CalxSchema.NAME, schema.forConnection(transaction));
    publicSchema.unwrap(CalciteSchema.class).tables();
    publicSchema.setCacheEnabled(false);
    root.add(SysSchema.NAME, sys);
    // Set after the schema exists: Calcite drops a "schema" property naming a schema it lacks.
    calcite.setSchema(CalxSchema.NAME);
    connections.incrementAndGet();
    transactions.add(transaction);
    return JdbcProxies.connection(calcite,
        new JdbcProxies.Scope(this, session, calcite, transaction),
        () -> connectionClosed(transaction));
  }

  private void connectionClosed(ConnectionTransaction transaction) {
    transactions.remove(transaction);
    if (connections.decrementAndGet() == 0 && privateDatabase) {
      close();
    }
  }

  /** Closes the database; connections still open fail from now on. */
  @Override
  public void close() {
    OPEN.remove(key, this);
    catalog.close();
    // SHUTDOWN closes the database now, on this thread: an in-memory one would outlive its
    // connections (DB_CLOSE_DELAY=-1), and a file one would close only when HikariCP's own
    // thread closes its last connection, which a process exiting right after this may cut short,
    // leaving a file that H2 2.5.252 has been seen to refuse to open again.
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // already closed, e.g. by a storage failure: nothing left to write
    }
    h2.close();
  }
}
