package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process with {@code kill -9} while it replaces a procedure and inserts rows in a loop,
 * then opens its data directory: each procedure must be wholly one of the versions written.
 */
class CrashTest {
  @TempDir
  Path data;

  @Test
  void killedWhileReplacingLeavesAWholeVersion() throws Exception {
    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), Writer.class.getName(),
        data.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    int last = 0;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      while (last < 30) {
        String line = out.readLine();
        assertTrue(line != null, "the writer stopped early");
        last = Integer.parseInt(line);
      }
      writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
    }
    try (Connection c = DriverManager.getConnection("jdbc:calx:" + data);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version(0) AS v, \"COMMENT\","
            + " (SELECT count(*) FROM t) AS n FROM sys.procedures WHERE name = 'VERSION'")) {
      assertTrue(rs.next(), "the procedure is in the catalog");
      int version = rs.getInt("V");
      assertTrue(version >= 1 && version <= last + 1, "version " + version + " after " + last);
      assertEquals("version " + version, rs.getString("COMMENT"), "statement and module agree");
      assertTrue(rs.getInt("N") >= 1, "rows survive");
    }
  }

  /** The process that is killed: replaces a procedure, printing each version once committed. */
  public static final class Writer {
    private Writer() {}

    /** Writes forever into the data directory {@code args[0]}. */
    public static void main(String[] args) throws SQLException {
      try (Connection c = DriverManager.getConnection("jdbc:calx:" + args[0]);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (v INT)");
        for (int i = 1; ; i++) {
          s.execute("CREATE OR REPLACE FUNCTION version(x INT) RETURNS INT LANGUAGE WASM"
              + " COMMENT 'version " + i + "' AS '(module (func (export \"version\")"
              + " (param i32) (result i32) i32.const " + i + "))'");
          s.executeUpdate("INSERT INTO t VALUES (" + i + ")");
          System.out.println(i);
          System.out.flush();
        }
      }
    }
  }
}
