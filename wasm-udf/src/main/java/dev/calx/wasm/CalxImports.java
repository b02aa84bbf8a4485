package dev.calx.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.util.List;

/**
 * The host functions of the import module {@code calx} (docs/abi.md, "Host API"), each bound to
 * the {@link CalxCall} of one instance; which of them a module may import is {@link
 * HostImports#check}'s business.
 */
final class CalxImports {
  /** The import module's name. */
  static final String MODULE = "calx";

  private static final ValType I32 = ValType.I32;
  private static final ValType I64 = ValType.I64;
  private static final ValType F64 = ValType.F64;
  /** The most characters of a raised message kept in the failure. */
  private static final int MAX_MESSAGE_CHARS = 1000;

  private CalxImports() {}

  /** The host function {@code calx.name}, working on {@code call}. */
  static HostFunction function(String name, CalxCall call, GuestOutput output) {
    switch (name) {
      case "prepare":
        return fn(name, types(I32, I32), I32,
            (inst, a) -> i32(call.prepare(inst.memory(), (int) a[0], (int) a[1])));
      case "bind_null":
        return fn(name, types(I32, I32), I32,
            (inst, a) -> i32(call.bind((int) a[0], (int) a[1], null, name)));
      case "bind_i32":
        return fn(name, types(I32, I32, I32), I32,
            (inst, a) -> i32(call.bind((int) a[0], (int) a[1], (int) a[2], name)));
      case "bind_i64":
        return fn(name, types(I32, I32, I64), I32,
            (inst, a) -> i32(call.bind((int) a[0], (int) a[1], a[2], name)));
      case "bind_f64":
        return fn(name, types(I32, I32, F64), I32, (inst, a) -> i32(call.bind((int) a[0],
            (int) a[1], Value.longToDouble(a[2]), name)));
      case "bind_text":
        return fn(name, types(I32, I32, I32, I32), I32, (inst, a) -> i32(call.bind((int) a[0],
            (int) a[1], textOrBytes(inst, (int) a[2], (int) a[3]), name)));
      case "execute":
        return fn(name, types(I32), I64, (inst, a) -> new long[] {call.execute((int) a[0])});
      case "next":
        return fn(name, types(I32), I32, (inst, a) -> i32(call.next((int) a[0])));
      case "close":
        return fn(name, types(I32), I32, (inst, a) -> i32(call.close((int) a[0])));
      case "error":
        return fn(name, types(I32, I32), I32,
            (inst, a) -> i32(call.error(inst.memory(), (int) a[0], (int) a[1])));
      default:
        return columnOrEmit(name, call, output);
    }
  }

  private static HostFunction columnOrEmit(String name, CalxCall call, GuestOutput output) {
    switch (name) {
      case "column_null":
        return fn(name, types(I32, I32), I32,
            (inst, a) -> i32(call.columnNull((int) a[0], (int) a[1])));
      case "column_i32":
        return fn(name, types(I32, I32), I32, (inst, a) -> i32(HostValues.toInt(
            call.value((int) a[0], (int) a[1], name), describeColumn(name, a))));
      case "column_i64":
        return fn(name, types(I32, I32), I64, (inst, a) -> new long[] {HostValues.toLong(
            call.value((int) a[0], (int) a[1], name), describeColumn(name, a))});
      case "column_f64":
        return fn(name, types(I32, I32), F64, (inst, a) -> new long[] {Value.doubleToLong(
            HostValues.toDouble(call.value((int) a[0], (int) a[1], name),
                describeColumn(name, a)))});
      case "column_text":
        return fn(name, types(I32, I32, I32, I32), I32, (inst, a) -> i32(call.columnText(
            inst.memory(), (int) a[0], (int) a[1], (int) a[2], (int) a[3])));
      case "emit_null":
        return fn(name, types(I32), null, (inst, a) -> {
          call.emitting(name).setNull((int) a[0]);
          return null;
        });
      case "emit_i32":
        return fn(name, types(I32, I32), null, (inst, a) -> {
          call.emitting(name).setInteger((int) a[0], (int) a[1], name);
          return null;
        });
      case "emit_i64":
        return fn(name, types(I32, I64), null, (inst, a) -> {
          call.emitting(name).setInteger((int) a[0], a[1], name);
          return null;
        });
      case "emit_f64":
        return fn(name, types(I32, F64), null, (inst, a) -> {
          call.emitting(name).setDouble((int) a[0], Value.longToDouble(a[1]), name);
          return null;
        });
      case "emit_text":
        return fn(name, types(I32, I32, I32), null, (inst, a) -> {
          call.emitting(name).setBytes((int) a[0], GuestBytes.read(inst.memory(), (int) a[1],
              (int) a[2], "calx.emit_text: the value"), name);
          return null;
        });
      case "emit_row":
        return fn(name, types(), I32, (inst, a) -> i32(call.emitting(name).emitRow()));
      default:
        return raiseOrLog(name, output);
    }
  }

  private static HostFunction raiseOrLog(String name, GuestOutput output) {
    switch (name) {
      case "raise":
        return fn(name, types(I32, I32, I32), null, CalxImports::raise);
      case "log":
        return fn(name, types(I32, I32, I32), null, (inst, a) -> {
          output.log((int) a[0], GuestBytes.readText(inst.memory(), (int) a[1], (int) a[2],
              "calx.log: the message"));
          return null;
        });
      default:
        throw new IllegalStateException("import calx." + name + " passed the check");
    }
  }

  /** Ends the call with the guest's SQLSTATE (45000 if it gave none) and message. */
  private static long[] raise(Instance instance, long... args) {
    int statePointer = (int) args[0];
    String state = statePointer == 0 ? "45000"
        : GuestBytes.readText(instance.memory(), statePointer, 5, "calx.raise: the SQLSTATE");
    if (!state.matches("[0-9A-Z]{5}") || state.startsWith("00")) {
      throw new GuestFault(GuestFault.Kind.ABI, "calx.raise: the SQLSTATE must be five digits or"
          + " upper-case letters, not of class 00 (success), got '" + state + "'");
    }
    String message = GuestBytes.readText(instance.memory(), (int) args[1], (int) args[2],
        "calx.raise: the message");
    throw new GuestFault(state, message.length() > MAX_MESSAGE_CHARS
        ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message);
  }

  /** What {@code bind_text} binds: valid UTF-8 as TEXT, any other bytes as VARBINARY. */
  private static Object textOrBytes(Instance instance, int pointer, int length) {
    byte[] bytes = GuestBytes.read(instance.memory(), pointer, length, "calx.bind_text: the value");
    String text = Utf8.decodeOrNull(bytes);
    return text == null ? bytes : text;
  }

  private static String describeColumn(String name, long[] args) {
    return "calx." + name + ": column " + (int) args[1];
  }

  private static long[] i32(int value) {
    return new long[] {value};
  }

  private static List<ValType> types(ValType... types) {
    return List.of(types);
  }

  private static HostFunction fn(String name, List<ValType> params, ValType result,
      WasmFunctionHandle handle) {
    List<ValType> results = result == null ? List.of() : List.of(result);
    return new HostFunction(MODULE, name, FunctionType.of(params, results), handle);
  }
}
