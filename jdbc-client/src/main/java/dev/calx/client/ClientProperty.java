package dev.calx.client;

import dev.calx.jdbc.ConnectionKey;

/**
 * The keys the client driver reads, from its URL ({@code jdbc:calx://host:port;key=value...}) or
 * from connection properties, with their defaults as docs/operations.md ("The client driver")
 * states them. A URL naming any other key is refused (08001); connection properties may carry
 * others, as tools add their own. The load balancing keys are Avatica's own and mean what they
 * mean there; they matter only when the URL lists several servers.
 */
public enum ClientProperty implements ConnectionKey {
  /** The user, sent as HTTP BASIC credentials. */
  USER("user", null, "the user, sent with the password as HTTP BASIC credentials"),
  /** The user's password. */
  PASSWORD("password", null, "the user's password"),
  /** How requests and responses are encoded; the server's must be the same. */
  SERIALIZATION("serialization", "protobuf",
      "protobuf or json: the server's --serialization"),
  /** Whether the servers are reached over HTTPS: a TLS proxy in front of each server. */
  SSL("ssl", "false", "true to reach the servers over HTTPS (a TLS proxy in front of each)"),
  /** The trust store that holds the proxies' certificates, if the JVM's default does not. */
  TRUSTSTORE("truststore", null,
      "with ssl=true: a JKS trust store for the proxies' certificates (default: the JVM's)"),
  /** The trust store's password. */
  TRUSTSTORE_PASSWORD("truststore_password", null, "the trust store's password"),
  /** Which server of several a new connection tries first. */
  LB_STRATEGY("lb_strategy", "org.apache.calcite.avatica.ha.ShuffledRoundRobinLBStrategy",
      "with several servers: the class that picks the server a new connection tries first"),
  /** How many more servers a new connection tries when one does not answer. */
  LB_CONNECTION_FAILOVER_RETRIES("lb_connection_failover_retries", "3",
      "with several servers: how many more servers a new connection tries after a failure"),
  /** How long a new connection waits before it tries the next server. */
  LB_CONNECTION_FAILOVER_SLEEP_TIME("lb_connection_failover_sleep_time", "1000",
      "with several servers: milliseconds to wait before trying the next server");

  private final Spec spec;

  ClientProperty(String key, String documentedDefault, String description) {
    this.spec = new Spec(key, documentedDefault, description);
  }

  @Override
  public Spec spec() {
    return spec;
  }

  /** The property with {@code key} in any case, or null if the driver knows no such key. */
  static ClientProperty of(String key) {
    return ConnectionKey.of(ClientProperty.class, key);
  }
}
