package dev.calx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.calx.sql.EngineSettings;
import dev.calx.wasm.GuestMemoryBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults as documented, and bad settings refused before anything starts. */
class ServerConfigTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    ServerConfig config = ServerConfig.defaults();
    assertEquals(8765, config.port());
    assertEquals("127.0.0.1", config.bind());
    assertEquals("./data", config.data());
    assertEquals(Serialization.PROTOBUF, config.serialization());
    assertNull(config.users());
    assertNull(config.model());
    assertNull(config.modules());
    assertEquals(GuestMemoryBudget.shareOfHeap(25), config.guestMemoryBytes());
    assertEquals(16 << 20, config.maxModuleBytes());
    assertEquals(1_000, config.planCacheEntries());
    assertEquals(64 << 20, config.planCacheBytes());
    assertEquals(1_000_000, config.maxTableRows());
  }

  @Test
  void theRowCapReachesTheEngineSettings() {
    Map<ServerSetting, String> settings = ServerCommand.parse(
        new String[] {"--max-table-rows", "5", "--plan-cache-size=0"});
    EngineSettings engine = ServerConfig.of(settings)
        .engineSettings(EngineSettings.defaults(Path.of("data")));
    assertEquals(5, engine.maxTableRows());
    assertEquals(0, engine.planCacheEntries());
    assertEquals(EngineSettings.DEFAULT_MAX_TABLE_ROWS, ServerConfig.defaults()
        .engineSettings(EngineSettings.defaults(Path.of("data"))).maxTableRows());
  }

  @Test
  void sizesTakeASuffixAndTheBudgetAPercentage() {
    ServerConfig config = ServerConfig.of(Map.of(ServerSetting.GUEST_MEMORY, "64m",
        ServerSetting.MAX_MODULE_SIZE, "512K"));
    assertEquals(64 << 20, config.guestMemoryBytes());
    assertEquals(512 << 10, config.maxModuleBytes());
    assertEquals(GuestMemoryBudget.shareOfHeap(10),
        ServerConfig.of(Map.of(ServerSetting.GUEST_MEMORY, "10%")).guestMemoryBytes());
    assertEquals(ServerSetting.GUEST_MEMORY, ServerSetting.ofKey("guest-memory"));
  }

  @Test
  void badSettingsAreRefusedWithTheirName() {
    assertRefused(Map.of(ServerSetting.PORT, "70000"), "bad --port '70000'");
    assertRefused(Map.of(ServerSetting.PORT, "http"), "bad --port 'http'");
    assertRefused(Map.of(ServerSetting.SERIALIZATION, "xml"), "bad --serialization 'xml'");
    assertRefused(Map.of(ServerSetting.AUTH, "/no/such/users"), "bad --auth '/no/such/users'");
    assertRefused(Map.of(ServerSetting.MODEL, "/no/such/model"), "bad --model '/no/such/model'");
    assertRefused(Map.of(ServerSetting.MODULES, "/no/such/dir"), "bad --modules '/no/such/dir'");
    assertRefused(Map.of(ServerSetting.DATA, "/etc/hostname"), "bad --data '/etc/hostname'");
    assertRefused(Map.of(ServerSetting.GUEST_MEMORY, "lots"), "bad --guest-memory 'lots'");
    assertRefused(Map.of(ServerSetting.GUEST_MEMORY, "0%"), "bad --guest-memory '0%'");
    assertRefused(Map.of(ServerSetting.GUEST_MEMORY, "100000g"),
        "bad --guest-memory '100000g': expected 64k up to the maximum heap");
    assertRefused(Map.of(ServerSetting.GUEST_MEMORY, "99999999999999999g"),
        "bad --guest-memory '99999999999999999g': too large");
    assertRefused(Map.of(ServerSetting.MAX_MODULE_SIZE, "2g"), "bad --max-module-size '2g'");
    assertRefused(Map.of(ServerSetting.MAX_TABLE_ROWS, "0"),
        "bad --max-table-rows '0': expected a number of rows from 1 to 100000000, got 0");
    assertRefused(Map.of(ServerSetting.MAX_TABLE_ROWS, "1m"),
        "bad --max-table-rows '1m': expected a number of rows from 1 to 100000000");
    assertRefused(Map.of(ServerSetting.PLAN_CACHE_SIZE, "-1"), "bad --plan-cache-size '-1'");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServerCommand.parse(new String[] {"--colour", "blue"}));
    assertEquals("unknown setting --colour", e.getMessage());
  }

  /** A ';' would reach the engine's JDBC URL and break every connection: refused at start. */
  @Test
  void semicolonsInPathsAreRefused(@TempDir Path dir) throws Exception {
    Path modules = Files.createDirectory(dir.resolve("a;b"));
    assertRefused(Map.of(ServerSetting.MODULES, modules.toString()),
        "bad --modules '" + modules + "': a path containing ';' is not supported");
    assertRefused(Map.of(ServerSetting.DATA, dir.resolve("d;x").toString()),
        "bad --data '" + dir.resolve("d;x") + "': a path containing ';' is not supported");
    assertRefused(Map.of(ServerSetting.DATA, "mem:x;modules=/"),
        "bad --data 'mem:x;modules=/': a name containing ';' is not supported");
    assertEquals(dir, ServerConfig.of(Map.of(ServerSetting.MODULES, dir.toString())).modules());
  }

  /** Driver jars: a jar, a directory of jars, repeated; a missing or broken one refused. */
  @Test
  void driverJarsAreOpenedAtStart(@TempDir Path dir) throws Exception {
    Path lib = Files.createDirectory(dir.resolve("lib"));
    Path a = jar(lib.resolve("a.jar"));
    Path b = jar(lib.resolve("b.jar"));
    Path c = jar(dir.resolve("c.jar"));
    Files.writeString(lib.resolve("README"), "not a jar");
    Map<ServerSetting, String> settings = ServerCommand.parse(
        new String[] {"--driver", lib.toString(), "--driver=" + c});
    assertEquals(List.of(a, b, c), ServerConfig.of(settings).drivers());
    assertEquals(List.of(), ServerConfig.defaults().drivers());
    assertRefused(Map.of(ServerSetting.DRIVER, "/no/such.jar"),
        "bad --driver '/no/such.jar': no file there");
    Path text = Files.writeString(dir.resolve("text.jar"), "not a jar");
    assertRefused(Map.of(ServerSetting.DRIVER, text.toString()),
        "bad --driver '" + text + "': not a readable jar file");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertRefused(Map.of(ServerSetting.DRIVER, empty.toString()),
        "bad --driver '" + empty + "': no .jar file in that directory");
  }

  private static Path jar(Path path) throws Exception {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path))) {
      out.putNextEntry(new JarEntry("x.txt"));
    }
    return path;
  }

  private static void assertRefused(Map<ServerSetting, String> settings, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(settings));
    assertEquals(message, e.getMessage().substring(0, message.length()), e.getMessage());
  }
}
