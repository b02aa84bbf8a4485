package dev.calx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the reference docs from going stale: every fenced code block in the docs this module owns
 * must appear verbatim in a file that is exercised, i.e. an example script or its golden output
 * (run by {@link ExampleScriptsTest}), a guest source or helper (compiled and checked by {@code
 * build.sh}, which CI runs), or {@code build.sh} itself. Blocks tagged {@code syntax} are grammar
 * synopses with placeholders, not code, and are the only exemption.
 */
class DocSnippetsTest {
  private static final ExampleFiles FILES = ExampleFiles.current();

  /** The docs this module owns; other docs/ files belong to other modules' owners. */
  private static final List<String> DOCS = List.of(
      "sql-reference.md", "abi.md", "errors.md", "limits.md", "tutorial-c.md",
      "tutorial-procedure.md");

  private static final Set<String> CHECKED = Set.of("sql", "c", "rust", "ts", "wat", "sh", "text");
  private static final String SYNOPSIS = "syntax";

  @TestFactory
  Stream<DynamicTest> everySnippetComesFromATestedFile() throws IOException {
    List<SnippetSource> sources = sources();
    List<DynamicTest> tests = new ArrayList<>();
    for (String doc : DOCS) {
      Path path = FILES.docs().resolve(doc);
      for (CodeBlock block : CodeBlock.parse(path, Files.readString(path, StandardCharsets.UTF_8))) {
        tests.add(DynamicTest.dynamicTest(block.where(), path.toUri(), () -> check(block, sources)));
      }
    }
    return tests.stream();
  }

  private static void check(CodeBlock block, List<SnippetSource> sources) {
    if (block.language().equals(SYNOPSIS)) {
      return;
    }
    assertTrue(CHECKED.contains(block.language()), block.where()
        + ": tag the block with one of " + new TreeSet<>(CHECKED) + " or " + SYNOPSIS);
    assertFalse(block.lines().stream().allMatch(String::isBlank), block.where() + " is empty");
    assertTrue(sources.stream().anyMatch(s -> s.contains(block.lines())), block.where()
        + " does not appear verbatim in any tested file; copy it from one (or add it to an example"
        + " script and regenerate the golden files):\n" + String.join("\n", block.lines()));
  }

  /** Every file a snippet may be copied from. */
  private static List<SnippetSource> sources() throws IOException {
    List<Path> paths = new ArrayList<>();
    for (Path script : FILES.scripts()) {
      paths.add(script);
      paths.add(ExampleFiles.goldenOf(script));
    }
    paths.add(FILES.root().resolve("build.sh"));
    try (Stream<Path> guests = Files.walk(FILES.root().resolve("guests"))) {
      guests.filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("node_modules"))
          .filter(p -> p.toString().matches(".*\\.(c|h|rs|ts|wat)$"))
          .forEach(paths::add);
    }
    return paths.stream().map(SnippetSource::read).toList();
  }

  @Test
  void everyGuestSourceIsBuiltByBuildSh() throws IOException {
    String build = Files.readString(FILES.root().resolve("build.sh"), StandardCharsets.UTF_8);
    try (Stream<Path> guests = Files.walk(FILES.root().resolve("guests"))) {
      guests.filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("node_modules"))
          .filter(p -> p.toString().matches(".*\\.(c|rs|ts|wat)$"))
          // The helpers are compiled as part of the sources that include / import them.
          .filter(p -> !p.getFileName().toString().startsWith("calx."))
          .forEach(p -> assertTrue(build.contains(p.getFileName().toString()),
              p + " is not compiled by build.sh"));
    }
  }

  @Test
  void everySqlStateTheExamplesShowIsExplained() throws IOException {
    Pattern error = Pattern.compile("^ERROR (\\w{5}):", Pattern.MULTILINE);
    Set<String> shown = new TreeSet<>();
    for (Path script : FILES.scripts()) {
      Matcher m = error.matcher(Files.readString(ExampleFiles.goldenOf(script)));
      while (m.find()) {
        shown.add(m.group(1));
      }
    }
    String errors = Files.readString(FILES.docs().resolve("errors.md"), StandardCharsets.UTF_8);
    Set<String> missing = new TreeSet<>();
    for (String state : shown) {
      if (!errors.contains("`" + state + "`")) {
        missing.add(state);
      }
    }
    assertEquals(Set.of(), missing, "SQLSTATEs in the examples' output that docs/errors.md lacks");
  }

  @Test
  void snippetMatchingIgnoresOnlyIndentationAndCommentLeaders() throws IOException {
    Path file = Files.createTempFile("snippet", ".c");
    try {
      Files.writeString(file, "/*\n *   CREATE FUNCTION f() RETURNS INT\n *       FROM FILE 'x';\n */\n");
      SnippetSource source = SnippetSource.read(file);
      assertTrue(source.contains(List.of("CREATE FUNCTION f() RETURNS INT", "    FROM FILE 'x';")));
      assertFalse(source.contains(List.of("CREATE FUNCTION f() RETURNS INT", "FROM FILE 'x';")));
      assertFalse(source.contains(List.of("FUNCTION f() RETURNS INT")));
    } finally {
      Files.delete(file);
    }
  }
}
