package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prepared statements with parameters, and what they do when their procedure changes. */
class PreparedStatementTest {
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:calx:mem:");
    create("CREATE FUNCTION f(a INT, b INT) RETURNS INT", "local.get 0 local.get 1 i32.add");
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private void create(String head, String body) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(head + " LANGUAGE WASM AS '(module (func (export \"f\") (param i32 i32)"
          + " (result i32) " + body + "))'");
    }
  }

  private static int one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next());
      int value = rs.getInt(1);
      assertFalse(rs.next());
      return value;
    }
  }

  @Test
  void preparedCallBindsParametersInOrder() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("CALL f(?, ? * 10)")) {
      ps.setInt(1, 1);
      ps.setInt(2, 2);
      assertEquals(21, one(ps));
      ps.setInt(1, -5);
      ps.setInt(2, 0);
      assertEquals(-5, one(ps));
      assertEquals("F", ps.getMetaData().getColumnLabel(1));
    }
  }

  @Test
  void callWorksFromEveryExecuteMethod() throws SQLException {
    try (Statement s = connection.createStatement()) {
      assertTrue(s.execute("CALL f(2, 3)"));
      try (ResultSet rs = s.getResultSet()) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
    }
    try (PreparedStatement ps = connection.prepareCall("CALL f(?, 1)")) {
      ps.setInt(1, 41);
      assertTrue(ps.execute());
      try (ResultSet rs = ps.getResultSet()) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
    }
  }

  @Test
  void nullParameterGivesNull() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT f(?, 1) FROM (VALUES 1)")) {
      ps.setNull(1, Types.INTEGER);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1));
        assertTrue(rs.wasNull());
      }
    }
  }

  @Test
  void replacedWithSameSignatureRebindsToTheNewVersion() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("CALL f(?, ?)")) {
      ps.setInt(1, 6);
      ps.setInt(2, 7);
      assertEquals(13, one(ps));
      create("CREATE OR REPLACE FUNCTION f(a INT, b INT) RETURNS INT",
          "local.get 0 local.get 1 i32.mul");
      assertEquals(42, one(ps));
    }
  }

  @Test
  void droppedFailsWith42704() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("CALL f(1, 2)")) {
      assertEquals(3, one(ps));
      try (Statement s = connection.createStatement()) {
        s.execute("DROP FUNCTION f");
      }
      SQLException e = assertThrows(SQLException.class, () -> one(ps));
      assertEquals("42704", e.getSQLState());
      assertTrue(e.getMessage().contains("F was dropped after this statement was prepared"),
          e.getMessage());
    }
  }

  @Test
  void replacedWithAnotherSignatureFailsWith42883() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("CALL f(1, 2)")) {
      assertEquals(3, one(ps));
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE OR REPLACE FUNCTION f(a BIGINT) RETURNS BIGINT LANGUAGE WASM"
            + " AS '(module (func (export \"f\") (param i64) (result i64) local.get 0))'");
      }
      SQLException e = assertThrows(SQLException.class, () -> one(ps));
      assertEquals("42883", e.getSQLState());
    }
  }

  @Test
  void preparedInsertSelectWithFunctionBindsAndApplies() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE src (x INT)");
      s.execute("CREATE TABLE dst (x INT, y INT)");
      s.executeUpdate("INSERT INTO src VALUES (1), (2), (3)");
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO dst SELECT x, f(x, ?) FROM src WHERE x > ?")) {
      ps.setInt(1, 100);
      ps.setInt(2, 1);
      assertEquals(2, ps.executeUpdate());
      assertEquals(2, ps.getUpdateCount());
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE dst SET y = f(y, ?) WHERE x = ?")) {
      ps.setInt(1, 1000);
      ps.setInt(2, 3);
      assertEquals(1, ps.executeUpdate());
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT sum(y) FROM dst")) {
      assertEquals(102 + 1103, one(ps));
    }
  }
}
