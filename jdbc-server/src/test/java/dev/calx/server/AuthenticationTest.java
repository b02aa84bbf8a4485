package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTP BASIC authentication from a users file: admins change the schema, users call, query and
 * write data, everyone else is turned away; the audit log names the authenticated user.
 */
class AuthenticationTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void rolesDecideWhoChangesTheSchema(Serialization serialization) throws Exception {
    List<String> audit;
    try (AuditCapture capture = AuditCapture.start();
        TestServer server = TestServer.start(serialization, dir.resolve("data"),
        Map.of(ServerSetting.AUTH, users().toString()))) {
      try (Connection admin = server.connect("alice", "s3cret")) {
        execute(admin, Guests.add("plus"), "CREATE TABLE t (x INT, y INT)");
      }
      try (Connection user = server.connect("bob", "hunter2")) {
        assertEquals(3, single(user, "CALL plus(1, 2)"));
        execute(user, "INSERT INTO t VALUES (1, 2), (3, 4)");
        assertEquals(10, single(user, "SELECT sum(plus(x, y)) FROM t"));
        for (String ddl : List.of(Guests.square("sneaky"), "DROP FUNCTION plus",
            "CREATE TABLE u (x INT)", "DROP TABLE t")) {
          SQLException e = assertThrows(SQLException.class, () -> execute(user, ddl));
          assertEquals("42501", e.getSQLState(), ddl + ": " + e.getMessage());
        }
      }
      // A user who claims the admin role in connection properties is still a user.
      try (Connection claims = DriverManager.getConnection(server.url()
          + ";authentication=BASIC;avatica_user=bob;avatica_password=hunter2",
          properties("calx.role", "admin", "calx.user", "alice"))) {
        SQLException e = assertThrows(SQLException.class,
            () -> execute(claims, Guests.square("sneaky")));
        assertEquals("42501", e.getSQLState(), e.getMessage());
      }
      assertRefused(server.url(), "HTTP/401");
      assertRefused(server.url() + ";authentication=BASIC;avatica_user=bob;avatica_password=x",
          "HTTP/401");
      assertRefused(server.url() + ";authentication=BASIC;avatica_user=carol;avatica_password=pw",
          "HTTP/403");
      audit = capture.lines();
    }
    assertTrue(audit.stream().anyMatch(line -> line.contains("user=alice")
        && line.contains("name=PLUS") && line.matches(".*module_sha256=[0-9a-f]{64}.*")),
        audit.toString());
    // bob changed nothing; his refused attempts are audited as such.
    assertTrue(audit.stream().filter(line -> line.contains("user=bob"))
        .allMatch(line -> line.endsWith("refused: not admin")), audit.toString());
    assertTrue(audit.stream().anyMatch(line -> line.contains("user=bob")
        && line.contains("action=\"drop function\"") && line.endsWith("refused: not admin")),
        audit.toString());
  }

  /**
   * No, wrong, or role-less credentials: the HTTP layer answers 401 or 403 before any SQL runs,
   * and the Avatica client reports the HTTP status in an unchecked exception from
   * {@code getConnection}: no SQLSTATE, as the request never reached Avatica's handler.
   */
  private static void assertRefused(String url, String status) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (Connection c = DriverManager.getConnection(url)) {
        single(c, "CALL plus(1, 2)");
      }
    });
    assertEquals("Failed to execute HTTP Request, got " + status, e.getMessage());
  }

  private Path users() throws Exception {
    return Files.writeString(dir.resolve("users.properties"), String.join("\n",
        "# user: password,role",
        "alice: s3cret,admin",
        "bob: hunter2,user",
        "carol: pw,guest", ""));
  }

  private static java.util.Properties properties(String... keyValues) {
    java.util.Properties properties = new java.util.Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return properties;
  }
}
