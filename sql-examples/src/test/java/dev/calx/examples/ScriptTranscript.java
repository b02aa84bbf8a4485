package dev.calx.examples;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Runs a script's statements one by one on a connection and writes what a reader of the example
 * needs to see: each statement, then its result table, its update count, or its error with
 * SQLSTATE. A failing statement does not stop the script: showing errors is part of the examples.
 */
final class ScriptTranscript {
  private final Connection connection;
  private final List<MessageMask> masks;

  /**
   * A transcript writer for one connection.
   *
   * @param masks replacements applied to error messages, for parts that differ between machines
   */
  ScriptTranscript(Connection connection, List<MessageMask> masks) {
    this.connection = connection;
    this.masks = List.copyOf(masks);
  }

  /** The transcript of running {@code statements} in order. */
  String run(List<ScriptStatement> statements) throws SQLException {
    StringBuilder out = new StringBuilder();
    for (ScriptStatement statement : statements) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(statement.sql()).append(";\n");
      out.append(result(statement.sql()));
    }
    return out.toString();
  }

  private String result(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (statement.execute(sql)) {
        try (ResultSet rs = statement.getResultSet()) {
          return ResultTable.read(rs).render();
        }
      }
      int count = statement.getUpdateCount();
      // JDBC reports DDL with an update count of 0; "0 rows affected" would misread as a no-op.
      if (count < 0 || isDdl(sql)) {
        return "OK\n";
      }
      return count + (count == 1 ? " row affected\n" : " rows affected\n");
    } catch (SQLException e) {
      return "ERROR " + e.getSQLState() + ": " + message(e) + "\n";
    }
  }

  private static boolean isDdl(String sql) {
    String first = sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    return first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER");
  }

  private String message(SQLException e) {
    String message = String.valueOf(e.getMessage()).strip();
    for (MessageMask mask : masks) {
      message = mask.apply(message);
    }
    return message;
  }
}
