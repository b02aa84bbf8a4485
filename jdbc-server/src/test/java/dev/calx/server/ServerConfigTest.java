package dev.calx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;

/** Defaults as documented, and bad settings refused before anything starts. */
class ServerConfigTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    ServerConfig config = ServerConfig.defaults();
    assertEquals(8765, config.port());
    assertEquals("127.0.0.1", config.bind());
    assertEquals("./data", config.data());
    assertEquals(Serialization.PROTOBUF, config.serialization());
    assertNull(config.users());
    assertNull(config.model());
    assertNull(config.modules());
  }

  @Test
  void badSettingsAreRefusedWithTheirName() {
    assertRefused(Map.of(ServerSetting.PORT, "70000"), "bad --port '70000'");
    assertRefused(Map.of(ServerSetting.PORT, "http"), "bad --port 'http'");
    assertRefused(Map.of(ServerSetting.SERIALIZATION, "xml"), "bad --serialization 'xml'");
    assertRefused(Map.of(ServerSetting.AUTH, "/no/such/users"), "bad --auth '/no/such/users'");
    assertRefused(Map.of(ServerSetting.MODEL, "/no/such/model"), "bad --model '/no/such/model'");
    assertRefused(Map.of(ServerSetting.MODULES, "/no/such/dir"), "bad --modules '/no/such/dir'");
    assertRefused(Map.of(ServerSetting.DATA, "/etc/hostname"), "bad --data '/etc/hostname'");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServerCommand.parse(new String[] {"--colour", "blue"}));
    assertEquals("unknown setting --colour", e.getMessage());
  }

  private static void assertRefused(Map<ServerSetting, String> settings, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(settings));
    assertEquals(message, e.getMessage().substring(0, message.length()), e.getMessage());
  }
}
