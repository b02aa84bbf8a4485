package dev.calx.server.frameworks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL an application relies on beside its own tables: who the session is and where it is,
 * column defaults, and that a routine cannot take a built-in function's name.
 */
@Timeout(60)
class SessionSqlTest {
  @RegisterExtension
  static final Databases DATABASES = new Databases();

  @ParameterizedTest
  @EnumSource(DriverKind.class)
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

  @ParameterizedTest
  @EnumSource(DriverKind.class)
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

  @ParameterizedTest
  @EnumSource(DriverKind.class)
  void routinesCannotTakeBuiltInNames(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind); Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute(
          "CREATE FUNCTION \"ABS\"(x INT) RETURNS INT LANGUAGE WASM"
              + " AS '(module (func (export \"ABS\") (param i32) (result i32) (local.get 0)))'"),
          "CREATE FUNCTION \"ABS\" is refused");
      assertAll(
          () -> assertEquals("42723", e.getSQLState(), e.getMessage()),
          () -> assertEquals(List.of(5), new JdbcTemplate(pool).queryForList("SELECT abs(-5)",
              Integer.class), "abs is still the built-in"));
    }
  }
}
