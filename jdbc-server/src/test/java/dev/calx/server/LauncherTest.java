package dev.calx.server;

import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user runs it: {@code ./calx server} in one process, {@code ./calx sql -e} in
 * others, then SIGTERM, after which the data directory holds what the client created. Runs what
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
      String url = awaitUrl(server);
      Result created = sql(url, "CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM AS"
          + " '(module (func (export \"twice\") (param i32) (result i32)"
          + " local.get 0 i32.const 2 i32.mul))';\nCALL twice(21);");
      assertEquals(0, created.status(), created.output());
      assertTrue(created.output().matches("(?s).*\\|\\s*42\\s*\\|.*"), created.output());

      Result failed = sql(url, "CALL nothing_here(1);");
      assertNotEquals(0, failed.status(), failed.output());
      assertTrue(failed.output().contains("state=42883"), failed.output());
    } finally {
      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "server stops on SIGTERM");
    }
    try (Connection c = DriverManager.getConnection("jdbc:calx:" + data)) {
      assertEquals(42, single(c, "CALL twice(21)"));
    }
  }

  private static ProcessBuilder launcher(List<String> args) {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(ROOT.resolve("calx").toString());
    builder.command().addAll(args);
    builder.environment().put("CALX_SKIP_BUILD", "1");
    return builder.directory(ROOT.toFile());
  }

  /** Reads the server's standard output until it prints the URL to connect to. */
  private static String awaitUrl(Process server) throws IOException {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      int at = line.indexOf(" at jdbc:avatica:remote:");
      if (line.startsWith("Calx serves ") && at > 0) {
        return line.substring(at + 4);
      }
    }
    throw new AssertionError("server exited without printing its URL");
  }

  record Result(int status, String output) {}

  private Result sql(String url, String statements) throws Exception {
    Path output = Files.createTempFile(dir, "sql", ".out");
    Process sql = launcher(List.of("sql", "--url", url, "-e", statements))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    assertTrue(sql.waitFor(120, TimeUnit.SECONDS), "sqlline finishes");
    String text = Files.readString(output);
    assertNotNull(text);
    return new Result(sql.exitValue(), text);
  }
}
