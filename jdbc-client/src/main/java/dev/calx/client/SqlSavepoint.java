package dev.calx.client;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * A JDBC savepoint of the client driver, kept by the server as the SQL savepoint of the same
 * name: Avatica's client refuses {@code setSavepoint}, and the server's SQL
 * ({@code SAVEPOINT}, {@code ROLLBACK TO SAVEPOINT}, {@code RELEASE SAVEPOINT}) does the work.
 *
 * @param id the number of an unnamed savepoint, 0 for a named one
 * @param name the name the application gave, or null
 */
record SqlSavepoint(int id, String name) implements Savepoint {
  /** Sets a savepoint on {@code connection}; an unnamed one gets a name from its number. */
  static SqlSavepoint set(Connection connection, int id, String name) throws SQLException {
    SqlSavepoint savepoint = name == null ? new SqlSavepoint(id, null) : new SqlSavepoint(0, name);
    savepoint.run(connection, "SAVEPOINT ");
    return savepoint;
  }

  /** Runs {@code statement} followed by this savepoint's quoted name on {@code connection}. */
  void run(Connection connection, String statement) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(statement + '"' + sqlName().replace("\"", "\"\"") + '"');
    }
  }

  private String sqlName() {
    return name == null ? "CALX_SAVEPOINT_" + id : name;
  }

  @Override
  public int getSavepointId() throws SQLException {
    if (name != null) {
      throw new SQLException("savepoint " + name + " is named: it has no id", "3B001");
    }
    return id;
  }

  @Override
  public String getSavepointName() throws SQLException {
    if (name == null) {
      throw new SQLException("savepoint " + id + " is unnamed: it has no name", "3B001");
    }
    return name;
  }
}
