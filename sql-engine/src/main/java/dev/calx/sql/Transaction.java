package dev.calx.sql;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work done in one transaction of the embedded database: committed if it returns, rolled back if
 * it throws, so a failure half way leaves nothing behind.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface Transaction<T> {
  /** The work, on a connection whose auto-commit is off. */
  T run(Connection connection) throws SQLException;

  /** Runs {@code work} in a transaction on a connection from {@code database}. */
  static <T> T in(DataSource database, Transaction<T> work) throws SQLException {
    try (Connection c = database.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
