package dev.calx.sql.catalog;

import dev.calx.sql.SqlStateException;
import dev.calx.wasm.GuestModule;
import dev.calx.wasm.WasmFunction;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The procedures and functions of one database, shared by all its connections: every connection
 * sees a change as soon as the statement that made it returns.
 *
 * <p>Reads are lock-free map lookups. Changes are serialized by one lock, and each is written to
 * the {@link CatalogStore} before it is published in the map, so a change that failed to persist
 * was never visible. A replaced version stays callable by statements already running it, while
 * new statements and prepared statements get the new one.
 */
public final class ProcedureCatalog {
  private static final AtomicInteger VERSIONS = new AtomicInteger();
  /**
   * Every version created in this process, for the code of prepared statements: live versions
   * whole, retired ones as husks, so replacing a procedure often does not pile up modules.
   */
  private static final Map<Integer, Routine> BY_VERSION = new ConcurrentHashMap<>();

  private final CatalogStore store;
  private final Map<String, Routine> routines = new ConcurrentHashMap<>();
  private final Object changes = new Object();
  /** The numbers of every version this catalog published, to forget them at {@link #close}. */
  private final Set<Integer> versions = ConcurrentHashMap.newKeySet();

  private ProcedureCatalog(CatalogStore store) {
    this.store = store;
  }

  /**
   * Opens the catalog of a database: creates its tables if needed, converts a catalog stored by
   * an earlier release, and reads every definition, compiling none but the last one changed, on a
   * thread of its own (see {@link Routine}).
   *
   * @param legacy reads the CREATE statements an earlier release stored
   */
  public static ProcedureCatalog open(DataSource dataSource, StatementReader legacy)
      throws SQLException {
    CatalogStore store = new CatalogStore(dataSource);
    store.createTables();
    LegacyCatalog.convert(dataSource, legacy);
    ProcedureCatalog catalog = new ProcedureCatalog(store);
    for (RoutineDefinition definition : store.definitions()) {
      catalog.publish(new Routine(VERSIONS.incrementAndGet(), definition, null,
          new RoutineStats(), catalog));
    }
    catalog.routines.values().stream()
        .max(Comparator.comparing(r -> r.definition().updatedAt()))
        .ifPresent(Routine::compileInBackground);
    return catalog;
  }

  /** Reads the CREATE statements an earlier release stored, to convert them once. */
  @FunctionalInterface
  public interface StatementReader {
    /**
     * The definition a stored statement declares.
     *
     * @param statement the statement, with an empty module
     * @param moduleSha256 the SHA-256 of its module
     * @param moduleSize the size of its module, in bytes
     */
    RoutineDefinition definition(String statement, String moduleSha256, int moduleSize);
  }

  /** The live version of a name, or null. */
  public Routine get(String name) {
    return routines.get(name);
  }

  /** Every live procedure, in no particular order. */
  public Collection<Routine> all() {
    return List.copyOf(routines.values());
  }

  /** The names of the live procedures. */
  public Set<String> names() {
    return Set.copyOf(routines.keySet());
  }

  /** The statement that would recreate a live procedure, its module inline as hex. */
  public String recreateStatement(Routine routine) {
    return CreateStatement.of(routine.definition(), routine.module());
  }

  /**
   * The function of a definition read from the store: its module read and compiled.
   *
   * @throws SqlStateException with 58030 if the module cannot be read
   */
  WasmFunction compile(RoutineDefinition definition) {
    return definition.bind(GuestModule.fromBytes(storedModule(definition)));
  }

  /** The stored module of a definition. */
  byte[] storedModule(RoutineDefinition definition) {
    try {
      return store.module(definition.moduleSha256());
    } catch (SQLException e) {
      throw new SqlStateException(SqlStateException.IO_ERROR, "the module of "
          + definition.name() + " cannot be read from the catalog: " + e.getMessage(), e);
    }
  }

  /** Any version created in this process, live or retired, by its number. */
  public static Routine byVersion(int version) {
    return BY_VERSION.get(version);
  }

