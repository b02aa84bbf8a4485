package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC escapes the embedded driver accepts, parsed by Calx's grammar, and calls through
 * {@code CallableStatement}: {@code {call ...}} with its result set, {@code {? = call ...}} with
 * the routine's value as OUT parameter 1.
 */
class JdbcEscapeTest {
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:calx:mem:");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE FUNCTION order_total(qty INT, price INT) RETURNS INT LANGUAGE WASM"
          + " AS '(module (func (export \"order_total\") (param i32 i32) (result i32)"
          + " local.get 0 local.get 1 i32.mul))'");
      s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), qty INT)");
      s.execute("INSERT INTO items VALUES (1, 'a_b', 3), (2, 'axb', 4), (3, 'c', 5)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void callEscapeAnswersWithItsResultSet() throws SQLException {
    try (CallableStatement call = connection.prepareCall("{call order_total(?, ?)}")) {
      call.setInt(1, 6);
      call.setInt(2, 7);
      assertTrue(call.execute());
      try (ResultSet rs = call.getResultSet()) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
        assertFalse(rs.next());
      }
      call.setInt(1, 2);
      try (ResultSet rs = call.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(14, rs.getInt(1));
      }
    }
  }

  @Test
  void returnValueIsOutParameterOne() throws SQLException {
    try (CallableStatement call = connection.prepareCall(" { ? = CALL order_total(?, ?) } ")) {
      assertEquals(3, call.getParameterMetaData().getParameterCount());
      assertEquals(Types.INTEGER, call.getParameterMetaData().getParameterType(1));
      call.registerOutParameter(1, Types.INTEGER);
      call.setInt(2, 6);
      call.setInt(3, 7);
      assertFalse(call.execute());
      assertEquals(-1, call.getUpdateCount());
      assertNull(call.getResultSet());
      assertEquals(42, call.getInt(1));
      assertEquals(42L, call.getLong(1));
      assertEquals(new BigDecimal(42), call.getBigDecimal(1));
      assertEquals("42", call.getString(1));
      assertEquals(42, call.getObject(1));
      assertEquals(42, call.getInt(dev.calx.jdbc.CallStatement.RETURN_VALUE));
      assertEquals(42, call.getInt("order_total"));
      assertFalse(call.wasNull());
      assertFalse(call.getMoreResults());
      assertEquals(42, call.getInt(1), "moving on to more results keeps the OUT values");

      call.setInt(2, 3);
      call.setNull(3, Types.INTEGER);
      call.execute();
      assertEquals(0, call.getInt(1));
      assertTrue(call.wasNull());
      assertNull(call.getObject(1));

      call.registerOutParameter(1, JDBCType.INTEGER);
      call.setInt(3, 2);
      call.execute();
      assertEquals(6, call.getInt(1));
    }
  }

  @Test
  void outParametersAreCheckedClearly() throws SQLException {
    try (CallableStatement call = connection.prepareCall("{? = call order_total(?, ?)}")) {
      call.registerOutParameter(1, Types.INTEGER);
      assertEquals("HY010", assertThrows(SQLException.class, () -> call.getInt(1)).getSQLState());
      call.setInt(2, 1);
      call.setInt(3, 1);
      call.execute();
      assertEquals("07009", assertThrows(SQLException.class, () -> call.getInt(2)).getSQLState());
      assertEquals("07009",
          assertThrows(SQLException.class, () -> call.setInt("quantity", 1)).getSQLState());
      assertEquals("07009", assertThrows(SQLException.class, () -> call.getInt("qty")).getSQLState(),
          "an argument is no OUT parameter");
    }
    try (CallableStatement call = connection.prepareCall("{? = call order_total(?, 7)}")) {
      assertEquals("0A000",
          assertThrows(SQLException.class, () -> call.setInt("qty", 1)).getSQLState(),
          "names need every argument a ?");
    }
    try (CallableStatement call = connection.prepareCall("{call order_total(?, ?)}")) {
      call.registerOutParameter(1, Types.INTEGER);
      call.setInt(2, 1);
      assertEquals("07009", assertThrows(SQLException.class, call::execute).getSQLState(),
          "a {call} has no value parameter: parameter 1 is an argument");
    }
  }

  @Test
  void everyExecuteBindsTheValueAndOnlyExecuteAndUpdatesReadIt() throws SQLException {
    try (CallableStatement call =
        connection.prepareCall("/* total */ -- of an order\n{? = call order_total(?, ?)}")) {
      call.registerOutParameter(1, Types.INTEGER);
      call.setInt(2, 5);
      call.setInt(3, 2);
      assertEquals(0, call.executeUpdate());
      assertEquals(10, call.getInt(1));
      assertEquals(0L, call.executeLargeUpdate());
      assertEquals(10, call.getInt(1));
      try (ResultSet rs = call.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(10, rs.getInt(1));
      }
      assertEquals("HY010", assertThrows(SQLException.class, () -> call.getInt(1)).getSQLState(),
          "executeQuery hands the row to its caller, not to the OUT parameter");
    }
  }

  @Test
  void anArgumentNamedLikeItsRoutineKeepsItsName() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE FUNCTION qty(qty INT) RETURNS INT LANGUAGE WASM AS '(module (func"
          + " (export \"qty\") (param i32) (result i32) local.get 0 i32.const 1 i32.add))'");
    }
    try (CallableStatement call = connection.prepareCall("{? = call qty(?)}")) {
      call.registerOutParameter(1, Types.INTEGER);
      call.setInt("qty", 5);
      call.execute();
      assertEquals(6, call.getInt("return_value"));
    }
  }

  @Test
  void parametersByName() throws SQLException {
    try (CallableStatement call = connection.prepareCall("{? = call order_total(?, ?)}")) {
      call.registerOutParameter("return_value", Types.INTEGER);
      call.setInt("PRICE", 7);
      call.setObject("qty", 6);
      call.execute();
      assertEquals(42, call.getInt("Order_Total"));
      assertEquals(42, call.getInt(1));
    }
    try (CallableStatement call = connection.prepareCall("{call order_total(?, ?)}")) {
      call.setInt("price", 2);
      call.setInt("qty", 3);
      try (ResultSet rs = call.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(6, rs.getInt(1));
      }
    }
  }

  @Test
  void returnValueCallsAreCachedApartFromPlainCalls() throws SQLException {
    for (int i = 0; i < 3; i++) {
      try (CallableStatement plain = connection.prepareCall("{call order_total(?, 2)}");
          CallableStatement value = connection.prepareCall("{? = call order_total(?, 2)}")) {
        plain.setInt(1, i);
        try (ResultSet rs = plain.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(2 * i, rs.getInt(1));
        }
        value.registerOutParameter(1, Types.INTEGER);
        value.setInt(2, i);
        value.execute();
        assertEquals(2 * i, value.getInt(1));
      }
    }
  }

  @Test
  void escapesOfFunctionsDatesTimesAndLike() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT {fn UCASE('ab')}, {d '2024-01-02'},"
            + " {t '10:11:12'}, {ts '2024-01-02 10:11:12'}, {fn ABS(-3)} FROM (VALUES 1)")) {
      assertTrue(rs.next());
      assertEquals("AB", rs.getString(1));
      assertEquals(Date.valueOf("2024-01-02"), rs.getDate(2));
      assertEquals(Time.valueOf("10:11:12"), rs.getTime(3));
      assertEquals(Timestamp.valueOf("2024-01-02 10:11:12"), rs.getTimestamp(4));
      assertEquals(3, rs.getInt(5));
    }
    assertEquals(List.of("a_b"),
        names("SELECT name FROM items WHERE name LIKE 'a\\_%' {escape '\\'} ORDER BY id"));
    assertEquals(List.of("a_b", "axb"),
        names("SELECT name FROM items WHERE name LIKE 'a_%' ORDER BY id"));
    assertEquals(List.of("axb"), names("SELECT name FROM items WHERE order_total(qty, 2) = 8"
        + " AND name LIKE 'a!%' {escape '!'} OR name = 'axb'"));
  }

  @Test
  void escapeClauseAfterNotLikeAndOutOfPlace() throws SQLException {
    assertEquals(List.of("axb"), names("SELECT name FROM items"
        + " WHERE name NOT LIKE 'a!_%' {escape '!'} AND name LIKE 'a%' ORDER BY id"));
    try (Statement s = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT 1 {escape 'x'} FROM (VALUES 1)"));
      assertEquals("42601", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void nativeSqlKeepsTheEscapesCalxParses() throws SQLException {
    String sql = "{? = call order_total(?, ?)}";
    assertEquals(sql, connection.nativeSQL(sql));
  }

  private List<String> names(String sql) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
