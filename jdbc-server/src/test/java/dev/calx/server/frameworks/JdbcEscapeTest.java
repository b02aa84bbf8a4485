package dev.calx.server.frameworks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC escapes a driver must accept in any statement ({@code {fn}}, {@code {d}}, {@code {t}},
 * {@code {ts}}, {@code {escape}}), each giving what the SQL it stands for gives, and
 * {@code Connection.nativeSQL}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JdbcEscapeTest {
  @RegisterExtension
  static final Databases DATABASES = new Databases();

  @EveryDriver
  void escapesMeanWhatTheirSqlMeans(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind); Connection c = pool.getConnection()) {
      assertAll(
          () -> assertEquals("A", single(c, "SELECT {fn UCASE('a')}"), "{fn UCASE('a')}"),
          () -> assertEquals(single(c, "SELECT DATE '2024-01-02'"),
              single(c, "SELECT {d '2024-01-02'}"), "{d '2024-01-02'}"),
          () -> assertEquals(single(c, "SELECT TIME '10:11:12'"),
              single(c, "SELECT {t '10:11:12'}"), "{t '10:11:12'}"),
          () -> assertEquals(single(c, "SELECT TIMESTAMP '2024-01-02 10:11:12'"),
              single(c, "SELECT {ts '2024-01-02 10:11:12'}"), "{ts '2024-01-02 10:11:12'}"),
          () -> assertEquals("a_b", single(c, "SELECT s FROM (VALUES ('a_b'), ('ab')) AS t (s)"
              + " WHERE s LIKE 'a\\_%' {escape '\\'}"), "LIKE 'a\\_%' {escape '\\'}"),
          () -> assertEquals(2L, ((Number) single(c, "SELECT count(*) FROM orders"
              + " WHERE {fn UCASE(customer)} LIKE 'G%' OR order_total(quantity, unit_price)"
              + " > {fn ABS(-2000)}")).longValue(), "{fn} beside a WebAssembly function"));
    }
  }

  @CalxDrivers
  void nativeSqlRunsAsItStands(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind); Connection c = pool.getConnection()) {
      assertAll(
          () -> {
            // Calx's grammar has the escapes: the native text is the text.
            String call = c.nativeSQL("{call order_total(?, ?)}");
            assertEquals("{call order_total(?, ?)}", call, "nativeSQL of {call}");
            try (PreparedStatement prepared = c.prepareStatement(call)) {
              prepared.setInt(1, 6);
              prepared.setInt(2, 7);
              try (ResultSet rs = prepared.executeQuery()) {
                rs.next();
                assertEquals(42, rs.getInt(1), "nativeSQL: " + call + " runs");
              }
            }
          },
          () -> assertEquals("A", single(c, c.nativeSQL("SELECT {fn UCASE('a')}")),
              "nativeSQL of {fn UCASE('a')}"));
    }
  }

  private static Object single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      Object value = rs.getObject(1);
      assertFalse(rs.next(), "one row from " + sql);
      return value;
    }
  }
}
