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
import java.util.Map;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model} attaches a further JDBC database, queried remotely with WebAssembly functions.
 */
class AttachedModelTest {
  @TempDir
  Path dir;

  @Test
  void jdbcSchemaFromAModelIsQueryableWithFunctions() throws Exception {
    String external = "jdbc:h2:mem:attached-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (Connection h2 = DriverManager.getConnection(external, "sa", "")) {
      execute(h2, "CREATE TABLE items (id INT, qty INT)",
          "INSERT INTO items VALUES (1, 3), (2, 4), (3, 5)");
      Path model = Files.writeString(dir.resolve("model.json"), "{\"version\": \"1.0\","
          + " \"schemas\": [{\"name\": \"EXT\", \"type\": \"jdbc\", \"jdbcUrl\": \"" + external
          + "\", \"jdbcUser\": \"sa\", \"jdbcPassword\": \"\", \"jdbcSchema\": \"PUBLIC\"}]}");
      try (TestServer server = TestServer.start(Serialization.PROTOBUF, dir.resolve("data"),
          Map.of(ServerSetting.MODEL, model.toString()));
          Connection c = server.connect()) {
        execute(c, Guests.square("sq"));
        assertEquals(41, single(c, "SELECT sum(sq(qty)) FROM ext.items WHERE id > 1"));
      }
    }
  }

  @Test
  void aSchemaNoDriverAcceptsIsRefusedAtStart() throws Exception {
    Path model = Files.writeString(dir.resolve("model.json"), "{\"version\": \"1.0\","
        + " \"schemas\": [{\"name\": \"EXT\", \"type\": \"jdbc\","
        + " \"jdbcUrl\": \"jdbc:nosuch://host/db?password=secret\"}]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestServer.start(Serialization.PROTOBUF, dir.resolve("data"),
            Map.of(ServerSetting.MODEL, model.toString())));
    assertEquals("schema 'EXT': no JDBC driver accepts its jdbcUrl; give the driver's jar with"
        + " --driver", e.getMessage());
  }

  @Test
  void aModelWithANonJdbcSchemaIsRefusedAtStart() throws Exception {
    Path model = Files.writeString(dir.resolve("model.json"), "{\"version\": \"1.0\","
        + " \"schemas\": [{\"name\": \"M\", \"type\": \"map\"}]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestServer.start(Serialization.PROTOBUF, dir.resolve("data"),
            Map.of(ServerSetting.MODEL, model.toString())));
    assertTrue(e.getMessage().contains("only JDBC schemas"), e.getMessage());
  }
}
