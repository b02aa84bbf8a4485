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
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:;max_table_rows=5");
        Statement s = c.createStatement()) {
      s.execute(series());
      assertEquals(15, sum(s, 5));
      SQLException e = assertThrows(SQLException.class, () -> sum(s, 6));
      assertEquals("54000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("more than the 5 rows it may return"), e.getMessage());
      assertEquals(15, sum(s, 5), "the next call is not affected");
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
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      s.execute(series());
      assertEquals(21, sum(s, 6));
      SQLException e = assertThrows(SQLException.class, () -> sum(s, 1_000_001));
      assertEquals("54000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("more than the 1000000 rows it may return"),
          e.getMessage());
    }
  }

  private static long sum(Statement s, int n) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT SUM(i) FROM TABLE(series(" + n + "))")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
