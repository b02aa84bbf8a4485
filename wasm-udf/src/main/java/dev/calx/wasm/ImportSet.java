package dev.calx.wasm;

import java.util.Set;

/**
 * A sandboxed set of host imports a function may be granted. No import is granted unless its set
 * is requested; a module that imports anything else is refused when it is loaded.
 */
public enum ImportSet {
  /**
   * A subset of WASI preview 1 with no files, sockets or environment: clocks, random bytes, stdout
   * and stderr (written to the log, at most 64 KiB per instance), empty
   * arguments and environment, and {@code proc_exit}, which ends the call with SQLSTATE 38000.
   */
  WASI(
      "wasi_snapshot_preview1",
      Set.of(
          "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get",
          "clock_time_get", "random_get", "fd_write", "fd_fdstat_get", "fd_close", "fd_seek",
          "proc_exit", "sched_yield")),

  /** AssemblyScript's {@code env.abort}, which ends the call with SQLSTATE 38000 and its message. */
  ASSEMBLYSCRIPT("env", Set.of("abort")),

  /** {@code calx.raise} and {@code calx.log}, granted to every routine (docs/abi.md). */
  CALX("calx", Set.of("raise", "log")),

  /** {@code calx.emit_*}, granted to routines that return a table (docs/abi.md). */
  CALX_ROWS("calx", Set.of("emit_null", "emit_i32", "emit_i64", "emit_f64", "emit_text",
      "emit_row")),

  /**
   * The SQL imports {@code calx.prepare} ... {@code calx.error}, granted to routines that read or
   * modify SQL data; a call needs a {@link RoutineHost} to run them (docs/abi.md).
   */
  CALX_SQL("calx", Set.of("prepare", "bind_null", "bind_i32", "bind_i64", "bind_f64",
      "bind_text", "execute", "next", "column_null", "column_i32", "column_i64", "column_f64",
      "column_text", "close", "error"));

  private final String moduleName;
  private final Set<String> functionNames;

  ImportSet(String moduleName, Set<String> functionNames) {
    this.moduleName = moduleName;
    this.functionNames = functionNames;
  }

  /** Whether this set provides the function {@code module.name}. */
  public boolean provides(String module, String name) {
    return moduleName.equals(module) && functionNames.contains(name);
  }

  /** The import module name of this set's functions. */
  public String moduleName() {
    return moduleName;
  }

  /** The names of the functions this set provides. */
  public Set<String> functionNames() {
    return functionNames;
  }
}
