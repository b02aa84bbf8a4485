package dev.calx.wasm;

import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The call in flight on one instance as that instance's {@code calx} imports see it: the database
 * behind the SQL imports, the statements open, the last failure and the rows being emitted.
 *
 * <p>Why no locking is needed: an instance runs one call at a time, on the thread that made it,
 * and a function re-entered on that thread runs on another instance with its own state. {@link
 * #begin} sets the state up for a call and {@link #end} clears it, however the call ended, so
 * nothing passes from one call to the next.
 *
 * <p>The database's code runs in the host phase of the {@link CallingThread} ({@link #inHost}):
 * the watchdog never interrupts it there (an interrupt during file I/O would close the
 * database), and the call's deadline is checked when the import returns to the guest.
 */
final class CalxCall {
  private static final byte[] NO_ERROR = new byte[0];
  /** The SQLSTATE the guest is told when it prepares more than {@link OpenStatements#MAX_OPEN}. */
  private static final String TOO_MANY_STATEMENTS = "54000";

  private final String routine;
  private final CallingThread caller;
  private final long timeoutNanos;
  private final List<SqlType> columns;
  private final OpenStatements statements = new OpenStatements();
  private boolean active;
  private RoutineHost host;
  private EmittedRows rows;
  private byte[] lastError = NO_ERROR;

  CalxCall(String routine, CallingThread caller, long timeoutNanos, List<SqlType> columns) {
    this.routine = routine;
    this.caller = caller;
    this.timeoutNanos = timeoutNanos;
    this.columns = columns;
  }

  /** Sets up a call; {@code maxRows} is the cap of a function that returns a table. */
  void begin(RoutineHost routineHost, long maxRows) {
    host = routineHost;
    rows = columns.isEmpty() ? null : new EmittedRows(columns, maxRows);
    active = true;
  }

  /** The rows the call in flight has emitted; null unless the function returns a table. */
  EmittedRows rows() {
    return rows;
  }

  /** Ends the call: closes every statement it left open and drops its rows and its last error. */
  void end() {
    active = false;
    host = null;
    rows = null;
    lastError = NO_ERROR;
    statements.closeAll(routine);
  }

  int prepare(Memory memory, int pointer, int length) {
    requireCall("prepare");
    String sql = GuestBytes.readText(memory, pointer, length, "calx.prepare: the SQL text");
    if (statements.isFull()) {
      return failed(TOO_MANY_STATEMENTS, "a call may hold at most " + OpenStatements.MAX_OPEN
          + " open statements; close one first");
    }
    // Added in the host phase, so that a statement prepared just before the deadline is still
    // closed when the call ends.
    return (int) report(() -> (long) statements.add(host.prepare(sql)));
  }

  int bind(int handle, int index, Object value, String what) {
    OpenStatements.Open open = open(handle, what);
    if (index < 1) {
      throw new GuestFault(GuestFault.Kind.ABI, "calx." + what + ": parameter " + index
          + " is out of range: parameters count from 1");
    }
    return (int) report(() -> {
      open.statement.bind(index, value);
      return 0L;
    });
  }

  long execute(int handle) {
    OpenStatements.Open open = open(handle, "execute");
    return report(() -> {
      open.onRow = false;
      open.columns = 0;
      long changed = open.statement.execute();
      open.columns = open.statement.columnCount();
      return changed;
    });
  }

  int next(int handle) {
    OpenStatements.Open open = open(handle, "next");
    return (int) report(() -> {
      open.onRow = false;
      open.onRow = open.statement.next();
      return open.onRow ? 1L : 0L;
    });
  }

  int columnNull(int handle, int column) {
    try {
      return column(handle, column, "column_null") == null ? 1 : 0;
    } catch (HostSqlException e) {
      return failed(e.sqlState(), e.getMessage());
    }
  }

  /**
   * The value of a column for {@code column_i32}, {@code column_i64} and {@code column_f64},
   * whose results cannot also signal a failure: the database's failure to read it ends the call
   * with its SQLSTATE.
   */
  Object value(int handle, int column, String what) {
    try {
      return column(handle, column, what);
    } catch (HostSqlException e) {
      throw new GuestFault(e.sqlState(), "calx." + what + " failed: " + e.getMessage());
    }
  }

  int columnText(Memory memory, int handle, int column, int buffer, int capacity) {
    Object value;
    try {
      value = column(handle, column, "column_text");
    } catch (HostSqlException e) {
      return failed(e.sqlState(), e.getMessage());
    }
    return GuestBytes.copyOut(memory, buffer, capacity, HostValues.toBytes(value),
        "calx.column_text: the buffer");
  }

  int close(int handle) {
    open(handle, "close");
    return (int) report(() -> {
      statements.remove(handle, "close").close();
      return 0L;
    });
  }

  int error(Memory memory, int buffer, int capacity) {
    return GuestBytes.copyOut(memory, buffer, capacity, lastError, "calx.error: the buffer");
  }

  /** The rows being emitted, for {@code calx.emit_*}. */
  EmittedRows emitting(String what) {
    requireCall(what);
    if (rows == null) {
      throw new GuestFault(GuestFault.Kind.ABI, "calx." + what + ": " + routine
          + " does not return a table");
    }
    return rows;
  }

  private OpenStatements.Open open(int handle, String what) {
    requireCall(what);
    return statements.get(handle, what);
  }

  private Object column(int handle, int column, String what) {
    OpenStatements.Open open = open(handle, what);
    if (!open.onRow) {
      throw new GuestFault(GuestFault.Kind.ABI, "calx." + what + ": statement " + handle
          + " has no current row; call calx.next first");
    }
    if (column < 1 || column > open.columns) {
      throw new GuestFault(GuestFault.Kind.ABI, "calx." + what + ": column " + column
          + " is out of range: the row has " + open.columns + " columns");
    }
    return inHost(() -> open.statement.column(column));
  }

  private void requireCall(String what) {
    if (!active) {
      throw new GuestFault(GuestFault.Kind.ABI, "calx." + what
          + " may only be called during a call, not from _initialize");
    }
  }

  /** Runs host code whose failure the guest may handle: -1, with the failure for calx.error. */
  private long report(Supplier<Long> step) {
    try {
      return inHost(step);
    } catch (HostSqlException e) {
      return failed(e.sqlState(), e.getMessage());
    }
  }

  private int failed(String sqlState, String message) {
    lastError = (sqlState + ": " + message).getBytes(StandardCharsets.UTF_8);
    return -1;
  }

  /**
   * Runs the database's code in the host phase; see the class comment. Every {@link
   * CallingThread#enterHost} is paired with a {@link CallingThread#leaveHost}, also when the
   * watchdog stopped the guest first, so that the guest code this returns or throws to is RUNNING
   * again, as the end of its call expects.
   */
  private <T> T inHost(Supplier<T> step) {
    boolean stopped = caller.enterHost();
    try {
      if (stopped) {
        throw new GuestFault(GuestFault.Kind.TIME, "the time limit was reached in guest code");
      }
      return step.get();
    } finally {
      // The deadline wins over whatever the host did: once it has passed, the call ends with
      // 57014, also if the host failed meanwhile.
      if (!caller.leaveHost(timeoutNanos)) {
        throw new GuestFault(GuestFault.Kind.TIME, "the time limit was reached in host code");
      }
    }
  }
}
