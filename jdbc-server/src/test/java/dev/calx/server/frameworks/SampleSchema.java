package dev.calx.server.frameworks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database every test starts from: the quickstart's {@code orders} (docs/sql-reference.md),
 * with a primary key and a unique index, the function {@code order_total} and the procedure
 * {@code discounted}, and nothing else.
 */
final class SampleSchema {
  /** The totals {@code order_total} gives the four orders, by id: 750, 1200, 999, 2100. */
  static final String CREATE_ORDERS = "CREATE TABLE orders (id INT PRIMARY KEY,"
      + " customer VARCHAR(40) NOT NULL, quantity INT, unit_price INT, UNIQUE (customer))";

  private static final List<String> CREATE = List.of(CREATE_ORDERS,
      "INSERT INTO orders VALUES (1, 'Ada', 3, 250), (2, 'Grace', 10, 120), (3, 'Linus', 1, 999),"
          + " (4, 'Barbara', 7, 300)",
      "CREATE FUNCTION order_total(quantity INT, unit_price INT) RETURNS INT LANGUAGE WASM"
          + " AS '(module (func (export \"order_total\") (param i32 i32) (result i32)"
          + " (i32.mul (local.get 0) (local.get 1))))'",
      // total - total * percent / 100
      "CREATE PROCEDURE discounted(total INT, pct INT) RETURNS INT LANGUAGE WASM"
          + " AS '(module (func (export \"discounted\") (param i32 i32) (result i32)"
          + " (i32.sub (local.get 0)"
          + " (i32.div_s (i32.mul (local.get 0) (local.get 1)) (i32.const 100)))))'");

  /** Every table a test creates, {@code orders} included. */
  static final List<String> TABLES = List.of("orders", "settings", "created_later");

  private SampleSchema() {}

  /**
   * Drops every routine and the tables the tests create, then creates the schema. Tables are
   * dropped by name, not as DatabaseMetaData lists them, since a connection's first metadata
   * call would hide the tables created after it from that connection (see DatabaseMetaDataTest).
   */
  static void reset(Connection c) throws SQLException {
    List<String> drops = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet routines = s.executeQuery("SELECT name FROM sys.procedures")) {
      while (routines.next()) {
        drops.add("DROP FUNCTION " + quoted(routines.getString(1)));
      }
    }
    for (String table : TABLES) {
      drops.add("DROP TABLE IF EXISTS " + table);
    }
    try (Statement s = c.createStatement()) {
      for (String sql : drops) {
        s.execute(sql);
      }
      for (String sql : CREATE) {
        s.execute(sql);
      }
    }
  }

  private static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
