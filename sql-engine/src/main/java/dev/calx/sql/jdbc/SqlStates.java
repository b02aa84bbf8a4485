package dev.calx.sql.jdbc;

import dev.calx.sql.SqlStateException;
import dev.calx.wasm.WasmUdfException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.calcite.runtime.CalciteContextException;
import org.h2.api.ErrorCode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.h2.jdbc.JdbcException;

/**
 * Finds the SQLSTATE a failure deserves, for the embedded driver and the server alike. Calcite
 * wraps whatever a statement threw in layers of its own exceptions, usually with no SQLSTATE; the
 * cause chain still holds the real failure.
 */
public final class SqlStates {
  private SqlStates() {}

  /** {@code thrown} as the SQLException a client gets: XX000 if nothing more precise is known. */
  public static SQLException translate(Throwable thrown) {
    String storage = StorageFailures.stateOf(thrown);
    if (storage != null) {
      return new CalxSqlException(StorageFailures.message(storage, thrown), storage, thrown);
    }
    if (causedBy(thrown, StackOverflowError.class) && !causedBy(thrown, WasmUdfException.class)) {
      // Parsing, validating and planning recurse over the statement's tree; the parser reports
      // the overflow as a syntax error without a message. A guest's own recursion is a trap.
      return new CalxSqlException("statement too complex: it is nested too deeply to parse or"
          + " plan; split it or simplify its expressions", "54001", thrown);
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof WasmUdfException udf) {
        return new CalxSqlException(udf.getMessage(), udf.sqlState(), thrown);
      }
      if (t instanceof SqlStateException e && e.sqlState() != null) {
        return new CalxSqlException(e.getMessage(), e.sqlState(), thrown);
      }
      if (t instanceof NumberFormatException number) {
        // Calcite casts a character argument to a numeric parameter as the statement runs.
        return new CalxSqlException("invalid character value for a numeric value: "
            + number.getMessage(), "22018", thrown);
      }
      if (t instanceof SqlParseException parse) {
        return new CalxSqlException(parse.getMessage(), "42601", thrown);
      }
      if (t instanceof CalciteContextException context) {
        return new CalxSqlException(context.getMessage(), validationState(context), thrown);
      }
      if (t instanceof SQLTransientConnectionException pool) {
        // HikariCP waited its connection timeout in vain: every connection is in use.
        return new CalxSqlException("no connection to the embedded database became free: all"
            + " are held by open transactions or running statements (see docs/operations.md,"
            + " \"Concurrent statements\"): " + pool.getMessage(), "53300", thrown);
      }
      if (t instanceof JdbcException h2 && h2.getErrorCode() == ErrorCode.CONCURRENT_UPDATE_1) {
        return new CalxSqlException("another transaction changed or deleted a row this one"
            + " changes, after this transaction read it; retry the transaction: "
            + ((SQLException) t).getMessage(), "40001", thrown);
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && t != thrown) {
        return new CalxSqlException(sql.getMessage(), sql.getSQLState(), thrown);
      }
    }
    if (thrown instanceof SQLException sql && sql.getSQLState() != null) {
      return sql;
    }
    return new CalxSqlException(String.valueOf(thrown.getMessage()), "XX000", thrown);
  }

  private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String validationState(CalciteContextException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("No match found for function signature")) {
      return "42883";
    }
    if (message.contains("Object '") && message.contains("not found")) {
      return "42S02";
    }
    if (message.contains("Column '") && message.contains("not found")) {
      return "42S22";
    }
    return "42000";
  }
}
