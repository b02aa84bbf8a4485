package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void createCallSelect() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION add2(a INT, b INT) RETURNS INT LANGUAGE WASM AS "
          + "'(module (func (export \"add2\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))'");
      try (ResultSet rs = s.executeQuery("CALL add2(2, 3)")) {
        rs.next();
        assertEquals(5, rs.getInt(1));
      }
      s.execute("CREATE TABLE t (x INT, y INT)");
      s.executeUpdate("INSERT INTO t VALUES (1, 2), (3, 4), (5, 6)");
      try (ResultSet rs = s.executeQuery("SELECT sum(add2(x, y)) FROM t WHERE add2(x, y) > 3 AND x < 5")) {
        rs.next();
        assertEquals(7, rs.getInt(1));
      }
      s.execute("CREATE TABLE u (x INT, z INT)");
      for (String sql : new String[] {"INSERT INTO u SELECT x, add2(x, y) FROM t",
          "UPDATE u SET z = add2(z, 100) WHERE x > 1", "DELETE FROM u WHERE add2(x, 1) = 2",
          "UPDATE u SET z = 7 WHERE add2(x, 1) = 4"}) {
        try {
          System.err.println("DML " + sql + " -> " + s.executeUpdate(sql));
        } catch (java.sql.SQLException e) {
          System.err.println("DML " + sql + " -> " + e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse(""));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM u")) {
        while (rs.next()) System.err.println("ROW " + rs.getInt(1) + " " + rs.getInt(2));
      }
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT x FROM t WHERE add2(x, y) > 3 AND x < 5")) {
        rs.next();
        System.err.println("PLAN " + rs.getString(1));
      }
    }
  }
}
