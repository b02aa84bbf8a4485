package dev.calx.sql.jdbc;

import dev.calx.jdbc.ConnectionKey;

/**
 * The keys the embedded driver reads, from its URL ({@code jdbc:calx:<location>;key=value...})
 * or from connection properties, with their defaults as docs/sql-reference.md ("Connection
 * URL") states them. A URL naming any other key is refused (08001); connection properties may
 * carry others, as tools add their own.
 */
public enum DriverProperty implements ConnectionKey {
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
      "the most memory the plan cache may take (bytes, or 512k, 64m, 1g)"),
  /** The most rows one call of a table function may emit. */
  MAX_TABLE_ROWS("max_table_rows", "1000000",
      "the most rows one call of a table function may emit, 1 to 100000000");

  private final Spec spec;

  DriverProperty(String key, String documentedDefault, String description) {
    this.spec = new Spec(key, documentedDefault, description);
  }

  @Override
  public Spec spec() {
    return spec;
  }

  /** The property with {@code key}, or null if the driver knows no such key. */
  static DriverProperty of(String key) {
    return ConnectionKey.of(DriverProperty.class, key);
  }
}
