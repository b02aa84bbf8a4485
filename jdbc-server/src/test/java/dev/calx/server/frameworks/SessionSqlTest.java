package dev.calx.server.frameworks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL an application relies on beside its own tables: who the session is and where it is,
 * column defaults, and that a routine cannot take a built-in function's name.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SessionSqlTest {
  @RegisterExtension
  static final Databases DATABASES = new Databases();

  @EveryDriver
  void sessionFunctions(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      assertAll(
          () -> assertEquals(Databases.USER, jdbc.queryForObject("SELECT CURRENT_USER",
              String.class), "CURRENT_USER is the authenticated user"),
          () -> assertEquals(Databases.USER, jdbc.queryForObject("SELECT SESSION_USER",
              String.class), "SESSION_USER is the authenticated user"),
          () -> assertEquals(Databases.USER, jdbc.queryForObject(
              "SELECT CURRENT_USER FROM orders WHERE id = ?", String.class, 1),
              "CURRENT_USER in a query over a table"),
          () -> assertEquals("PUBLIC", jdbc.queryForObject("SELECT CURRENT_SCHEMA",
              String.class), "CURRENT_SCHEMA"));
    }
  }

  @EveryDriver
  void columnDefaults(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      jdbc.execute("CREATE TABLE settings (id INT PRIMARY KEY, s INT DEFAULT 5,"
          + " n VARCHAR(10) NOT NULL DEFAULT 'abc')");
      String row = "SELECT s, n FROM settings WHERE id = ?";
      assertAll(
          () -> {
            jdbc.update("INSERT INTO settings (id) VALUES (1)");
            assertEquals(Map.of("S", 5, "N", "abc"), jdbc.queryForMap(row, 1),
                "DEFAULTs of omitted columns");
          },
          () -> {
            jdbc.update("INSERT INTO settings VALUES (2, DEFAULT, DEFAULT)");
            assertEquals(Map.of("S", 5, "N", "abc"), jdbc.queryForMap(row, 2),
                "the DEFAULT keyword");
          });
    }
  }

  @EveryDriver
  void routinesCannotTakeBuiltInNames(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      // The module answers x, so that abs(-5) tells which ABS ran.
      String outcome = outcome(pool, "CREATE FUNCTION \"ABS\"(x INT) RETURNS INT LANGUAGE WASM"
          + " AS '(module (func (export \"ABS\") (param i32) (result i32) (local.get 0)))'");
      assertAll(
          () -> assertTrue(outcome.startsWith("42723:"),
              "CREATE FUNCTION \"ABS\" is refused with 42723, not " + outcome),
          () -> assertEquals(5, jdbc.queryForObject("SELECT abs(-5)", Integer.class),
              "abs is still the built-in"));
    }
  }

  /** "SQLSTATE: message" of the failure of {@code sql}, or "no error". */
  private static String outcome(HikariDataSource pool, String sql) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
      return "no error";
    } catch (SQLException e) {
      return e.getSQLState() + ": " + e.getMessage();
    }
  }
}
