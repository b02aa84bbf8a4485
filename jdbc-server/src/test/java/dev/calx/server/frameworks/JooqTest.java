package dev.calx.server.frameworks;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * jOOQ with {@code SQLDialect.DEFAULT}, over the pool and over one connection of it: plain SQL
 * conditions that call a WebAssembly function, {@code limit}, {@code resultQuery} and the counts
 * of {@code execute}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JooqTest {
  @RegisterExtension
  static final Databases DATABASES = new Databases();

  private static final String BIG = "order_total(quantity, unit_price) > ?";

  @EveryDriver
  void plainSql(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind); Connection c = pool.getConnection()) {
      DSLContext overPool = DSL.using(pool, SQLDialect.DEFAULT);
      DSLContext overConnection = DSL.using(c, SQLDialect.DEFAULT);
      assertAll(
          () -> assertEquals(List.of(2, 4), overPool.select().from(table(name("ORDERS")))
              .where(condition(BIG, 1000)).orderBy(field(name("ID"))).limit(5).fetch()
              .getValues("ID", Integer.class), "select ... where(condition) .limit(5) .fetch()"),
          () -> assertEquals(List.of(2), overConnection.select().from(table(name("ORDERS")))
              .where(condition(BIG, 1000)).orderBy(field(name("ID"))).limit(1).fetch()
              .getValues("ID", Integer.class), ".limit(1) over a connection"),
          () -> assertEquals(List.of("Barbara", "Grace"), overPool.resultQuery(
              "SELECT customer FROM orders WHERE " + BIG + " ORDER BY customer", 1000)
              .fetch().getValues(0, String.class), "resultQuery"),
          () -> assertEquals(1, overPool.execute("INSERT INTO orders VALUES (?, ?, ?, ?)",
              5, "Edsger", 2, 50), "execute INSERT"),
          () -> assertEquals(2, overConnection.execute(
              "UPDATE orders SET quantity = quantity + 1 WHERE " + BIG, 1000),
              "execute UPDATE calling a function"),
          () -> assertEquals(1, overPool.insertInto(table(name("ORDERS")), field(name("ID")),
              field(name("CUSTOMER")), field(name("QUANTITY")), field(name("UNIT_PRICE")))
              .values(6, "Niklaus", 1, 5).execute(), "insertInto(...).values(...).execute()"),
          () -> assertEquals(2, overPool.deleteFrom(table(name("ORDERS")))
              .where(condition("order_total(quantity, unit_price) < ?", 200)).execute(),
              "deleteFrom(...).where(condition calling a function).execute()"));
    }
  }
}
