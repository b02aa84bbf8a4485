package dev.calx.sql.jdbc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The keys the embedded driver reads, from its URL ({@code jdbc:calx:<location>;key=value...})
 * or from connection properties, with their defaults as docs/sql-reference.md ("Connection
 * URL") states them. A URL naming any other key is refused (08001); connection properties may
 * carry others, as tools add their own.
 */
public enum DriverProperty {
  /** The location, when the URL names none. */
  DATA("data", "none", "the data directory or mem: location, when the URL names none"),
  /** The only directory {@code CREATE ... FROM FILE} may read below. */
  MODULES("modules", "<data directory>/modules",
      "the directory that CREATE ... FROM FILE may read below"),
  /** The user named in the audit log. */
  USER("calx.user", "embedded", "the user named in the audit log"),
  /** The session's role: {@code admin} may CREATE and DROP, {@code user} may not. */
  ROLE("calx.role", "admin", "admin may CREATE and DROP; user may not"),
  /** The most plans the database's plan cache keeps; 0 turns it off. */
  PLAN_CACHE_SIZE("plan_cache_size", "1000",
      "the most plans the plan cache keeps, 0 to 1000000; 0 turns it off"),
  /** The most memory the database's plan cache may take. */
  PLAN_CACHE_MEMORY("plan_cache_memory", "64m",
      "the most memory the plan cache may take (bytes, or 512k, 64m, 1g)");

  private final String key;
  private final String documentedDefault;
  private final String description;

  DriverProperty(String key, String documentedDefault, String description) {
    this.key = key;
    this.documentedDefault = documentedDefault;
    this.description = description;
  }

  /** The key as written in a URL or a connection property. */
  public String key() {
    return key;
  }

  /** The default as documentation states it. */
  public String documentedDefault() {
    return documentedDefault;
  }

  /** What the key sets. */
  public String description() {
    return description;
  }

  /** The value {@code properties} give this key, or null. */
  String in(Properties properties) {
    String value = properties.getProperty(key);
    return value == null ? null : value.strip();
  }

  /** The property with {@code key}, or null if the driver knows no such key. */
  static DriverProperty of(String key) {
    for (DriverProperty p : values()) {
      if (p.key.equals(key.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    return null;
  }

  /** Every key, for messages. */
  static String keys() {
    return Arrays.stream(values()).map(DriverProperty::key).collect(Collectors.joining(", "));
  }
}
