package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A table whose column default the embedded database keeps in a form Calx cannot apply: CREATE
 * TABLE refuses to make one and leaves nothing behind, and CREATE TABLE IF NOT EXISTS over one
 * that exists already (made by an earlier release) leaves it as it is, rows and all.
 */
class UnreadableDefaultTest {
  @Test
  void createRefusesItAndIfNotExistsKeepsAnExistingOne() throws SQLException {
    String name = "defaults-" + UUID.randomUUID();
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:" + name);
        Statement s = c.createStatement()) {
      SQLException refused = assertThrows(SQLException.class, () -> s.execute(
          "CREATE TABLE j (id INT, doc VARCHAR(40) DEFAULT JSON_OBJECT('a' VALUE 1))"));
      assertEquals("0A000", refused.getSQLState(), refused.getMessage());
      s.execute("CREATE TABLE j (id INT)");
      s.execute("DROP TABLE j");

      // As an earlier release could have made it: straight in the embedded database.
      try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:calx-" + name, "sa", "");
          Statement raw = h2.createStatement()) {
        raw.execute("CREATE TABLE PUBLIC.K (ID INT, DOC JSON DEFAULT JSON_OBJECT('a': 1))");
        raw.execute("INSERT INTO PUBLIC.K (ID) VALUES (1)");
      }
      s.execute("CREATE TABLE IF NOT EXISTS k (id INT, doc VARCHAR(40)"
          + " DEFAULT JSON_OBJECT('a' VALUE 1))");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM k")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1), "the existing table and its row are kept");
      }
    }
  }
}
