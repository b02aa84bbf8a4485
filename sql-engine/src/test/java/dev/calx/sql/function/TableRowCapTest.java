package dev.calx.sql.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The row cap of table functions is the database's setting ({@code max_table_rows}): a call may
 * emit that many rows, one more fails it with 54000, and the next call is not affected.
 */
class TableRowCapTest {
  /** {@code series(n) RETURNS TABLE (i INT)}: rows 1..n, emitting on past a refused row. */
  private static String series() {
    String body = "(func (export \"series\") (param $n i32) (local $i i32)"
        + " (local.set $i (i32.const 1))"
        + " (block $done (loop $next_row"
        + " (br_if $done (i32.gt_s (local.get $i) (local.get $n)))"
        + " (call $emit_i32 (i32.const 1) (local.get $i))"
        + " (drop (call $emit_row))"
        + " (local.set $i (i32.add (local.get $i) (i32.const 1)))"
        + " (br $next_row))))";
    return "CREATE FUNCTION series(n INT) RETURNS TABLE (i INT) LANGUAGE WASM AS '"
        + new SqlGuest().module(SqlGuest.EMIT, body) + "'";
  }

  @Test
  void aCallMayEmitAsManyRowsAsTheSettingSays() throws SQLException {
    try (Connection c = withSeries("jdbc:calx:mem:;max_table_rows=5");
        Statement s = c.createStatement()) {
      assertEquals(15, sum(s, 5));
      assertRefused(s, 5);
      assertEquals(15, sum(s, 5), "the call after a refused one is not affected");
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM TABLE(series(?))")) {
        ps.setInt(1, 6);
        assertEquals("54000", assertThrows(SQLException.class, ps::executeQuery).getSQLState());
        ps.setInt(1, 4);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(4, rs.getInt(1));
        }
      }
    }
  }

  @Test
  void withoutTheSettingTheCapIsAMillionRows() throws SQLException {
    try (Connection c = withSeries("jdbc:calx:mem:"); Statement s = c.createStatement()) {
      assertEquals(21, sum(s, 6));
      assertRefused(s, 1_000_000);
    }
  }

  /** A new connection to {@code url}, with {@code series} created in its database. */
  private static Connection withSeries(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute(series());
    }
    return c;
  }

  /** A call of one row more than {@code cap} fails with 54000, naming the call and the cap. */
  private static void assertRefused(Statement s, int cap) {
    SQLException e = assertThrows(SQLException.class, () -> sum(s, cap + 1));
    assertEquals("54000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("SERIES(" + (cap + 1) + "): the call emitted more than"
        + " the " + cap + " rows it may return"), e.getMessage());
  }

  /** The sum of the rows of {@code series(n)}, as BIGINT: a million rows overflow INT. */
  private static long sum(Statement s, int n) throws SQLException {
    try (ResultSet rs = s.executeQuery(
        "SELECT SUM(CAST(i AS BIGINT)) FROM TABLE(series(" + n + "))")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
