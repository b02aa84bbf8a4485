package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A statement nested too deeply to plan fails with 54001, and the connection goes on. */
class StatementComplexityTest {
  @ParameterizedTest
  @ValueSource(strings = {"1", "1 = 1"})
  void deepNestingFails54001(String term) throws SQLException {
    String operator = term.contains("=") ? " AND " : " + ";
    String deep = String.join(operator, Collections.nCopies(5_000, term));
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      SQLException tooDeep = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT " + deep + " AS x"));
      assertEquals("54001", tooDeep.getSQLState(), tooDeep.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT 1 + 1")) {
        rs.next();
        assertEquals(2, rs.getInt(1));
      }
    }
  }
}
