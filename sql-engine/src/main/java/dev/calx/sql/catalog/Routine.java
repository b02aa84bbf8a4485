package dev.calx.sql.catalog;

import dev.calx.sql.SqlStateException;
import dev.calx.wasm.CallTimeoutException;
import dev.calx.wasm.RoutineHost;
import dev.calx.wasm.WasmFunction;
import dev.calx.wasm.WasmUdfException;
import java.util.List;
import java.util.function.Supplier;

/**
 * One version of a procedure as it lives in the catalog: its definition and its compiled
 * function. A CREATE OR REPLACE makes a new version and retires the old one; statements prepared
 * against the old one then find the new one through {@link ProcedureCatalog#current}.
 *
 * <p>A version created in this process has its function from the start (CREATE compiles it to
 * check it). A version read from the store when the database opens gets it on its first call
 * instead, once: the first caller reads the module and compiles it while later callers wait for
 * that function, so that opening a catalog costs neither the reads nor the compiling of every
 * module.
 */
public final class Routine {
  private final int version;
  private final RoutineDefinition definition;
  private volatile WasmFunction function;
  private final RoutineStats stats;
  private final ProcedureCatalog catalog;
  private volatile boolean retired;

  Routine(int version, RoutineDefinition definition, WasmFunction function, RoutineStats stats,
      ProcedureCatalog catalog) {
    this.version = version;
    this.definition = definition;
    this.function = function;
    this.stats = stats;
    this.catalog = catalog;
  }

  /** A number no other version of any procedure in this process has. */
  public int version() {
    return version;
  }

  /** What was declared. */
  public RoutineDefinition definition() {
    return definition;
  }

  /** The module's bytes: from the compiled module if there is one, else from the store. */
  byte[] module() {
    WasmFunction compiled = function;
    return compiled != null ? compiled.module().bytes() : catalog.storedModule(definition);
  }

  /** The function, compiled on the first call of a version read from the store. */
  private WasmFunction function() {
    WasmFunction compiled = function;
    if (compiled == null) {
      synchronized (this) {
        compiled = function;
        if (compiled == null) {
          compiled = catalog.compile(definition);
          function = compiled;
        }
      }
    }
    return compiled;
  }

  /**
   * Compiles this version's function on a daemon thread. The first compilation in a JVM costs
   * about a second of loading and warming the compiler's own classes; done while the database
   * opens and its first statement is planned, it is off the path of the first call.
   */
  void compileInBackground() {
    Thread thread = new Thread(() -> {
      try {
        function();
      } catch (RuntimeException e) {
        // The first call of this routine compiles it again and reports the failure.
      }
    }, "calx-compiler-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** The counters of this procedure's name, shared by its versions. */
  public RoutineStats stats() {
    return stats;
  }

  /** The catalog this version belongs to. */
  public ProcedureCatalog catalog() {
    return catalog;
  }

  /** Whether this version was dropped or replaced. */
  public boolean isRetired() {
    return retired;
  }

  /**
   * A failure's message without the arguments of the call, which it names as {@code
   * NAME(args): cause}: every user can read the last error in sys.procedure_stats, and the
   * arguments are another user's data.
   */
  private String withoutArguments(String message, Object[] args) {
    WasmFunction compiled = function;
    if (compiled == null) {
      return message;
    }
    String call = compiled.callText(args) + ": ";
    return message.startsWith(call)
        ? definition.name() + ": " + message.substring(call.length()) : message;
  }

  void retire() {
    retired = true;
  }

  /**
   * What a retired version leaves behind for statements prepared against it: enough to find
   * the live version and check its signature, without the compiled module, which statements
   * already running keep alive only as long as they hold this version.
   */
  Routine husk() {
    Routine husk = new Routine(version, definition, null, stats, catalog);
    husk.retired = true;
    return husk;
  }

  /**
   * Calls the function, counting the call.
   *
   * @throws WasmUdfException as the runtime reports a failed call
   * @throws SqlStateException if an argument cannot be passed, or the module cannot be read
   */
  public Object call(Object[] args) {
    return measured(args, () -> function().call(args));
  }

  /**
   * Calls the function with a database behind its SQL imports, counting the call.
   *
   * @param host what the routine's SQL runs on; null if it runs none
   * @return the result; null for a routine that returns nothing
   */
  public Object call(RoutineHost host, Object[] args) {
    return measured(args, () -> function().call(host, args));
  }

  /**
   * Calls a routine that returns a table, counting the call.
   *
   * @param host what the routine's SQL runs on; null if it runs none
   * @param maxRows the most rows the call may emit
   * @return the rows it emitted
   */
  public List<Object[]> callTable(RoutineHost host, long maxRows, Object[] args) {
    return measured(args, () -> function().callTable(host, maxRows, args));
  }

  private <T> T measured(Object[] args, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      T result = call.get();
      stats.record(start, System.nanoTime());
      return result;
    } catch (WasmUdfException e) {
      stats.recordError(start, System.nanoTime(), withoutArguments(e.getMessage(), args),
          e instanceof CallTimeoutException);
      throw e;
    } catch (IllegalArgumentException e) {
      stats.recordError(start, System.nanoTime(), withoutArguments(e.getMessage(), args), false);
      throw new SqlStateException(SqlStateException.INVALID_PARAMETER_VALUE, e.getMessage(), e);
    } catch (SqlStateException e) {
      stats.recordError(start, System.nanoTime(), e.getMessage(), false);
      throw e;
    }
  }
}
