package dev.calx.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The keys the client driver reads, from its URL ({@code jdbc:calx://host:port;key=value...}) or
 * from connection properties, with their defaults as docs/operations.md ("The client driver")
 * states them. A URL naming any other key is refused (08001); connection properties may carry
 * others, as tools add their own. The load balancing keys are Avatica's own and mean what they
 * mean there; they matter only when the URL lists several servers.
 */
public enum ClientProperty {
  /** The user, sent as HTTP BASIC credentials. */
  USER("user", null, "the user, sent with the password as HTTP BASIC credentials"),
  /** The user's password. */
  PASSWORD("password", null, "the user's password"),
  /** How requests and responses are encoded; the server's must be the same. */
  SERIALIZATION("serialization", "protobuf",
      "protobuf or json: the server's --serialization"),
  /** Which server of several a new connection tries first. */
  LB_STRATEGY("lb_strategy", "org.apache.calcite.avatica.ha.ShuffledRoundRobinLBStrategy",
      "with several servers: the class that picks the server a new connection tries first"),
  /** How many more servers a new connection tries when one does not answer. */
  LB_CONNECTION_FAILOVER_RETRIES("lb_connection_failover_retries", "3",
      "with several servers: how many more servers a new connection tries after a failure"),
  /** How long a new connection waits before it tries the next server. */
  LB_CONNECTION_FAILOVER_SLEEP_TIME("lb_connection_failover_sleep_time", "1000",
      "with several servers: milliseconds to wait before trying the next server");

  private final String key;
  private final String documentedDefault;
  private final String description;

  ClientProperty(String key, String documentedDefault, String description) {
    this.key = key;
    this.documentedDefault = documentedDefault;
    this.description = description;
  }

  /** The key as written in a URL or a connection property. */
  public String key() {
    return key;
  }

  /** The default as documentation states it, or null if there is none. */
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

  /** The property with {@code key} in any case, or null if the driver knows no such key. */
  static ClientProperty of(String key) {
    for (ClientProperty p : values()) {
      if (p.key.equals(key.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    return null;
  }

  /** Every key, for messages. */
  static String keys() {
    return Arrays.stream(values()).map(ClientProperty::key).collect(Collectors.joining(", "));
  }
}
