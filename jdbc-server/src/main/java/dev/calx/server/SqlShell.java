package dev.calx.server;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import sqlline.SqlLine;

/**
 * sqlline as {@code ./calx sql} runs it: a failed statement prints one line,
 * {@code SQLSTATE: message}, with the stack trace only under {@code --verbose=true}. sqlline's
 * own report of an {@link SQLException} is {@code Error: message (state=...,code=...)}, and a
 * failure while connecting always comes with the whole stack trace.
 */
public final class SqlShell extends SqlLine {
  /**
   * Runs sqlline with {@code args} and exits with its status: 0, or non-zero when a statement
   * of a script failed.
   */
  public static void main(String[] args) throws IOException {
    System.exit(new SqlShell().begin(args, null, true).ordinal());
  }

  @Override
  public void handleException(Throwable e) {
    SQLException sql = sqlException(e);
    if (sql == null) {
      super.handleException(e);
      return;
    }
    for (SQLException next = sql; next != null; next = next.getNextException()) {
      error(next.getSQLState() == null ? String.valueOf(next.getMessage()).strip()
          : next.getSQLState() + ": " + String.valueOf(next.getMessage()).strip());
      if (!getOpts().getShowNestedErrs() || next.getNextException() == next) {
        break;
      }
    }
    if (getOpts().getVerbose()) {
      sql.printStackTrace();
    }
  }

  /** The SQL failure behind {@code e}, which sqlline may have wrapped, or null. */
  private static SQLException sqlException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException found) {
        return found;
      }
      if (!(t instanceof InvocationTargetException) && !(t instanceof RuntimeException)) {
        return null;
      }
    }
    return null;
  }
}
