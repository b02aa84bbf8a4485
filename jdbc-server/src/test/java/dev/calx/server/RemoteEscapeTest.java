package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDBC escapes reach the server as written and its grammar takes them, so any Avatica client
 * can send them: {@code {? = call ...}} is prepared with the routine's value as parameter 1.
 */
class RemoteEscapeTest {
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void escapesThroughAPlainAvaticaClient(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, Path.of("mem:"));
        Connection c = server.connect()) {
      execute(c, Guests.add("add2"), "CREATE TABLE t (name VARCHAR(10))",
          "INSERT INTO t VALUES ('a_b'), ('axb')");
      assertEquals(5, single(c, "{call add2(2, 3)}"));
      assertEquals("AB", single(c, "SELECT {fn UCASE('ab')} FROM (VALUES 1)"));
      assertEquals(1L, ((Number) single(c,
          "SELECT count(*) FROM t WHERE name LIKE 'a\\_%' {escape '\\'}")).longValue());
      try (PreparedStatement call = c.prepareStatement("{? = call add2(?, ?)}")) {
        ParameterMetaData parameters = call.getParameterMetaData();
        assertEquals(3, parameters.getParameterCount());
        assertEquals(Types.INTEGER, parameters.getParameterType(1));
        call.setNull(1, Types.INTEGER);
        call.setInt(2, 40);
        call.setInt(3, 2);
        try (ResultSet rs = call.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(42, rs.getInt(1));
        }
      }
    }
  }
}
