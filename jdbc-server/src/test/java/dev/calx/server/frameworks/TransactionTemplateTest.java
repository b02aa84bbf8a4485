package dev.calx.server.frameworks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's {@code TransactionTemplate} with a {@code DataSourceTransactionManager} over the pool:
 * what the callback wrote is kept when it returns and undone when it throws, an UPDATE that calls
 * a WebAssembly function included.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransactionTemplateTest {
  @RegisterExtension
  static final Databases DATABASES = new Databases();

  private static final String PRICE = "SELECT unit_price FROM orders WHERE id = ?";
  private static final String COUNT = "SELECT count(*) FROM orders WHERE id = ?";

  @EveryDriver
  void commitKeepsAndRollbackUndoes(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      TransactionTemplate transaction =
          new TransactionTemplate(new DataSourceTransactionManager(pool));
      transaction.executeWithoutResult(status -> {
        jdbc.update("UPDATE orders SET unit_price = order_total(unit_price, 2) WHERE id = ?", 1);
        jdbc.update("INSERT INTO orders VALUES (5, 'Edsger', 2, 50)");
      });
      IllegalStateException undo = new IllegalStateException("undo");
      Integer[] seenInside = new Integer[1];
      Throwable thrown = assertThrows(Throwable.class,
          () -> transaction.executeWithoutResult(status -> {
            jdbc.update("UPDATE orders SET unit_price = order_total(unit_price, 2) WHERE id = ?",
                2);
            jdbc.update("INSERT INTO orders VALUES (6, 'Barbara L', 1, 1)");
            seenInside[0] = jdbc.queryForObject(PRICE, Integer.class, 2);
            throw undo;
          }));
      assertAll(
          () -> assertEquals(500, jdbc.queryForObject(PRICE, Integer.class, 1),
              "commit keeps an UPDATE calling a function"),
          () -> assertEquals(1, jdbc.queryForObject(COUNT, Integer.class, 5),
              "commit keeps an INSERT"),
          () -> assertEquals(undo, thrown, "the callback's exception, not another"),
          () -> assertEquals(240, seenInside[0], "the transaction reads its own UPDATE"),
          () -> assertEquals(120, jdbc.queryForObject(PRICE, Integer.class, 2),
              "rollback undoes an UPDATE calling a function"),
          () -> assertEquals(0, jdbc.queryForObject(COUNT, Integer.class, 6),
              "rollback undoes an INSERT"));
    }
  }
}