  /**
   * Creates or replaces a procedure. Its module is checked against the definition and compiled
   * under the catalog's lock, so that two CREATEs of one name cannot interleave.
   *
   * @return the new version, or the existing one when it exists and {@code ifNotExists}
   * @throws SqlStateException with 42710 if the name exists and neither flag is set
   */
  public Routine create(RoutineDefinition definition, GuestModule module, boolean orReplace,
      boolean ifNotExists) {
    synchronized (changes) {
      Routine existing = routines.get(definition.name());
      if (existing != null && !orReplace) {
        if (ifNotExists) {
          return existing;
        }
        throw new SqlStateException(SqlStateException.DUPLICATE_OBJECT,
            existing.definition().kind().name().toLowerCase(Locale.ROOT) + " "
                + definition.name() + " already exists; use CREATE OR REPLACE to replace it");
      }
      WasmFunction function = definition.bind(module);
      RoutineDefinition stored = existing == null ? definition
          : definition.at(existing.definition().createdAt(), definition.updatedAt());
      persist(() -> store.put(stored, module.bytes()), stored.name());
      Routine routine = new Routine(VERSIONS.incrementAndGet(), stored, function,
          existing == null ? new RoutineStats() : existing.stats(), this);
      publish(routine);
      if (existing != null) {
        retire(existing);
      }
      return routine;
    }
  }

  /**
   * Drops a procedure.
   *
   * @return the version dropped, or null if there was none
   * @throws SqlStateException with 42704 if it does not exist and not {@code ifExists}
   */
  public Routine drop(String name, boolean ifExists) {
    synchronized (changes) {
      Routine existing = routines.get(name);
      if (existing == null) {
        if (ifExists) {
          return null;
        }
        throw new SqlStateException(SqlStateException.UNDEFINED_OBJECT,
            "procedure or function " + name + " does not exist");
      }
      persist(() -> store.remove(name), name);
      routines.remove(name);
      retire(existing);
      return existing;
    }
  }

  /**
   * The version a statement prepared against {@code stale} should call now: the live version of
   * its name if it has the same signature.
   *
   * @throws SqlStateException with 42704 if the name was dropped, or 42883 if it was replaced
   *     with another signature
   */
  public Routine current(Routine stale) {
    String name = stale.definition().name();
    Routine live = routines.get(name);
    if (live == null) {
      throw new SqlStateException(SqlStateException.UNDEFINED_OBJECT, "procedure " + name
          + " was dropped after this statement was prepared");
    }
    if (!live.definition().signature().equals(stale.definition().signature())
        || live.definition().sqlDataAccess() != stale.definition().sqlDataAccess()) {
      // What SQL it may run decides where it may be used, which was checked at planning.
      throw new SqlStateException("42883", "procedure " + name + " was replaced with the"
          + " signature " + live.definition().signature() + ", "
          + live.definition().sqlDataAccess().sql() + ", after this statement was prepared"
          + " against " + stale.definition().signature() + ", "
          + stale.definition().sqlDataAccess().sql() + "; prepare it again");
    }
    return live;
  }

  /**
   * Forgets this catalog's versions, so that a closed database's compiled modules can be
   * collected; statements still prepared against them fail as if their procedure was dropped.
   */
  public void close() {
    versions.forEach(BY_VERSION::remove);
  }

  private void retire(Routine routine) {
    routine.retire();
    BY_VERSION.put(routine.version(), routine.husk());
  }

  private void publish(Routine routine) {
    versions.add(routine.version());
    BY_VERSION.put(routine.version(), routine);
    routines.put(routine.definition().name(), routine);
  }

  private interface StoreChange {
    void run() throws SQLException;
  }

  private static void persist(StoreChange change, String name) {
    try {
      change.run();
    } catch (SQLException e) {
      throw new SqlStateException(SqlStateException.IO_ERROR,
          "the catalog could not record the change to " + name + ": " + e.getMessage(), e);
    }
  }
}
