package dev.calx.client;

import dev.calx.jdbc.ConnectionKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.avatica.ConnectStringParser;

/**
 * A client driver URL, {@code jdbc:calx://host:port[,host:port...][/][;key=value...]}, with the
 * connection properties given beside it, turned into what Avatica's remote driver reads: the
 * server URLs, HTTP BASIC credentials, the serialization and, for several servers, client-side
 * load balancing over all of them.
 *
 * @param servers the HTTP URLs of the servers, in the order the URL lists them
 * @param avatica the connection properties for Avatica's remote driver
 */
record ClientUrl(List<String> servers, Properties avatica) {
  /** The URL prefix of the client driver. */
  static final String PREFIX = "jdbc:calx://";

  /** The URL of Avatica's remote driver that needs no further key. */
  static final String AVATICA_URL = "jdbc:avatica:remote:";

  /**
   * Parses {@code url}; keys in the URL win over {@code info}.
   *
   * @throws SQLException 08001 if the URL is malformed or names a key the driver does not know
   */
  static ClientUrl parse(String url, Properties info) throws SQLException {
    String rest = url.substring(PREFIX.length());
    int semicolon = rest.indexOf(';');
    String hosts = (semicolon < 0 ? rest : rest.substring(0, semicolon)).strip();
    if (hosts.endsWith("/")) {
      hosts = hosts.substring(0, hosts.length() - 1);
    }
    Properties given = new Properties();
    for (ClientProperty p : ClientProperty.values()) {
      String value = p.in(info);
      if (value != null) {
        given.setProperty(p.key(), value);
      }
    }
    if (semicolon >= 0) {
      Properties options = ConnectStringParser.parse(rest.substring(semicolon + 1));
      for (String key : options.stringPropertyNames()) {
        ClientProperty property = ClientProperty.of(key);
        if (property == null) {
          throw new SQLException("bad URL option '" + key + "' in " + redacted(url)
              + ": expected key=value with a key of " + ConnectionKey.keys(ClientProperty.class),
              "08001");
        }
        given.setProperty(property.key(), options.getProperty(key));
      }
    }
    String ssl = given.getProperty(ClientProperty.SSL.key(), "false").toLowerCase(Locale.ROOT);
    if (!ssl.equals("true") && !ssl.equals("false")) {
      throw new SQLException("bad ssl '" + ssl + "': expected true or false", "08001");
    }
    List<String> servers = servers(hosts, url, ssl.equals("true") ? "https://" : "http://");
    return new ClientUrl(servers, avatica(servers, given));
  }

  private static List<String> servers(String hosts, String url, String scheme)
      throws SQLException {
    List<String> servers = new ArrayList<>();
    for (String host : hosts.split(",", -1)) {
      String address = host.strip();
      int colon = address.lastIndexOf(':');
      if (address.isEmpty() || address.contains("/") || colon <= 0
          || !address.substring(colon + 1).matches("[0-9]{1,5}")) {
        throw new SQLException("bad server '" + address + "' in " + redacted(url)
            + ": expected jdbc:calx://host:port[,host:port...][;key=value...]", "08001");
      }
      servers.add(scheme + address);
    }
    return servers;
  }

  private static Properties avatica(List<String> servers, Properties given)
      throws SQLException {
    Properties avatica = new Properties();
    // Avatica's remote driver needs "url" even when it balances over lb_urls.
    avatica.setProperty("url", servers.get(0));
    String serialization = given.getProperty(ClientProperty.SERIALIZATION.key(),
        ClientProperty.SERIALIZATION.documentedDefault()).toLowerCase(Locale.ROOT);
    if (!serialization.equals("protobuf") && !serialization.equals("json")) {
      throw new SQLException("bad serialization '" + serialization
          + "': expected protobuf or json", "08001");
    }
    avatica.setProperty("serialization", serialization);
    String user = given.getProperty(ClientProperty.USER.key());
    if (user != null && !user.isEmpty()) {
      avatica.setProperty("authentication", "BASIC");
      avatica.setProperty("avatica_user", user);
      avatica.setProperty("avatica_password",
          given.getProperty(ClientProperty.PASSWORD.key(), ""));
    }
    for (ClientProperty p : List.of(ClientProperty.TRUSTSTORE,
        ClientProperty.TRUSTSTORE_PASSWORD)) {
      String value = given.getProperty(p.key());
      if (value != null) {
        avatica.setProperty(p.key(), value);
      }
    }
    if (servers.size() > 1) {
      avatica.setProperty("use_client_side_lb", "true");
      avatica.setProperty("lb_urls", String.join(",", servers));
      for (ClientProperty p : List.of(ClientProperty.LB_STRATEGY,
          ClientProperty.LB_CONNECTION_FAILOVER_RETRIES,
          ClientProperty.LB_CONNECTION_FAILOVER_SLEEP_TIME)) {
        String value = given.getProperty(p.key(), p.documentedDefault());
        if (p != ClientProperty.LB_STRATEGY && !value.matches("[0-9]{1,9}")) {
          throw new SQLException("bad " + p.key() + " '" + value
              + "': expected a whole number of at least 0", "08001");
        }
        avatica.setProperty(p.key(), value);
      }
    }
    return avatica;
  }

  /** {@code url} without the value of its password, for messages. */
  private static String redacted(String url) {
    return url.replaceAll("(?i)(password\\s*=)(\"[^\"]*\"|'[^']*'|[^;]*)", "$1***");
  }
}
