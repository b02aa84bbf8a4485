package dev.calx.server;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code calx server}: reads the settings of {@link ServerSetting} from the command line, starts a
 * {@link CalxServer}, prints the JDBC URL and serves until the process is told to stop (SIGTERM or
 * Ctrl-C), then shuts down cleanly. Exit status 2 means a bad setting, 1 a failed start.
 */
public final class ServerCommand {
  /** One line per record: time, level, logger, message. */
  private static final String LOG_FORMAT = "%1$tF %1$tT.%1$tL %4$-7s %3$s - %5$s%6$s%n";

  static {
    // Before any JUL formatter exists: SimpleFormatter reads its format once.
    System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
  }

  /** Held for the life of the process: JUL keeps loggers, and so their handlers, only weakly. */
  private static final Logger AUDIT = Logger.getLogger("dev.calx.audit");

  private ServerCommand() {}

  /** Runs the server; see {@link #usage}. */
  public static void main(String[] args) throws InterruptedException {
    ServerConfig config;
    try {
      Map<ServerSetting, String> settings = parse(args);
      if (settings == null) {
        usage(System.out);
        return;
      }
      config = ServerConfig.of(settings);
    } catch (IllegalArgumentException e) {
      System.err.println("calx server: " + e.getMessage());
      System.err.println("Try './calx server --help'.");
      System.exit(2);
      return;
    }
    configureLogging(config);
    CalxServer server;
    try {
      server = CalxServer.start(config);
    } catch (Exception e) {
      System.err.println("calx server: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      // Not through the log: JUL shuts its handlers down in a shutdown hook of its own.
      System.err.println("calx server: stopped; " + config.data() + " closed cleanly");
    }, "calx-shutdown"));
    System.out.println("Calx serves " + config.data() + " at " + server.jdbcUrl()
        + (config.users() == null ? "" : ";authentication=BASIC"));
    if (!server.attachedSchemas().isEmpty()) {
      System.out.println("Attached schemas: " + String.join(", ", server.attachedSchemas()));
    }
    System.out.println("Connect with: ./calx sql --url '" + server.clientUrl() + "'"
        + (config.users() == null ? "" : " --user NAME --password SECRET"));
    System.out.flush();
    server.join();
  }

  /** The settings given, or null if help was asked for. */
  static Map<ServerSetting, String> parse(String[] args) {
    Map<ServerSetting, String> settings = new EnumMap<>(ServerSetting.class);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return null;
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String key = arg.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + key + " needs a value");
      }
      ServerSetting setting = ServerSetting.ofKey(key);
      if (setting == ServerSetting.DRIVER) {
        // Repeatable: the jars of all --driver options, as one class path.
        settings.merge(setting, value, (jars, jar) -> jars + File.pathSeparator + jar);
      } else {
        settings.put(setting, value);
      }
    }
    return settings;
  }

  static void usage(PrintStream out) {
    out.println("Usage: ./calx server [--setting value ...]");
    out.println();
    out.println("Serves JDBC (Avatica over HTTP) over a Calx database until stopped with SIGTERM"
        + " or Ctrl-C.");
    out.println();
    for (ServerSetting setting : ServerSetting.values()) {
      out.printf(Locale.ROOT, "  --%-15s %s%n", setting.key(), setting.description());
      out.printf(Locale.ROOT, "  %-17s %s; default: %s%n", "", setting.unit(),
          setting.documentedDefault());
    }
  }

  /**
   * One-line log records on standard error and, for a durable database, the audit trail of schema
   * changes in {@code <data>/audit.log} as well.
   */
  private static void configureLogging(ServerConfig config) {
    if (config.inMemory()) {
      return;
    }
    try {
      Path data = Path.of(config.data());
      Files.createDirectories(data);
      FileHandler audit = new FileHandler(data.resolve("audit.log").toString(), true);
      audit.setFormatter(new SimpleFormatter());
      AUDIT.addHandler(audit);
    } catch (IOException e) {
      System.err.println("calx server: cannot open the audit log: " + e.getMessage());
      System.exit(1);
    }
  }
}
