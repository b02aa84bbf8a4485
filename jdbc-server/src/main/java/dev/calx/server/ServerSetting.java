package dev.calx.server;

import java.util.Locale;

/**
 * The settings of a Calx server, each with its command-line key, unit and documented default, in
 * the style of Avatica's {@code BuiltInConnectionProperty}.
 */
public enum ServerSetting {
  /** TCP port the server listens on; 0 picks a free one (the chosen port is printed). */
  PORT("8765", "port number", "TCP port to listen on; 0 picks a free port"),
  /** Address the server binds to; the default serves only this machine. */
  BIND("127.0.0.1", "host name or IP address",
      "address to listen on; 0.0.0.0 listens on every interface"),
  /** Data directory of the embedded database: tables, procedure catalog, audit log. */
  DATA("./data", "directory, or mem: for a throw-away in-memory database",
      "where the embedded H2 database, the procedure catalog and audit.log live"),
  /** Wire format of the Avatica protocol. */
  SERIALIZATION("protobuf", "protobuf or json",
      "Avatica wire format; clients must use the same in their URL"),
  /** A Calcite JSON model whose JDBC schemas are attached to every connection. */
  MODEL(null, "file", "Calcite JSON model of further JDBC databases, each pooled by HikariCP"),
  /** JDBC driver jars for the databases of the model; may be given several times. */
  DRIVER(null, "jar file or directory of jars; repeatable",
      "JDBC driver of a --model database that the server's class path lacks"),
  /** The only directory {@code CREATE ... FROM FILE} may read below. */
  MODULES(null, "directory",
      "the only directory CREATE ... FROM FILE may read modules from"),
  /** Users file enabling HTTP BASIC authentication. */
  AUTH(null, "file",
      "users file (user: password,role) enabling HTTP BASIC authentication; roles admin, user"),
  /** The budget for the linear memory of every WebAssembly instance together. */
  GUEST_MEMORY("25%", "size (512m, 2g) or percentage of the maximum heap (25%)",
      "memory all WebAssembly instances may hold together; a call that cannot get memory"
          + " within 200 ms fails with 53200"),
  /** The largest module, or WAT text, CREATE accepts. */
  MAX_MODULE_SIZE("16m", "size (16m, 64k), 1k to 1g",
      "largest module (or WAT text) CREATE accepts; a larger one fails with 54000"),
  /** The most plans the plan cache keeps. */
  PLAN_CACHE_SIZE("1000", "plans, 0 to 1000000",
      "the most statement plans the plan cache keeps; 0 turns the cache off"),
  /** The most memory the plan cache's plans may take. */
  PLAN_CACHE_MEMORY("64m", "size (64m, 512k)",
      "the most memory the plan cache's plans may take, by its estimate of their size"),
  /** The most rows one call of a table function may emit. */
  MAX_TABLE_ROWS("1000000", "rows, 1 to 100000000",
      "the most rows one call of a table function may emit; one more fails it with 54000");

  private final String defaultValue;
  private final String unit;
  private final String description;

  ServerSetting(String defaultValue, String unit, String description) {
    this.defaultValue = defaultValue;
    this.unit = unit;
    this.description = description;
  }

  /** The key as written on the command line, without its leading {@code --}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The value used when the setting is absent, or null if absent means "off". */
  public String defaultValue() {
    return defaultValue;
  }

  /** The default as documentation states it. */
  public String documentedDefault() {
    return switch (this) {
      case MODULES -> "<data>/modules";
      case AUTH -> "none: no authentication, every client is admin";
      case MODEL -> "none";
      case DRIVER -> "none: only the drivers built in (H2)";
      case GUEST_MEMORY -> "25% of the maximum heap (-Xmx; the launcher sets 2g)";
      default -> defaultValue;
    };
  }

  /** What kind of value the setting takes. */
  public String unit() {
    return unit;
  }

  /** One line on what the setting does. */
  public String description() {
    return description;
  }

  /** The setting with a command-line key, e.g. {@code port}. */
  public static ServerSetting ofKey(String key) {
    for (ServerSetting setting : values()) {
      if (setting.key().equals(key)) {
        return setting;
      }
    }
    throw new IllegalArgumentException("unknown setting --" + key);
  }
}
