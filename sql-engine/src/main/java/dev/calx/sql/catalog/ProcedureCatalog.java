package dev.calx.sql.catalog;

import dev.calx.sql.SqlStateException;
import dev.calx.wasm.GuestModule;
import dev.calx.wasm.WasmFunction;
import dev.calx.wasm.WasmUdfException;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
  private static final System.Logger LOG = System.getLogger(ProcedureCatalog.class.getName());
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
   * Opens the catalog of a database, creating its tables if needed, and compiles every stored
   * procedure with {@code loader}.
   *
   * @param loader turns a stored statement and module into a live function; a procedure it
   *     cannot load stays in the catalog, and its calls fail with its reason
   */
  public static ProcedureCatalog open(DataSource dataSource, Loader loader) throws SQLException {
    CatalogStore store = new CatalogStore(dataSource);
    store.createTables();
    ProcedureCatalog catalog = new ProcedureCatalog(store);
    for (CatalogStore.StoredRoutine stored : store.routines()) {
      catalog.load(stored, loader);
    }
    return catalog;
  }

  /** How a stored procedure becomes live again after a restart. */
  public interface Loader {
    /** The definition and function a stored statement and module declare. */
    Loaded load(String statement, GuestModule module);
  }

  /**
   * A procedure as loaded from storage.
   *
   * @param definition its definition, with the times it had
   * @param function its compiled function
   */
  public record Loaded(RoutineDefinition definition, WasmFunction function) {}

  /**
   * Makes a stored procedure live. One that cannot be (its module no longer passes the checks,
   * its limits exceed lowered caps) is left out with an error in the log rather than stopping
   * the database from opening; CREATE OR REPLACE of its name stores a working one again.
   */
  private void load(CatalogStore.StoredRoutine stored, Loader loader) {
    try {
      byte[] module = store.module(stored.moduleSha256());
      Loaded loaded = loader.load(stored.statement(), GuestModule.fromBytes(module));
      RoutineDefinition definition = loaded.definition().createdAt(stored.createdAt());
      publish(new Routine(VERSIONS.incrementAndGet(), withUpdated(definition, stored),
          loaded.function(), new RoutineStats(), this));
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.ERROR, "procedure " + stored.name() + " could not be loaded and is left out"
          + " until it is created again: " + e.getMessage(), e);
    }
  }

  private static RoutineDefinition withUpdated(RoutineDefinition d,
      CatalogStore.StoredRoutine stored) {
    return new RoutineDefinition(d.name(), d.kind(), d.parameters(), d.returnType(),
        d.exportName(), d.deterministic(), d.comment(), d.limits(), d.imports(), d.statement(),
        d.moduleSha256(), d.moduleSize(), stored.createdAt(), stored.updatedAt());
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
    return RoutineDefinitions.recreate(routine.definition(), routine.module());
  }

  /** Any version created in this process, live or retired, by its number. */
  public static Routine byVersion(int version) {
    return BY_VERSION.get(version);
  }

  /**
   * Creates or replaces a procedure.
   *
   * @param bind compiles the definition's module into a function; runs under the catalog's lock
   *     so that two CREATEs of one name cannot interleave
   * @return the new version, or the existing one when it exists and {@code ifNotExists}
   * @throws SqlStateException with 42710 if the name exists and neither flag is set
   */
  public Routine create(RoutineDefinition definition, byte[] module, boolean orReplace,
      boolean ifNotExists, Function<RoutineDefinition, WasmFunction> bind) {
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
      WasmFunction function = bind.apply(definition);
      RoutineDefinition stored = existing == null
          ? definition : definition.createdAt(existing.definition().createdAt());
      persist(() -> store.put(stored, module), stored.name());
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
    if (!live.definition().signature().equals(stale.definition().signature())) {
      throw new SqlStateException("42883", "procedure " + name + " was replaced with the"
          + " signature " + live.definition().signature() + " after this statement was prepared"
          + " against " + stale.definition().signature() + "; prepare it again");
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
