package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client driver lists tables, their types, the SQL keywords and the default isolation as
 * the embedded driver does: the table calls run as SQL on the server, the others reach the
 * engine's metadata through Avatica's protocol.
 */
class RemoteTableListTest {
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void answersAsTheEmbeddedDriver(Serialization serialization) throws Exception {
    try (TestServer server = TestServer.start(serialization, Path.of("mem:"));
        Connection c = server.connect();
        Connection embedded = DriverManager.getConnection("jdbc:calx:mem:")) {
      execute(c, "CREATE TABLE a_b (x INT)", "CREATE TABLE axb (x INT)");
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("AXB", "A_B"), names(md.getTables(null, "PUBLIC", "A_B", null)));
      assertEquals(List.of("A_B"), names(md.getTables(null, "PUBLIC", "A\\_B", null)));
      assertEquals(List.of(), names(md.getTables(null, null, "%", new String[0])));
      List<String> all = names(md.getTables(null, null, "%", null));
      assertEquals(List.of("AXB", "A_B"), all.subList(all.size() - 2, all.size()));
      assertEquals(embedded.getMetaData().getSQLKeywords(), md.getSQLKeywords());
      assertEquals(Connection.TRANSACTION_READ_COMMITTED, md.getDefaultTransactionIsolation());
    }
  }

  private static List<String> names(ResultSet rs) throws SQLException {
    List<String> names = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }
}
