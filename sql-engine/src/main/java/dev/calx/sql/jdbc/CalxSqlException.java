package dev.calx.sql.jdbc;

import java.sql.SQLException;

/**
 * A failure with the SQLSTATE Calx assigned it. It prints its SQLSTATE with its message, so logs
 * and stack traces show the class of failure without a debugger.
 */
public final class CalxSqlException extends SQLException {
  private static final long serialVersionUID = 1L;

  CalxSqlException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  @Override
  public String toString() {
    return getClass().getName() + ": [SQLSTATE " + getSQLState() + "] " + getMessage();
  }
}
