package dev.calx.wasm;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Value;
import com.dylibso.chicory.wasm.types.ValType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the values of one SQL signature travel to and from one WebAssembly function type under ABI
 * version 1: which WebAssembly values each parameter becomes, and how the results become a Java
 * value.
 */
final class AbiBinding {
  /** How one SQL parameter becomes WebAssembly arguments. */
  enum Param {
    BOOL_I32(1),
    INT_I32(1),
    INT_I64(1),
    F32(1),
    F64(1),
    BUFFER(2);

    final int slots;

    Param(int slots) {
      this.slots = slots;
    }
  }

  /** How the WebAssembly results become one SQL value. */
  enum Result {
    BOOL_I32,
    INT_I32,
    INT_I64,
    F32,
    F64,
    BUFFER_PACKED,
    BUFFER_PAIR,
    /** The export returns nothing: a signature without a result, or one that returns a table. */
    NONE
  }

  private final SqlType[] types;
  private final Param[] params;
  private final SqlType resultType;
  private final Result result;
  private final int arity;
  private final int buffers;
  /** Per parameter: whether any Integer passes unchecked (INTEGER or BIGINT, to i32 or i64). */
  private final boolean[] takesAnyInt;
  /** Whether the result is an i32 returned as INTEGER, which needs no range check. */
  private final boolean intResult;

  private AbiBinding(SqlType[] types, Param[] params, SqlType resultType, Result result) {
    this.types = types;
    this.params = params;
    this.resultType = resultType;
    this.result = result;
    int slots = 0;
    int bufferParams = 0;
    for (Param p : params) {
      slots += p.slots;
      bufferParams += p == Param.BUFFER ? 1 : 0;
    }
    this.arity = slots;
    this.buffers = bufferParams + 1;
    this.takesAnyInt = new boolean[params.length];
    for (int i = 0; i < params.length; i++) {
      takesAnyInt[i] = (params[i] == Param.INT_I32 || params[i] == Param.INT_I64)
          && (types[i] == SqlType.INTEGER || types[i] == SqlType.BIGINT);
    }
    this.intResult = result == Result.INT_I32 && resultType == SqlType.INTEGER;
  }

  /**
   * Binds a declared signature to an export's type.
   *
   * @throws SignatureMismatchException if no row of the ABI table fits
   */
  static AbiBinding bind(String name, String export, Signature signature, FunctionType type) {
    List<ValType> wasm = type.params();
    List<SqlType> sql = signature.parameters();
    Param[] params = new Param[sql.size()];
    int at = 0;
    for (int i = 0; i < params.length; i++) {
      params[i] = at < wasm.size() ? param(sql.get(i), wasm, at) : null;
      if (params[i] == null) {
        throw mismatch(name, export, signature, type);
      }
      at += params[i].slots;
    }
    Result result = result(signature.result(), type.returns());
    if (at != wasm.size() || result == null) {
      throw mismatch(name, export, signature, type);
    }
    return new AbiBinding(sql.toArray(SqlType[]::new), params, signature.result(), result);
  }

  private static Param param(SqlType sql, List<ValType> wasm, int at) {
    ValType t = wasm.get(at);
    switch (sql) {
      case BOOLEAN:
        return t.equals(ValType.I32) ? Param.BOOL_I32 : null;
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return t.equals(ValType.I32) ? Param.INT_I32 : t.equals(ValType.I64) ? Param.INT_I64 : null;
      case BIGINT:
        return t.equals(ValType.I64) ? Param.INT_I64 : null;
      case REAL:
      case FLOAT:
      case DOUBLE:
        return t.equals(ValType.F32) ? Param.F32 : t.equals(ValType.F64) ? Param.F64 : null;
      default:
        boolean pair = t.equals(ValType.I32) && at + 1 < wasm.size()
            && wasm.get(at + 1).equals(ValType.I32);
        return pair ? Param.BUFFER : null;
    }
  }

