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
  ASSEMBLYSCRIPT("env", Set.of("abort"));

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
