package dev.calx.wasm;

import java.lang.System.Logger.Level;

/**
 * The statements one routine call holds open, by the handles its guest knows them by. Handles
 * count up from 1 within a call and are never reused in it, so a closed handle stays unknown
 * rather than coming to mean another statement.
 */
final class OpenStatements {
  /** The most statements one call may hold open at once. */
  static final int MAX_OPEN = 64;

  private static final System.Logger LOG = System.getLogger(OpenStatements.class.getName());

  private final Open[] open = new Open[MAX_OPEN];
  private int count;
  private int nextHandle = 1;

  /** One open statement and what the guest may read from it now. */
  static final class Open {
    final int handle;
    final GuestStatement statement;
    /** Whether {@code next} has made a row current. */
    boolean onRow;
    /** The columns of the result of the last execute; 0 before it, and for a write. */
    int columns;

    private Open(int handle, GuestStatement statement) {
      this.handle = handle;
      this.statement = statement;
    }
  }

  boolean isFull() {
    return count == MAX_OPEN;
  }

  /** Adds a statement that was just prepared and returns its handle. */
  int add(GuestStatement statement) {
    Open added = new Open(nextHandle++, statement);
    open[count++] = added;
    return added.handle;
  }

  /** The open statement of {@code handle}; an unknown or closed one breaks the ABI (39000). */
  Open get(int handle, String what) {
    return open[slot(handle, what)];
  }

  /** Forgets a statement and returns it, for the caller to close. */
  GuestStatement remove(int handle, String what) {
    int slot = slot(handle, what);
    GuestStatement statement = open[slot].statement;
    open[slot] = open[--count];
    open[count] = null;
    return statement;
  }

  /**
   * Closes every statement still open and starts the handles again from 1. A statement that fails
   * to close, which its contract rules out, is logged, and the others are closed all the same.
   */
  void closeAll(String routine) {
    while (count > 0) {
      GuestStatement statement = open[--count].statement;
      open[count] = null;
      try {
        statement.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, routine + ": a statement failed to close", e);
      }
    }
    nextHandle = 1;
  }

  private int slot(int handle, String what) {
    for (int i = 0; i < count; i++) {
      if (open[i].handle == handle) {
        return i;
      }
    }
    throw new GuestFault(GuestFault.Kind.ABI, "calx." + what + ": no open statement has handle "
        + handle);
  }
}
