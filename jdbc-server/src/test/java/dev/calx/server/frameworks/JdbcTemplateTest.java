package dev.calx.server.frameworks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spring's {@code JdbcTemplate} over a HikariCP pool: queries that call a WebAssembly function in
 * WHERE, and the counts of writes and batches, plain and calling a function.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JdbcTemplateTest {
  @RegisterExtension
  static final Databases DATABASES = new Databases();

  private static final String BIG_ORDERS =
      " FROM orders WHERE order_total(quantity, unit_price) > ?";

  /** A row of {@code orders} with its total. */
  record Order(int id, String customer, int total) {}

  @EveryDriver
  void queriesCallAFunctionInWhere(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      assertAll(
          () -> assertEquals(2, jdbc.queryForObject("SELECT count(*)" + BIG_ORDERS,
              Integer.class, 1000), "queryForObject"),
          () -> assertEquals(List.of("Barbara", "Grace"), jdbc.queryForList(
              "SELECT customer" + BIG_ORDERS + " ORDER BY customer", String.class, 1000),
              "queryForList"),
          () -> assertEquals(List.of(new Order(2, "Grace", 1200), new Order(4, "Barbara", 2100)),
              jdbc.query("SELECT id, customer, order_total(quantity, unit_price) AS total"
                  + BIG_ORDERS + " ORDER BY id",
                  (rs, row) -> new Order(rs.getInt("id"), rs.getString("customer"),
                      rs.getInt("total")), 1000),
              "query with a RowMapper"));
    }
  }

  /**
   * Each write's count, through {@code Statement.executeUpdate} (no arguments) and
   * {@code PreparedStatement.executeUpdate} (arguments). Each write touches rows the others leave
   * alone, so that one wrong count does not change the next.
   */
  @EveryDriver
  void updateCounts(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      assertAll(
          () -> assertEquals(1, jdbc.update("INSERT INTO orders VALUES (5, 'Edsger', 2, 50)"),
              "INSERT VALUES"),
          () -> assertEquals(2, jdbc.update("INSERT INTO orders SELECT id + 10,"
              + " customer || ' again', quantity, order_total(quantity, unit_price)"
              + BIG_ORDERS + " AND id < 10", 1000), "INSERT ... SELECT calling a function"),
          () -> assertEquals(1, jdbc.update("UPDATE orders SET quantity = quantity + 1"
              + " WHERE id = ?", 1), "UPDATE"),
          () -> assertEquals(2, jdbc.update("UPDATE orders"
              + " SET unit_price = order_total(unit_price, 2)"
              + " WHERE id IN (1, 3) AND order_total(quantity, unit_price) < 1500"),
              "UPDATE calling a function"),
          () -> assertEquals(1, jdbc.update("DELETE FROM orders WHERE customer = ?", "Linus"),
              "DELETE"),
          () -> assertEquals(2, jdbc.update("DELETE FROM orders WHERE id IN (2, 4)"
              + " AND order_total(quantity, unit_price) > ?", 1000), "DELETE calling a function"));
    }
  }

  @EveryDriver
  void batchUpdateCounts(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      assertAll(
          () -> assertArrayEquals(new int[] {1, 1, 1}, jdbc.batchUpdate(
              "INSERT INTO orders VALUES (20, 'Ken', 1, 10)",
              "UPDATE orders SET quantity = order_total(quantity, 2) WHERE id = 20",
              "DELETE FROM orders WHERE id = 20"), "batch of statements"),
          () -> assertArrayEquals(new int[] {1, 1}, jdbc.batchUpdate(
              "INSERT INTO orders VALUES (?, ?, ?, ?)",
              List.of(new Object[] {30, "Dennis", 1, 1}, new Object[] {31, "Bjarne", 2, 2})),
              "prepared batch of INSERTs"),
          () -> assertArrayEquals(new int[] {1, 1, 0}, jdbc.batchUpdate(
              "UPDATE orders SET unit_price = order_total(unit_price, ?) WHERE id = ?",
              List.of(new Object[] {3, 1}, new Object[] {3, 2}, new Object[] {3, 99})),
              "prepared batch of UPDATEs calling a function"),
          () -> assertEquals(List.of(750, 360), jdbc.queryForList(
              "SELECT unit_price FROM orders WHERE id IN (1, 2) ORDER BY id", Integer.class),
              "what the batch of UPDATEs wrote"));
    }
  }
}
