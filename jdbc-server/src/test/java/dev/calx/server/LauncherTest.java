package dev.calx.server;

import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user runs it: {@code ./calx server} in one process, {@code ./calx sql -e} and
 * {@code -f} in others (a transaction driven by sqlline's {@code !autocommit}, {@code !rollback}
 * and {@code !commit} among them), then SIGTERM, after which the data directory holds what the
 * clients created. Runs what
 * the build already made ({@code CALX_SKIP_BUILD=1}): Maven is running this test.
 */
class LauncherTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir
  Path dir;

  @Test
  void sqlAgainstARunningServerThenSigterm() throws Exception {
    Path data = dir.resolve("data");
    Process server = launcher(List.of("server", "--port", "0", "--data", data.toString()))
        .redirectError(dir.resolve("server.err").toFile())
        .start();
    try {
      String url = ServerProcess.awaitUrl(server);
      Result created = sql(url, "CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM AS"
          + " '(module (func (export \"twice\") (param i32) (result i32)"
          + " local.get 0 i32.const 2 i32.mul))';\nCALL twice(21);");
      assertEquals(0, created.status(), created.output());
      assertTrue(created.output().matches("(?s).*\\|\\s*42\\s*\\|.*"), created.output());

      Result failed = sql(url, "CALL nothing_here(1);");
      assertNotEquals(0, failed.status(), failed.output());
      assertTrue(failed.output().contains("42883: "), failed.output());

      Path script = dir.resolve("transaction.sql");
      Files.writeString(script, String.join("\n", "CREATE TABLE t (x INT);",
          "!autocommit off", "INSERT INTO t VALUES (1);", "!rollback",
          "SELECT count(*) AS after_rollback FROM t;", "INSERT INTO t VALUES (twice(1));",
          "!commit", "!autocommit on", "SELECT sum(x) AS after_commit FROM t;", ""));
      Result transaction = sqlFile(url, script);
      assertEquals(0, transaction.status(), transaction.output());
      assertTrue(transaction.output().matches(
          "(?s).*AFTER_ROLLBACK.*\\|\\s*0\\s*\\|.*AFTER_COMMIT.*\\|\\s*2\\s*\\|.*"),
          transaction.output());
    } finally {
      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "server stops on SIGTERM");
    }
    try (Connection c = DriverManager.getConnection("jdbc:calx:" + data)) {
      assertEquals(42, single(c, "CALL twice(21)"));
    }
  }

  /**
   * {@code ./calx sql} over the client driver, the default for {@code --url}'s form: one line
   * {@code SQLSTATE: message} per failed statement and a non-zero exit for {@code -e} and
   * {@code -f}, the stack trace only with {@code --verbose}; credentials from {@code --user} and
   * {@code --password}; the update count of DML that calls a function.
   */
  @Test
  void sqlOverTheClientDriver() throws Exception {
    Path users = Files.writeString(dir.resolve("users.properties"), "alice: s3cret,admin\n");
    Process server = launcher(List.of("server", "--port", "0", "--data",
        dir.resolve("data").toString(), "--auth", users.toString()))
        .redirectError(dir.resolve("server.err").toFile())
        .start();
    try {
      String avatica = ServerProcess.awaitUrl(server);
      String url = "jdbc:calx://" + avatica.substring(avatica.indexOf("//") + 2,
          avatica.indexOf(';'));
      List<String> alice = List.of("--url", url, "--user", "alice", "--password", "s3cret");

      Result created = run(alice, "-e", "CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM"
          + " AS '(module (func (export \"twice\") (param i32) (result i32)"
          + " local.get 0 i32.const 2 i32.mul))';\nCREATE TABLE t (x INT);"
          + "\nINSERT INTO t VALUES (1), (2), (3);\nUPDATE t SET x = twice(x) WHERE x > 1;"
          + "\nDELETE FROM t WHERE twice(x) = 2;");
      assertEquals(0, created.status(), created.output());
      assertTrue(created.output().matches("(?s).*3 rows affected.*2 rows affected.*"
          + "1 row affected.*"), created.output());

      Result failed = run(alice, "-e", "DROP FUNCTION nothing_here;");
      assertNotEquals(0, failed.status(), failed.output());
      List<String> errors = failed.output().lines().filter(l -> l.contains("42704")).toList();
      assertEquals(1, errors.size(), failed.output());
      assertTrue(errors.get(0).startsWith("42704: "), failed.output());
      assertFalse(failed.output().contains("\tat "), failed.output());
      assertFalse(failed.output().contains("state="), failed.output());

      Path script = Files.writeString(dir.resolve("failing.sql"),
          "SELECT 1;\nDROP FUNCTION nothing_here;\n");
      Result verbose = run(alice, "--verbose", "-f", script.toString());
      assertNotEquals(0, verbose.status(), verbose.output());
      assertTrue(verbose.output().contains("42704: "), verbose.output());
      assertTrue(verbose.output().contains("\tat "), verbose.output());

      Result refused = run(List.of("--url", url, "--user", "alice", "--password", "wrong"),
          "-e", "SELECT 1;");
      assertNotEquals(0, refused.status(), refused.output());
      assertTrue(refused.output().contains("28000: "), refused.output());
      assertFalse(refused.output().contains("\tat "), refused.output());
    } finally {
      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "server stops on SIGTERM");
    }
  }

  private Result run(List<String> connection, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("sql"));
    args.addAll(connection);
    args.addAll(List.of(more));
    return run(args);
  }

  private static ProcessBuilder launcher(List<String> args) {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(ROOT.resolve("calx").toString());
    builder.command().addAll(args);
    builder.environment().put("CALX_SKIP_BUILD", "1");
    return builder.directory(ROOT.toFile());
  }

  record Result(int status, String output) {}

  private Result sql(String url, String statements) throws Exception {
    return run(List.of("sql", "--url", url, "-e", statements));
  }

  private Result sqlFile(String url, Path script) throws Exception {
    return run(List.of("sql", "--url", url, "-f", script.toString()));
  }

  private Result run(List<String> args) throws Exception {
    Path output = Files.createTempFile(dir, "sql", ".out");
    Process sql = launcher(args)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    assertTrue(sql.waitFor(120, TimeUnit.SECONDS), "sqlline finishes");
    String text = Files.readString(output);
    assertNotNull(text);
    return new Result(sql.exitValue(), text);
  }
}
