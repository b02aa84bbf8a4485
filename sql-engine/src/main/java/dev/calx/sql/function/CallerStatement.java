package dev.calx.sql.function;

import dev.calx.sql.Session;
import dev.calx.sql.exec.AuditLog;
import dev.calx.wasm.GuestStatement;
import dev.calx.wasm.HostSqlException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One statement a routine prepared: a prepared statement of the caller's connection, executed
 * as the caller's session. A write is counted for the call's update count and recorded in the
 * audit log under the caller's name and the routine's.
 */
final class CallerStatement implements GuestStatement {
  private final CallerSql sql;
  private final PreparedStatement statement;
  private final String text;
  private ResultSet rows;

  CallerStatement(CallerSql sql, PreparedStatement statement, String text) {
    this.sql = sql;
    this.statement = statement;
    this.text = text;
  }

  @Override
  public void bind(int index, Object value) {
    try {
      if (value == null) {
        statement.setNull(index, statement.getParameterMetaData().getParameterType(index));
      } else {
        statement.setObject(index, value);
      }
    } catch (SQLException | RuntimeException | AssertionError | LinkageError e) {
      throw sql.failure(e);
    }
  }

  @Override
  public long execute() {
    try (Session.Scope session = sql.caller().session().enter()) {
      closeRows();
      if (statement.execute()) {
        rows = statement.getResultSet();
        return 0;
      }
      long changed = statement.getLargeUpdateCount();
      sql.changed(changed);
      AuditLog.routineWrite(sql.caller().session(), sql.routine().name(), text, changed);
      return changed;
    } catch (SQLException | RuntimeException | AssertionError | LinkageError e) {
      throw sql.failure(e);
    }
  }

  @Override
  public int columnCount() {
    try {
      return rows == null ? 0 : rows.getMetaData().getColumnCount();
    } catch (SQLException | RuntimeException | AssertionError | LinkageError e) {
      throw sql.failure(e);
    }
  }

  @Override
  public boolean next() {
    if (rows == null) {
      throw new HostSqlException("24000",
          "the statement has no rows to read: execute a query first", null);
    }
    try (Session.Scope session = sql.caller().session().enter()) {
      return rows.next();
    } catch (SQLException | RuntimeException | AssertionError | LinkageError e) {
      throw sql.failure(e);
    }
  }

  @Override
  public Object column(int column) {
    if (rows == null) {
      throw new HostSqlException("24000",
          "the statement has no current row: execute a query and call next first", null);
    }
    try {
      return rows.getObject(column);
    } catch (SQLException | RuntimeException | AssertionError | LinkageError e) {
      throw sql.failure(e);
    }
  }

  @Override
  public void close() {
    try {
      closeRows();
      statement.close();
    } catch (SQLException | RuntimeException e) {
      // Nothing to tell the guest, whose call may be over; the statement holds no lock.
    }
  }

  private void closeRows() throws SQLException {
    if (rows != null) {
      ResultSet open = rows;
      rows = null;
      open.close();
    }
  }
}
