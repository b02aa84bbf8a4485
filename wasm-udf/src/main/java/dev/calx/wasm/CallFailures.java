package dev.calx.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * Turns whatever a failed call threw into the one public exception of its outcome, with a message
 * that names the function, its arguments and the cause.
 */
final class CallFailures {
  private static final int SHOWN_CHARS = 40;

  private CallFailures() {}

  static CallTimeoutException timeout(WasmFunction function, Object[] args) {
    return new CallTimeoutException(where(function, args) + ": " + limitReached(function));
  }

  /** A nested call that would start after the deadline of the routine it is nested in. */
  static CallTimeoutException lateStart(WasmFunction function, Object[] args) {
    return new CallTimeoutException(where(function, args) + ": the time limit of the routine"
        + " that called it was reached before it started");
  }

  /** A routine call that would open one level more than {@link CallingThread#MAX_NESTING}. */
  static RoutineFailedException tooDeep(WasmFunction function, Object[] args) {
    return new RoutineFailedException("54001", where(function, args) + ": routines that run SQL"
        + " may be nested at most " + CallingThread.MAX_NESTING + " deep");
  }

  /** A call of a table function that tried to emit more rows than its cap. */
  static RoutineFailedException rowCap(WasmFunction function, Object[] args, long maxRows) {
    return new RoutineFailedException("54000", where(function, args) + ": the call emitted more"
        + " than the " + maxRows + " rows it may return");
  }

  /**
   * The time limit a call reached: its own, or, for a call nested in a routine, possibly what was
   * left of that routine's; a routine's own level counts as nesting for others only.
   */
  private static String limitReached(WasmFunction function) {
    String own = "time limit of " + function.limits().timeout().toMillis() + " ms reached";
    boolean nested = CallingThread.current().nesting() > (function.runsSql() ? 1 : 0);
    return nested ? own + " (or what was left of the limit of the routine that called it)" : own;
  }

  static RuntimeException translate(WasmFunction function, Throwable e, boolean stopped,
      GuestInstance instance, Object[] args) {
    String where = where(function, args);
    if (stopped || isFault(e, GuestFault.Kind.TIME)) {
      return new CallTimeoutException(where + ": " + limitReached(function), e);
    }
    if (e instanceof ChicoryInterruptedException) {
      return new CallTimeoutException(where + ": cancelled (the calling thread was interrupted)",
          e);
    }
    if (e instanceof WasmUdfException && !(e instanceof GuestTrapException)) {
      return (WasmUdfException) e; // a host's own failure, such as a nested call's: as it is
    }
    String refusal = instance == null ? null : instance.budgetRefusal();
    if (refusal != null) {
      return new MemoryBudgetExhaustedException(where + ": " + refusal + " (" + e.getMessage()
          + ")", e);
    }
    if (e instanceof UnlinkableException || e instanceof UninstantiableException) {
      return new ModuleRejectedException(function.name() + ": the module cannot be instantiated: "
          + e.getMessage(), e);
    }
    if (e instanceof GuestFault) {
      return fault(where, (GuestFault) e);
    }
    if (e instanceof GuestTrapException) {
      return new GuestTrapException(where + ": " + e.getMessage(), e);
    }
    if (e instanceof IllegalArgumentException && !(e instanceof ChicoryException)) {
      return new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    if (instance != null && instance.exhausted(0) && looksLikeOutOfMemory(e)) {
      return new MemoryLimitException(where + ": memory limit of "
          + ByteSize.text((long) function.maxPages() * CallLimits.PAGE_BYTES) + " reached ("
          + e.getMessage() + ")", e);
    }
    if (e instanceof StackOverflowError || "call stack exhausted".equals(e.getMessage())) {
      return new GuestTrapException(where + ": trapped: call stack exhausted", e);
    }
    if (e instanceof ChicoryException) {
      return new GuestTrapException(where + ": trapped: " + e.getMessage(), e);
    }
    return new GuestTrapException(where + ": failed: " + e, e);
  }

  private static boolean isFault(Throwable e, GuestFault.Kind kind) {
    return e instanceof GuestFault && ((GuestFault) e).kind() == kind;
  }

  /**
   * Whether a trap is what a guest does when an allocation fails: {@code unreachable} (C's abort,
   * Rust's panic) or a memory access beyond the end it could not grow.
   */
  private static boolean looksLikeOutOfMemory(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return e instanceof TrapException || message.contains("out of bounds memory");
  }

  private static WasmUdfException fault(String where, GuestFault f) {
    String message = where + ": " + f.getMessage();
    switch (f.kind()) {
      case MEMORY:
        return new MemoryLimitException(message, f);
      case BUDGET:
        return new MemoryBudgetExhaustedException(message, f);
      case RANGE:
        return new NumericOutOfRangeException(message, f);
      case STATE:
        return new RoutineFailedException(f.sqlState(), message);
      default:
        return new AbiViolationException(message, f);
    }
  }

  /** The function and its arguments as a reader would write the call. */
  static String where(WasmFunction function, Object[] args) {
    StringJoiner call = new StringJoiner(", ", function.name() + "(", ")");
    for (Object arg : args) {
      call.add(show(arg));
    }
    return call.toString();
  }

  private static String show(Object arg) {
    if (arg instanceof CharSequence) {
      String s = arg.toString();
      String shown = s.length() > SHOWN_CHARS ? s.substring(0, SHOWN_CHARS) + "..." : s;
      return "'" + shown.replace("'", "''") + "'";
    }
    if (arg instanceof byte[]) {
      byte[] b = (byte[]) arg;
      String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, SHOWN_CHARS / 2));
      return "X'" + hex + (b.length > SHOWN_CHARS / 2 ? "...'" : "'");
    }
    return String.valueOf(arg);
  }
}