  private static Result result(SqlType sql, List<ValType> wasm) {
    if (sql == null) {
      return wasm.isEmpty() ? Result.NONE : null;
    }
    if (sql.isBuffer()) {
      if (wasm.equals(List.of(ValType.I64))) {
        return Result.BUFFER_PACKED;
      }
      return wasm.equals(List.of(ValType.I32, ValType.I32)) ? Result.BUFFER_PAIR : null;
    }
    if (wasm.size() != 1) {
      return null;
    }
    Param p = param(sql, wasm, 0);
    if (p == null) {
      return null;
    }
    switch (p) {
      case BOOL_I32:
        return Result.BOOL_I32;
      case INT_I32:
        return Result.INT_I32;
      case INT_I64:
        return Result.INT_I64;
      case F32:
        return Result.F32;
      default:
        return Result.F64;
    }
  }

  private static SignatureMismatchException mismatch(
      String name, String export, Signature signature, FunctionType type) {
    return new SignatureMismatchException(
        "the declared signature of " + name + " " + signature + " does not fit the export '"
            + export + "' of type " + describe(type) + "; under the Calx ABI it needs "
            + expected(signature));
  }

  static String describe(FunctionType type) {
    return wasmTypes(type.params()) + " -> " + wasmTypes(type.returns());
  }

