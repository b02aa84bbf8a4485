package dev.calx.sql.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calx.sql.jdbc.Database;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import net.hydromatic.quidem.Quidem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the Quidem scripts in {@code src/test/resources/sql} against the embedded driver: each
 * script is its own expected output, so a script passes when running it reproduces it exactly,
 * with the plan cache on (its default size) and off.
 * A failing run leaves the actual output in {@code target/quidem} to diff against the script.
 *
 * <p>Connections a script can {@code !use}: {@code calx}, a private in-memory database;
 * {@code user}, the same database in the role {@code user}; {@code disk}, a database in a
 * temporary directory; {@code restart}, that database after closing it and opening it again.
 * {@code FROM FILE} reads the compiled test guests of wasm-udf.
 */
class ScriptTest {
  private static final Path SCRIPTS = Path.of("src/test/resources/sql");
  private static final Path GUESTS = Path.of("../wasm-udf/src/test/resources/guests");

  @TempDir
  Path dataDirectory;

  /** Each script with the plan cache at its default size and turned off. */
  static Stream<Arguments> scripts() throws Exception {
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".iq")).sorted().toList();
      return names.stream().flatMap(n -> Stream.of(Arguments.of(n, 1000), Arguments.of(n, 0)));
    }
  }

  @ParameterizedTest(name = "{0}, plan cache size {1}")
  @MethodSource("scripts")
  void script(String name, int planCacheSize) throws Exception {
    String options = ";modules=" + GUESTS.toAbsolutePath().normalize() + ";plan_cache_size="
        + planCacheSize;
    Path out = Path.of("target/quidem/plan-cache-" + planCacheSize, name);
    Files.createDirectories(out.getParent());
    try (Reader reader = Files.newBufferedReader(SCRIPTS.resolve(name));
        Writer writer = Files.newBufferedWriter(out)) {
      new Quidem(Quidem.configBuilder()
          .withReader(reader)
          .withWriter(writer)
          .withConnectionFactory((db, reference) -> reference ? null
              : connect(name + "-" + planCacheSize, options, db))
          .withStackLimit(4096)
          .build())
          .execute();
    }
    assertEquals(Files.readString(SCRIPTS.resolve(name)), Files.readString(out),
        () -> "output of " + name + " differs; see " + out.toAbsolutePath());
  }

  private Connection connect(String script, String options, String db) throws Exception {
    String memory = "jdbc:calx:mem:" + script + options;
    Properties properties = new Properties();
    switch (db) {
      case "calx":
        return DriverManager.getConnection(memory, properties);
      case "user":
        properties.setProperty("calx.user", "alice");
        properties.setProperty("calx.role", "user");
        return DriverManager.getConnection(memory, properties);
      case "disk":
        return DriverManager.getConnection("jdbc:calx:" + dataDirectory + options);
      case "restart":
        Database.open(dataDirectory.toString(), GUESTS).close();
        return DriverManager.getConnection("jdbc:calx:" + dataDirectory + options);
      default:
        return null;
    }
  }
}
