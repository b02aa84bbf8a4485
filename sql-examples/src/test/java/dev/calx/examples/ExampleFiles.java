package dev.calx.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the examples live: the {@code sql-examples} directory (system property {@code
 * calx.examples.dir}, set by the POM to the module's base directory), its scripts, its compiled
 * modules, and the repository's {@code docs/}.
 */
final class ExampleFiles {
  private final Path root;

  private ExampleFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The layout of this build. */
  static ExampleFiles current() {
    return new ExampleFiles(Path.of(System.getProperty("calx.examples.dir", ".")));
  }

  /** The {@code sql-examples} directory. */
  Path root() {
    return root;
  }

  /** The directory {@code FROM FILE} paths of the scripts are relative to. */
  Path modules() {
    return root.resolve("src/main/resources/modules");
  }

  /** The reference documentation directory at the top of the repository. */
  Path docs() {
    return root.resolveSibling("docs");
  }

  /** {@code quickstart.sql} first, then {@code scripts/*.sql} by name. */
  List<Path> scripts() {
    List<Path> scripts = new ArrayList<>();
    scripts.add(root.resolve("quickstart.sql"));
    scripts.addAll(list(root.resolve("scripts"), ".sql"));
    return scripts;
  }

  /** The golden file of a script: its name plus {@code .out}, in the same directory. */
  static Path goldenOf(Path script) {
    return script.resolveSibling(script.getFileName() + ".out");
  }

  /** Regular files directly in {@code dir} whose names end with {@code suffix}, sorted. */
  static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