  private static String wasmTypes(List<ValType> types) {
    return types.stream().map(t -> t.toString().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** The canonical WebAssembly type of a signature, shown when a module does not fit it. */
  private static String expected(Signature signature) {
    List<String> params = new ArrayList<>();
    for (SqlType t : signature.parameters()) {
      params.add(canonical(t, false));
    }
    String result = signature.result() == null ? "" : canonical(signature.result(), true);
    return "(" + String.join(", ", params) + ") -> (" + result + ")";
  }

  private static String canonical(SqlType type, boolean result) {
    switch (type) {
      case BIGINT:
        return "i64";
      case REAL:
        return "f32 or f64";
      case FLOAT:
      case DOUBLE:
        return "f64 or f32";
      case TEXT:
      case VARBINARY:
        return result ? "i64 packed (pointer << 32 | length), or i32, i32" : "i32 pointer, i32 length";
      case BOOLEAN:
        return "i32";
      default:
        return "i32 or i64";
    }
  }

  int arity() {
    return arity;
  }

  int maxBuffers() {
    return buffers;
  }

  /**
   * Writes the arguments of one call into the instance's argument array.
   *
   * <p>Unrolled for the first three parameters: in JMH, a loop of two turns cost two to three
   * times as much as the same two stores written out (the JIT's loop set-up does not pay off for
   * so few turns).
   */
  void encode(Object[] args, GuestInstance instance) {
    long[] out = instance.arguments;
    int n = params.length;
    int at = n > 0 ? encode(0, args[0], out, 0, instance) : 0;
    at = n > 1 ? encode(1, args[1], out, at, instance) : at;
    at = n > 2 ? encode(2, args[2], out, at, instance) : at;
    for (int i = 3; i < n; i++) {
      at = encode(i, args[i], out, at, instance);
    }
  }

  /** Writes argument {@code i} from {@code out[at]} on and returns the next free slot. */
  private int encode(int i, Object v, long[] out, int at, GuestInstance instance) {
    if (v instanceof Integer && takesAnyInt[i]) {
      out[at] = (Integer) v; // the common case, kept apart so that it inlines
      return at + 1;
    }
    return encodeOther(i, v, out, at, instance);
  }

  private int encodeOther(int i, Object v, long[] out, int at, GuestInstance instance) {
    switch (params[i]) {
      case BOOL_I32:
        out[at] = booleanArg(i, v) ? 1 : 0;
        return at + 1;
      case INT_I32:
      case INT_I64:
        out[at] = integerArg(i, v);
        return at + 1;
      case F32:
        out[at] = Value.floatToLong((float) floatArg(i, v));
        return at + 1;
      case F64:
        out[at] = Value.doubleToLong(floatArg(i, v));
        return at + 1;
      default:
        byte[] bytes = bufferArg(i, v);
        out[at] = instance.copyIn(bytes);
        out[at + 1] = bytes.length;
        return at + 2;
    }
  }

  /**
   * Turns the results of one call into the Java value of the declared result type; null for an
   * export that returns nothing.
   */
  Object decode(long[] results, GuestInstance instance) {
    // One method, no helper taking the array: passed to a helper that was not inlined, the
    // results array escaped and the JIT allocated it on every call (24 bytes, measured).
    if (intResult) {
      return (int) results[0]; // the common case: an i32 always fits an INTEGER
    }
    switch (result) {
      case BOOL_I32:
        return (int) results[0] != 0;
      case INT_I32:
      case INT_I64:
        return narrow(results[0]);
      case F32:
        float f = Value.longToFloat(results[0]);
        return resultType == SqlType.REAL ? (Object) f : (Object) (double) f;
      case F64:
        double d = Value.longToDouble(results[0]);
        return resultType == SqlType.REAL ? (Object) (float) d : (Object) d;
      case BUFFER_PACKED:
        return buffer(instance.copyOut((int) (results[0] >>> 32), (int) results[0]));
      case BUFFER_PAIR:
        return buffer(instance.copyOut((int) results[0], (int) results[1]));
      default:
        return null;
    }
  }

  private Object narrow(long v) {
    switch (resultType) {
      case TINYINT:
        return (byte) checkRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SMALLINT:
        return (short) checkRange(v, Short.MIN_VALUE, Short.MAX_VALUE);
      case INTEGER:
        return (int) checkRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
      default:
        return v;
    }
  }

  private long checkRange(long v, long min, long max) {
    if (v < min || v > max) {
      throw new GuestFault(GuestFault.Kind.RANGE,
          "result " + v + " is out of range for " + resultType);
    }
    return v;
  }

  private Object buffer(byte[] bytes) {
    return resultType == SqlType.VARBINARY ? bytes : Utf8.decode(bytes, "the TEXT result");
  }

  private boolean booleanArg(int i, Object v) {
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw wrongType(i, v);
  }

  private long integerArg(int i, Object v) {
    if (v instanceof Integer && types[i] != SqlType.TINYINT && types[i] != SqlType.SMALLINT) {
      return (Integer) v; // the common case: no range to check
    }
    long value;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      value = ((Number) v).longValue();
    } else if (v instanceof BigDecimal || v instanceof BigInteger) {
      try {
        value = v instanceof BigDecimal ? ((BigDecimal) v).longValueExact()
            : ((BigInteger) v).longValueExact();
      } catch (ArithmeticException e) {
        throw new GuestFault(GuestFault.Kind.RANGE, "argument " + (i + 1) + " (" + v
            + ") is not an exact " + types[i]);
      }
    } else {
      throw wrongType(i, v);
    }
    return types[i] == SqlType.BIGINT ? value : argRange(i, value);
  }

  private long argRange(int i, long value) {
    long min = types[i] == SqlType.TINYINT ? Byte.MIN_VALUE
        : types[i] == SqlType.SMALLINT ? Short.MIN_VALUE : Integer.MIN_VALUE;
    long max = types[i] == SqlType.TINYINT ? Byte.MAX_VALUE
        : types[i] == SqlType.SMALLINT ? Short.MAX_VALUE : Integer.MAX_VALUE;
    if (value < min || value > max) {
      throw new GuestFault(GuestFault.Kind.RANGE, "argument " + (i + 1) + " (" + value
          + ") is out of range for " + types[i]);
    }
    return value;
  }

  private double floatArg(int i, Object v) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    throw wrongType(i, v);
  }

  private byte[] bufferArg(int i, Object v) {
    if (types[i] == SqlType.VARBINARY && v instanceof byte[]) {
      return (byte[]) v;
    }
    if (types[i] == SqlType.TEXT && v instanceof CharSequence) {
      return v.toString().getBytes(StandardCharsets.UTF_8);
    }
    throw wrongType(i, v);
  }

  private IllegalArgumentException wrongType(int i, Object v) {
    return new IllegalArgumentException("argument " + (i + 1) + " must be " + types[i]
        + " (" + types[i].javaClass().getSimpleName() + "), got "
        + v.getClass().getSimpleName());
  }
}
