package dev.calx.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;

/** What a module exports, read from its sections before any instance exists. */
final class ModuleExports {
  private static final FunctionType ALLOC = FunctionType.of(List.of(ValType.I32),
      List.of(ValType.I32));
  private static final FunctionType DEALLOC = FunctionType.of(List.of(ValType.I32, ValType.I32),
      List.of());
  private static final FunctionType FREE = FunctionType.of(List.of(ValType.I32), List.of());

  private ModuleExports() {}

  static boolean hasFunction(WasmModule module, String name) {
    return functionExports(module).contains(name);
  }

  /**
   * The export to call with, when buffers cross the boundary, the memory and allocator exports.
   */
  static ExportBindings bind(WasmModule module, String function, String resolved,
      boolean usesMemory) {
    if (!usesMemory) {
      return new ExportBindings(resolved, null, null, false);
    }
    if (!hasExport(module, "memory", ExternalType.MEMORY)) {
      throw new ModuleRejectedException(function + " takes or returns TEXT or VARBINARY, so its"
          + " module must export its linear memory as 'memory'");
    }
    String alloc = firstTyped(module, ALLOC, "alloc", "malloc");
    if (alloc == null) {
      throw new ModuleRejectedException(function + " takes or returns TEXT or VARBINARY, so its"
          + " module must export alloc(len i32) -> i32 (or malloc)");
    }
    if (firstTyped(module, DEALLOC, "dealloc") != null) {
      return new ExportBindings(resolved, alloc, "dealloc", true);
    }
    String free = firstTyped(module, FREE, "free");
    return new ExportBindings(resolved, alloc, free, false);
  }

  /**
   * The module's memory limits with the maximum lowered to the call limit, never raised above the
   * module's own maximum; null if the module has no memory.
   */
  static MemoryLimits cappedMemory(WasmModule module, String function, CallLimits limits) {
    if (module.memorySection().isEmpty() || module.memorySection().get().memoryCount() == 0) {
      return null;
    }
    MemoryLimits declared = module.memorySection().get().getMemory(0).limits();
    int max = Math.min(declared.maximumPages(), limits.maxMemoryPages());
    if (declared.initialPages() > max) {
      throw new MemoryLimitException(function + " needs " + declared.initialPages()
          + " pages (64 KiB each) of memory to start, more than its limit of " + max + " pages");
    }
    return new MemoryLimits(declared.initialPages(), max);
  }

  /**
   * The export to call: {@code export} itself if it exists, else, unless {@code exact}, the one
   * function export whose name equals it ignoring case.
   */
  static String resolve(WasmModule module, String function, String export, boolean exact) {
    List<String> names = functionExports(module);
    if (names.contains(export)) {
      return export;
    }
    List<String> matches = new ArrayList<>();
    if (!exact) {
      for (String n : names) {
        if (n.equalsIgnoreCase(export)) {
          matches.add(n);
        }
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.size() > 1) {
      throw new ModuleRejectedException("the module exports several functions named like "
          + function + " " + matches + "; name one with EXPORT");
    }
    throw new ModuleRejectedException("the module has no exported function '" + export
        + "'" + (exact ? "" : " (ignoring case)") + "; it exports " + names);
  }

  private static List<String> functionExports(WasmModule module) {
    var section = module.exportSection();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < section.exportCount(); i++) {
      if (section.getExport(i).exportType() == ExternalType.FUNCTION) {
        names.add(section.getExport(i).name());
      }
    }
    return names;
  }

  private static boolean hasExport(WasmModule module, String name, ExternalType type) {
    var section = module.exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      if (section.getExport(i).name().equals(name)
          && section.getExport(i).exportType() == type) {
        return true;
      }
    }
    return false;
  }

  /** The first of the names that is an exported function of exactly this type. */
  private static String firstTyped(WasmModule module, FunctionType type, String... names) {
    for (String name : names) {
      FunctionType actual = exportedType(module, name);
      if (actual != null && actual.equals(type)) {
        return name;
      }
      if (actual != null) {
        throw new ModuleRejectedException("the module's '" + name + "' export has type "
            + AbiBinding.describe(actual) + ", but the Calx ABI needs "
            + AbiBinding.describe(type));
      }
    }
    return null;
  }

  /** The function index of an exported function. */
  static int functionIndex(WasmModule module, String name) {
    var section = module.exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      var export = section.getExport(i);
      if (export.name().equals(name) && export.exportType() == ExternalType.FUNCTION) {
        return export.index();
      }
    }
    throw new IllegalArgumentException("no exported function " + name);
  }

  /** The type of an exported function, or null if there is no such export. */
  static FunctionType exportedType(WasmModule module, String name) {
    var section = module.exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      var export = section.getExport(i);
      if (export.name().equals(name) && export.exportType() == ExternalType.FUNCTION) {
        return functionType(module, export.index());
      }
    }
    return null;
  }

  private static FunctionType functionType(WasmModule module, int index) {
    var imports = module.importSection();
    int imported = 0;
    for (int i = 0; i < imports.importCount(); i++) {
      if (imports.getImport(i) instanceof FunctionImport) {
        if (imported == index) {
          return module.typeSection().getType(((FunctionImport) imports.getImport(i)).typeIndex());
        }
        imported++;
      }
    }
    return module.typeSection().getType(module.functionSection().getFunctionType(index - imported));
  }
}
