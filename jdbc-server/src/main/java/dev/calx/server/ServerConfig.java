package dev.calx.server;

import dev.calx.sql.EngineSettings;
import dev.calx.wasm.GuestMemoryBudget;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * The checked settings of one server. Every value is validated when the configuration is built, so
 * that a bad setting stops the server before it opens the database or the port, with a message
 * naming the setting.
 *
 * @param port TCP port, 0 for any free one
 * @param bind address to listen on
 * @param data data directory, or {@code mem:} / {@code mem:NAME} for an in-memory database
 * @param serialization Avatica wire format
 * @param model Calcite JSON model of JDBC databases to attach, or null
 * @param drivers jars holding the JDBC drivers of the model's databases, in the order given
 * @param modules directory {@code FROM FILE} reads below, or null for {@code <data>/modules}
 * @param users users file for HTTP BASIC authentication, or null for none
 * @param guestMemoryBytes the budget for all WebAssembly instances' memory, in bytes
 * @param maxModuleBytes the largest module CREATE accepts, in bytes
 * @param planCacheEntries the most plans the plan cache keeps, 0 for none
 * @param planCacheBytes the most memory the plan cache may take, in bytes
 * @param maxTableRows the most rows one call of a table function may emit
 */
public record ServerConfig(int port, String bind, String data, Serialization serialization,
    Path model, List<Path> drivers, Path modules, Path users, long guestMemoryBytes,
    long maxModuleBytes,
    int planCacheEntries, long planCacheBytes, int maxTableRows) {
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,2})%");

  /** The configuration that {@code ./calx server} with no arguments uses. */
  public static ServerConfig defaults() {
    return of(Map.of());
  }

  /**
   * Checks settings given as text, filling in defaults.
   *
   * @throws IllegalArgumentException naming the first bad setting
   */
  public static ServerConfig of(Map<ServerSetting, String> given) {
    Map<ServerSetting, String> values = new EnumMap<>(ServerSetting.class);
    for (ServerSetting setting : ServerSetting.values()) {
      String value = given.getOrDefault(setting, setting.defaultValue());
      if (value != null) {
        values.put(setting, value.strip());
      }
    }
    return new ServerConfig(port(values.get(ServerSetting.PORT)),
        bind(values.get(ServerSetting.BIND)), data(values.get(ServerSetting.DATA)),
        serialization(values.get(ServerSetting.SERIALIZATION)),
        file(ServerSetting.MODEL, values.get(ServerSetting.MODEL)),
        driverJars(values.get(ServerSetting.DRIVER)),
        directory(ServerSetting.MODULES, values.get(ServerSetting.MODULES)),
        file(ServerSetting.AUTH, values.get(ServerSetting.AUTH)),
        guestMemory(values.get(ServerSetting.GUEST_MEMORY)),
        maxModuleSize(values.get(ServerSetting.MAX_MODULE_SIZE)),
        planCacheEntries(values.get(ServerSetting.PLAN_CACHE_SIZE)),
        planCacheBytes(values.get(ServerSetting.PLAN_CACHE_MEMORY)),
        maxTableRows(values.get(ServerSetting.MAX_TABLE_ROWS)));
  }

  /** The engine's settings for these: the defaults with what the server was given. */
  public EngineSettings engineSettings(EngineSettings defaults) {
    return defaults.withMaxModuleBytes(maxModuleBytes)
        .withPlanCache(planCacheEntries, planCacheBytes).withMaxTableRows(maxTableRows);
  }

  /** Whether the data lives only in memory. */
  public boolean inMemory() {
    return data.startsWith("mem:");
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as an out-of-range number
    }
    throw bad(ServerSetting.PORT, text, "expected a number from 0 to 65535");
  }

  private static String bind(String text) {
    try {
      InetAddress.getByName(text);
      return text;
    } catch (UnknownHostException e) {
      throw bad(ServerSetting.BIND, text, "not an address of this machine's resolver");
    }
  }

  private static String data(String text) {
    if (text.isEmpty()) {
      throw bad(ServerSetting.DATA, text, "expected a directory or mem:");
    }
    if (!text.startsWith("mem:")) {
      Path path = Path.of(text);
      refuseSemicolon(ServerSetting.DATA, text, path);
      if (Files.exists(path) && !Files.isDirectory(path)) {
        throw bad(ServerSetting.DATA, text, "exists and is not a directory");
      }
    } else if (text.contains(";")) {
      throw bad(ServerSetting.DATA, text, "a name containing ';' is not supported");
    }
    return text;
  }

  /**
   * Refuses a path whose absolute form contains ';': the server passes it on in the engine's JDBC
   * URL, where ';' separates options, and every connection would fail.
   */
  private static void refuseSemicolon(ServerSetting setting, String text, Path path) {
    if (path.toAbsolutePath().toString().contains(";")) {
      throw bad(setting, text, "a path containing ';' is not supported");
    }
  }

  private static Serialization serialization(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "protobuf" -> Serialization.PROTOBUF;
      case "json" -> Serialization.JSON;
      default -> throw bad(ServerSetting.SERIALIZATION, text, "expected protobuf or json");
    };
  }

  private static Path file(ServerSetting setting, String text) {
    if (text == null) {
      return null;
    }
    Path path = Path.of(text);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw bad(setting, text, "no readable file there");
    }
    return path;
  }

  /**
   * The jars of {@code --driver}: class path entries, each a jar or a directory whose jars are
   * taken in name order. Each jar is opened here, so that a missing, unreadable or broken one
   * stops the start rather than the first query of the database that needs it.
   */
  private static List<Path> driverJars(String text) {
    if (text == null) {
      return List.of();
    }
    List<Path> jars = new ArrayList<>();
    for (String entry : text.split(Pattern.quote(File.pathSeparator))) {
      Path path = Path.of(entry.strip());
      if (Files.isDirectory(path)) {
        List<Path> inDirectory = jarsIn(path, entry);
        if (inDirectory.isEmpty()) {
          throw bad(ServerSetting.DRIVER, entry, "no .jar file in that directory");
        }
        jars.addAll(inDirectory);
      } else {
        jars.add(path);
      }
    }
    for (Path jar : jars) {
      try (JarFile opened = new JarFile(jar.toFile())) {
        opened.getManifest();
      } catch (IOException e) {
        throw bad(ServerSetting.DRIVER, jar.toString(), Files.exists(jar)
            ? "not a readable jar file (" + e.getMessage() + ")" : "no file there");
      }
    }
    return List.copyOf(jars);
  }

  private static List<Path> jarsIn(Path directory, String entry) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted()
          .toList();
    } catch (IOException e) {
      throw bad(ServerSetting.DRIVER, entry, "cannot list that directory (" + e + ")");
    }
  }

  private static Path directory(ServerSetting setting, String text) {
    if (text == null) {
      return null;
    }
    Path path = Path.of(text);
    refuseSemicolon(setting, text, path);
    if (!Files.isDirectory(path)) {
      throw bad(setting, text, "no directory there");
    }
    return path;
  }

  /** A size, or a percentage of the maximum heap: at least 64 KiB, at most the heap. */
  private static long guestMemory(String text) {
    long heap = Runtime.getRuntime().maxMemory();
    Matcher percent = PERCENT.matcher(text);
    long bytes = percent.matches()
        ? GuestMemoryBudget.shareOfHeap(Integer.parseInt(percent.group(1)))
        : size(ServerSetting.GUEST_MEMORY, text);
    if (bytes < 64 << 10 || bytes > heap) {
      throw bad(ServerSetting.GUEST_MEMORY, text, "expected 64k up to the maximum heap of "
          + (heap >> 20) + " MiB (raise it with CALX_HEAP), or 1% to 99%");
    }
    return bytes;
  }

  private static long maxModuleSize(String text) {
    long bytes = size(ServerSetting.MAX_MODULE_SIZE, text);
    if (bytes < 1 << 10 || bytes > 1 << 30) {
      throw bad(ServerSetting.MAX_MODULE_SIZE, text, "expected 1k to 1g");
    }
    return bytes;
  }

  private static int planCacheEntries(String text) {
    try {
      return EngineSettings.planCacheEntries(text);
    } catch (IllegalArgumentException e) {
      throw bad(ServerSetting.PLAN_CACHE_SIZE, text, e.getMessage());
    }
  }

  private static long planCacheBytes(String text) {
    try {
      return EngineSettings.planCacheBytes(text);
    } catch (IllegalArgumentException e) {
      throw bad(ServerSetting.PLAN_CACHE_MEMORY, text, e.getMessage());
    }
  }

  private static int maxTableRows(String text) {
    try {
      return EngineSettings.maxTableRows(text);
    } catch (IllegalArgumentException e) {
      throw bad(ServerSetting.MAX_TABLE_ROWS, text, e.getMessage());
    }
  }

  /** Bytes, or KiB, MiB or GiB with a suffix k, m or g. */
  private static long size(ServerSetting setting, String text) {
    try {
      return EngineSettings.bytes(text);
    } catch (IllegalArgumentException e) {
      throw bad(setting, text, e.getMessage());
    }
  }

  private static IllegalArgumentException bad(ServerSetting setting, String value, String why) {
    return new IllegalArgumentException("bad --" + setting.key() + " '" + value + "': " + why);
  }
}
