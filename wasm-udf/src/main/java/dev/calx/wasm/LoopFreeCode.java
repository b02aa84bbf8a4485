package dev.calx.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Instruction;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds functions that cannot run for long: no {@code loop}, no indirect call, and no recursion
 * among the functions they call. Such code runs in time bounded by its size, and Chicory's
 * compiled code only looks for interrupts at loops and calls, so a time limit could neither be
 * needed nor be enforced there; calls to it skip the watchdog and save its per-call cost.
 */
final class LoopFreeCode {
  private final WasmModule module;
  private final int importedFunctions;
  private final Set<Integer> loopFree = new HashSet<>();
  private final Set<Integer> onPath = new HashSet<>();

  private LoopFreeCode(WasmModule module) {
    this.module = module;
    var imports = module.importSection();
    int count = 0;
    for (int i = 0; i < imports.importCount(); i++) {
      count += imports.getImport(i) instanceof FunctionImport ? 1 : 0;
    }
    this.importedFunctions = count;
  }

  /** Whether every one of the named exports is loop-free, with everything it calls. */
  static boolean all(WasmModule module, String... exports) {
    LoopFreeCode analysis = new LoopFreeCode(module);
    for (String export : exports) {
      if (export != null && !analysis.isLoopFree(ModuleExports.functionIndex(module, export))) {
        return false;
      }
    }
    return true;
  }

  private boolean isLoopFree(int function) {
    if (function < importedFunctions || loopFree.contains(function)) {
      // Host functions are Calx's own, and bounded; all but the SQL imports, whose routines
      // WasmFunction never treats as loop-free.
      return true;
    }
    if (!onPath.add(function)) {
      return false; // recursion
    }
    var body = module.codeSection().getFunctionBody(function - importedFunctions);
    for (Instruction instruction : body.instructions()) {
      if (!isLoopFree(instruction)) {
        return false;
      }
    }
    onPath.remove(function);
    loopFree.add(function);
    return true;
  }

  private boolean isLoopFree(Instruction instruction) {
    switch (instruction.opcode()) {
      case LOOP:
      case CALL_INDIRECT:
      case RETURN_CALL_INDIRECT:
      case CALL_REF:
      case RETURN_CALL_REF:
        return false;
      case CALL:
      case RETURN_CALL:
        return isLoopFree((int) instruction.operands()[0]);
      default:
        return true;
    }
  }
}
