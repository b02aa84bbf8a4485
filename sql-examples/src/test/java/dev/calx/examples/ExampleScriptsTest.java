package dev.calx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every example script on its own fresh in-memory database and checks its transcript against
 * the golden file beside it ({@code quickstart.sql} → {@code quickstart.sql.out}).
 */
class ExampleScriptsTest {
  private static final ExampleFiles FILES = ExampleFiles.current();

  @TestFactory
  Stream<DynamicTest> everyScriptMatchesItsGoldenFile() {
    return FILES.scripts().stream().map(script -> DynamicTest.dynamicTest(
        FILES.root().relativize(script).toString(), script.toUri(), () -> check(script)));
  }

  private static void check(Path script) throws Exception {
    List<ScriptStatement> statements =
        SqlScript.statements(Files.readString(script, StandardCharsets.UTF_8));
    String url = "jdbc:calx:mem:;modules=" + FILES.modules();
    try (Connection connection = DriverManager.getConnection(url)) {
      ScriptTranscript transcript = new ScriptTranscript(connection,
          List.of(new MessageMask(FILES.modules().toString(), "<modules>")));
      new GoldenFile(ExampleFiles.goldenOf(script)).check(transcript.run(statements));
    }
  }

  @Test
  void theExamplesExist() {
    List<String> names = FILES.scripts().stream()
        .map(p -> FILES.root().relativize(p).toString()).toList();
    assertEquals(List.of("quickstart.sql", "scripts/assemblyscript.sql", "scripts/c.sql",
        "scripts/errors.sql", "scripts/hostile.sql", "scripts/lookup.sql",
        "scripts/procedures.sql", "scripts/rust.sql", "scripts/statements.sql", "scripts/table_functions.sql", "scripts/transactions.sql",
        "scripts/tutorial_c.sql", "scripts/wat.sql"),
        names);
  }

  @Test
  void everyGoldenFileBelongsToAScript() {
    Stream.of(FILES.root(), FILES.root().resolve("scripts"))
        .flatMap(dir -> ExampleFiles.list(dir, ".sql.out").stream())
        .forEach(golden -> {
          String name = golden.getFileName().toString();
          Path script = golden.resolveSibling(name.substring(0, name.length() - ".out".length()));
          assertTrue(Files.exists(script), golden + " has no script " + script.getFileName());
        });
  }
}
