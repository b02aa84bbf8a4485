package dev.calx.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The client driver's URL forms and keys, turned into Avatica's properties. */
class ClientUrlTest {
  @Test
  void oneServerWithDefaults() throws SQLException {
    for (String url : List.of("jdbc:calx://db.example:8765", "jdbc:calx://db.example:8765/",
        "jdbc:calx://db.example:8765/;")) {
      ClientUrl parsed = ClientUrl.parse(url, new Properties());
      assertEquals(List.of("http://db.example:8765"), parsed.servers(), url);
      Properties avatica = parsed.avatica();
      assertEquals("http://db.example:8765", avatica.getProperty("url"));
      assertEquals("protobuf", avatica.getProperty("serialization"));
      assertNull(avatica.getProperty("authentication"));
      assertNull(avatica.getProperty("use_client_side_lb"));
    }
  }

  @Test
  void httpsThroughATlsProxy() throws SQLException {
    ClientUrl parsed = ClientUrl.parse("jdbc:calx://a:443,b:443;SSL=true;truststore=/t.jks;"
        + "truststore_password=secret", new Properties());
    assertEquals(List.of("https://a:443", "https://b:443"), parsed.servers());
    assertEquals("https://a:443,https://b:443", parsed.avatica().getProperty("lb_urls"));
    assertEquals("/t.jks", parsed.avatica().getProperty("truststore"));
    assertEquals("secret", parsed.avatica().getProperty("truststore_password"));
    SQLException bad = assertThrows(SQLException.class,
        () -> ClientUrl.parse("jdbc:calx://a:1;ssl=yes;truststore_password=secret", null));
    assertEquals("08001", bad.getSQLState());
    assertFalse(bad.getMessage().contains("secret"), bad.getMessage());
  }

  @Test
  void credentialsFromTheUrlOrTheProperties() throws SQLException {
    Properties avatica = ClientUrl.parse(
        "jdbc:calx://h:1;USER=alice;Password='se;cret';serialization=JSON", null).avatica();
    assertEquals("BASIC", avatica.getProperty("authentication"));
    assertEquals("alice", avatica.getProperty("avatica_user"));
    assertEquals("se;cret", avatica.getProperty("avatica_password"));
    assertEquals("json", avatica.getProperty("serialization"));
    // Never sent to the server as connection properties.
    assertNull(avatica.getProperty("user"));
    assertNull(avatica.getProperty("password"));

    Properties info = new Properties();
    info.setProperty("user", "bob");
    info.setProperty("password", "pw");
    info.setProperty("someToolsOwnKey", "x");
    avatica = ClientUrl.parse("jdbc:calx://h:1", info).avatica();
    assertEquals("bob", avatica.getProperty("avatica_user"));
    assertEquals("pw", avatica.getProperty("avatica_password"));
    assertNull(avatica.getProperty("someToolsOwnKey"));
    // The URL wins over the properties; an empty user (sqlline's -n "") means none.
    assertEquals("carol",
        ClientUrl.parse("jdbc:calx://h:1;user=carol", info).avatica().get("avatica_user"));
    info.setProperty("user", "");
    assertNull(ClientUrl.parse("jdbc:calx://h:1", info).avatica().get("authentication"));
  }

  @Test
  void severalServersBalanceAndFailOver() throws SQLException {
    ClientUrl parsed = ClientUrl.parse("jdbc:calx://a:1, b:2,c:3/;lb_connection_failover_retries=5"
        + ";LB_CONNECTION_FAILOVER_SLEEP_TIME=10", null);
    assertEquals(List.of("http://a:1", "http://b:2", "http://c:3"), parsed.servers());
    Properties avatica = parsed.avatica();
    assertEquals("true", avatica.getProperty("use_client_side_lb"));
    assertEquals("http://a:1,http://b:2,http://c:3", avatica.getProperty("lb_urls"));
    assertEquals("5", avatica.getProperty("lb_connection_failover_retries"));
    assertEquals("10", avatica.getProperty("lb_connection_failover_sleep_time"));
    assertEquals(ClientProperty.LB_STRATEGY.documentedDefault(),
        avatica.getProperty("lb_strategy"));
    assertEquals("http://a:1", avatica.getProperty("url"));
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    SQLException unknown = assertThrows(SQLException.class,
        () -> ClientUrl.parse("jdbc:calx://h:1;password=s3cret;usr=alice", null));
    assertEquals("08001", unknown.getSQLState());
    assertTrue(unknown.getMessage().contains("'usr'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains(
        "user, password, serialization, ssl, truststore"), unknown.getMessage());
    assertFalse(unknown.getMessage().contains("s3cret"), unknown.getMessage());
    for (String url : List.of("jdbc:calx://", "jdbc:calx://h", "jdbc:calx://h:port",
        "jdbc:calx://h:1,", "jdbc:calx://h:1/db", "jdbc:calx://h:1;serialization=xml",
        "jdbc:calx://a:1,b:2;lb_connection_failover_retries=-1")) {
      SQLException e = assertThrows(SQLException.class, () -> ClientUrl.parse(url, null), url);
      assertEquals("08001", e.getSQLState(), url);
    }
  }

  @Test
  void registeredForItsUrlsOnly() throws SQLException {
    Driver driver = DriverManager.getDriver("jdbc:calx://h:1");
    assertTrue(driver instanceof CalxClientDriver);
    assertFalse(driver.acceptsURL("jdbc:calx:./data"));
    assertNull(driver.connect("jdbc:calx:mem:", new Properties()));
    DriverPropertyInfo[] keys = driver.getPropertyInfo("jdbc:calx://h:1", new Properties());
    assertEquals(ClientProperty.values().length, keys.length);
    assertEquals("serialization", keys[2].name);
    assertTrue(keys[2].description.contains("default protobuf"), keys[2].description);
  }
}
