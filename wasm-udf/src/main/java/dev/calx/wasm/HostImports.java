package dev.calx.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The host functions behind the granted {@link ImportSet}s, and the check that a module imports
 * nothing else.
 */
final class HostImports {
  private static final long[] OK = {0};
  private static final int EBADF = 8;
  private static final int EINVAL = 28;
  private static final int ESPIPE = 70;
  private static final SecureRandom RANDOM = new SecureRandom();

  private HostImports() {}

  /**
   * Refuses a module that imports anything outside the granted sets, naming the first such import.
   */
  static void check(WasmModule module, Set<ImportSet> granted) {
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      Import imp = imports.getImport(i);
      boolean ok =
          imp.importType() == ExternalType.FUNCTION
              && granted.stream().anyMatch(set -> set.provides(imp.module(), imp.name()));
      if (!ok) {
        throw new ModuleRejectedException(
            "module imports "
                + imp.module()
                + "."
                + imp.name()
                + " ("
                + imp.importType().name().toLowerCase(java.util.Locale.ROOT)
                + "), which is not granted"
                + grantHint(imp));
      }
    }
  }

  /** What would grant an import, in the words of the SQL that declares a routine. */
  private static String grantHint(Import imp) {
    if (ImportSet.CALX_SQL.provides(imp.module(), imp.name())) {
      return "; declare the routine READS SQL DATA or MODIFIES SQL DATA";
    }
    if (ImportSet.CALX_ROWS.provides(imp.module(), imp.name())) {
      return "; declare it RETURNS TABLE (...)";
    }
    for (ImportSet set : ImportSet.values()) {
      if (set.provides(imp.module(), imp.name())) {
        return "; request the import set " + set;
      }
    }
    if (imp.module().equals(CalxImports.MODULE)) {
      return "; the calx host API has no function " + imp.name() + " (docs/abi.md)";
    }
    return "; Calx grants only the WASI subset and AssemblyScript's env.abort";
  }

  /** Whether the module imports anything from the import module {@code name}. */
  static boolean importsFrom(WasmModule module, String name) {
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      if (imports.getImport(i).module().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The host functions one new instance needs, each bound to that instance's output budget and,
   * for the {@code calx} imports, to its call state.
   */
  static ImportValues forModule(WasmModule module, String functionName, CalxCall calx) {
    var imports = module.importSection();
    if (imports.importCount() == 0) {
      return ImportValues.empty();
    }
    GuestOutput output = new GuestOutput(functionName);
    List<HostFunction> functions = new ArrayList<>();
    for (int i = 0; i < imports.importCount(); i++) {
      Import imp = imports.getImport(i);
      functions.add(imp.module().equals(CalxImports.MODULE)
          ? CalxImports.function(imp.name(), calx, output)
          : host(imp.module(), imp.name(), output));
    }
    return ImportValues.builder().withFunctions(List.copyOf(functions)).build();
  }

  private static HostFunction host(String module, String name, GuestOutput output) {
    if (module.equals(ImportSet.ASSEMBLYSCRIPT.moduleName())) {
      return fn(module, name, types(I32, I32, I32, I32), types(), HostImports::abort);
    }
    switch (name) {
      case "args_get":
      case "environ_get":
        return fn(module, name, types(I32, I32), types(I32), (inst, args) -> OK);
      case "args_sizes_get":
      case "environ_sizes_get":
        return fn(module, name, types(I32, I32), types(I32), HostImports::emptySizes);
      case "clock_res_get":
        return fn(module, name, types(I32, I32), types(I32), HostImports::clockRes);
      case "clock_time_get":
        return fn(module, name, types(I32, I64, I32), types(I32), HostImports::clockTime);
      case "random_get":
        return fn(module, name, types(I32, I32), types(I32), HostImports::random);
      case "fd_write":
        return fn(module, name, types(I32, I32, I32, I32), types(I32),
            (inst, args) -> fdWrite(inst, args, output));
      case "fd_fdstat_get":
        return fn(module, name, types(I32, I32), types(I32), HostImports::fdStat);
      case "fd_close":
        return fn(module, name, types(I32), types(I32), (inst, args) -> errno(EBADF));
      case "fd_seek":
        return fn(module, name, types(I32, I64, I32, I32), types(I32),
            (inst, args) -> errno(isStdio(args[0]) ? ESPIPE : EBADF));
      case "proc_exit":
        return fn(module, name, types(I32), types(), HostImports::procExit);
      case "sched_yield":
        return fn(module, name, types(), types(I32), (inst, args) -> OK);
      default:
        throw new IllegalStateException("import " + module + "." + name + " passed the check");
    }
  }

  private static final ValType I32 = ValType.I32;
  private static final ValType I64 = ValType.I64;

  private static List<ValType> types(ValType... types) {
    return List.of(types);
  }

  private static HostFunction fn(
      String module, String name, List<ValType> params, List<ValType> results,
      WasmFunctionHandle handle) {
    return new HostFunction(module, name, FunctionType.of(params, results), handle);
  }

  private static long[] errno(int code) {
    return new long[] {code};
  }

  private static boolean isStdio(long fd) {
    return fd == 1 || fd == 2;
  }

  private static long[] emptySizes(Instance instance, long... args) {
    Memory memory = instance.memory();
    memory.writeI32((int) args[0], 0);
    memory.writeI32((int) args[1], 0);
    return OK;
  }

  private static long[] clockRes(Instance instance, long... args) {
    if (args[0] < 0 || args[0] > 3) {
      return errno(EINVAL);
    }
    instance.memory().writeLong((int) args[1], 1L);
    return OK;
  }

  private static long[] clockTime(Instance instance, long... args) {
    long now;
    if (args[0] == 0) {
      var instant = java.time.Instant.now();
      now = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    } else if (args[0] >= 1 && args[0] <= 3) {
      now = System.nanoTime();
    } else {
      return errno(EINVAL);
    }
    instance.memory().writeLong((int) args[2], now);
    return OK;
  }

  private static long[] random(Instance instance, long... args) {
    byte[] bytes = new byte[(int) args[1]];
    RANDOM.nextBytes(bytes);
    instance.memory().write((int) args[0], bytes);
    return OK;
  }

  private static long[] fdWrite(Instance instance, long[] args, GuestOutput output) {
    int fd = (int) args[0];
    if (!isStdio(fd)) {
      return errno(EBADF);
    }
    Memory memory = instance.memory();
    int iovs = (int) args[1];
    int written = 0;
    for (int i = 0; i < (int) args[2]; i++) {
      int base = memory.readInt(iovs + i * 8);
      int len = memory.readInt(iovs + i * 8 + 4);
      output.write(fd, memory.readBytes(base, len));
      written += len;
    }
    memory.writeI32((int) args[3], written);
    return OK;
  }

  private static long[] fdStat(Instance instance, long... args) {
    if (!isStdio(args[0])) {
      return errno(EBADF);
    }
    Memory memory = instance.memory();
    int at = (int) args[1];
    memory.fill((byte) 0, at, at + 24);
    memory.writeByte(at, (byte) 2); // character device: libc then treats it as a line-buffered tty
    memory.writeLong(at + 8, 1L << 6); // rights: fd_write only
    return OK;
  }

  private static long[] procExit(Instance instance, long... args) {
    throw new GuestTrapException("the guest called proc_exit(" + (int) args[0] + ")");
  }

  private static long[] abort(Instance instance, long... args) {
    Memory memory = instance.memory();
    String message = assemblyScriptString(memory, (int) args[0]);
    String file = assemblyScriptString(memory, (int) args[1]);
    throw new GuestTrapException(
        "the guest aborted: " + message + " at " + file + ":" + args[2] + ":" + args[3]);
  }

  /** AssemblyScript strings are UTF-16LE with their byte length in the four bytes before them. */
  private static String assemblyScriptString(Memory memory, int pointer) {
    if (pointer < 4) {
      return "?";
    }
    int bytes = Math.min(memory.readInt(pointer - 4), 4096);
    if (bytes < 0 || (long) pointer + bytes > (long) memory.pages() * CallLimits.PAGE_BYTES) {
      return "?";
    }
    return new String(memory.readBytes(pointer, bytes), StandardCharsets.UTF_16LE);
  }
}
