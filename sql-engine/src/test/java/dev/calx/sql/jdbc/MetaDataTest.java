package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DatabaseMetaData of the embedded driver: the product, procedures and functions with their
 * columns, primary keys and indexes, answered from the sys tables.
 */
class MetaDataTest {
  @Test
  void listsProceduresFunctionsAndTheirColumns() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      s.execute("CREATE PROCEDURE scale(x DOUBLE, factor INT) RETURNS DOUBLE LANGUAGE WASM"
          + " COMMENT 'multiplies' AS '(module (func (export \"scale\") (param f64 i32)"
          + " (result f64) local.get 0 local.get 1 f64.convert_i32_s f64.mul))'");
      s.execute("CREATE FUNCTION id(BIGINT) RETURNS BIGINT LANGUAGE WASM"
          + " AS '(module (func (export \"id\") (param i64) (result i64) local.get 0))'");
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("ID", "SCALE"), names(md.getProcedures(null, null, null), 3));
      assertEquals(List.of("SCALE"), names(md.getFunctions(null, "PUBLIC", "SC%"), 3));
      assertEquals(List.of(), names(md.getFunctions(null, "OTHER", null), 3));
      try (ResultSet rs = md.getProcedures(null, null, "SCALE")) {
        assertTrue(rs.next());
        assertEquals("multiplies", rs.getString("REMARKS"));
        assertEquals(DatabaseMetaData.procedureReturnsResult, rs.getShort("PROCEDURE_TYPE"));
      }
      try (ResultSet rs = md.getProcedureColumns(null, null, "SCALE", null)) {
        assertTrue(rs.next());
        assertEquals("RETURN_VALUE", rs.getString("COLUMN_NAME"));
        assertEquals(DatabaseMetaData.procedureColumnReturn, rs.getShort("COLUMN_TYPE"));
        assertEquals(0, rs.getInt("ORDINAL_POSITION"));
        assertTrue(rs.next());
        assertEquals("X", rs.getString("COLUMN_NAME"));
        assertEquals(DatabaseMetaData.procedureColumnIn, rs.getShort("COLUMN_TYPE"));
        assertEquals(Types.DOUBLE, rs.getInt("DATA_TYPE"));
        assertEquals(1, rs.getInt("ORDINAL_POSITION"));
        assertTrue(rs.next());
        assertEquals("FACTOR", rs.getString("COLUMN_NAME"));
        assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getFunctionColumns(null, null, "SCALE", null)) {
        assertTrue(rs.next());
        assertEquals("RETURN_VALUE", rs.getString("COLUMN_NAME"));
        assertEquals(DatabaseMetaData.functionReturn, rs.getShort("COLUMN_TYPE"));
        assertEquals(Types.DOUBLE, rs.getInt("DATA_TYPE"));
        assertEquals(0, rs.getInt("ORDINAL_POSITION"));
        assertEquals(List.of("X", "FACTOR"), names(rs, 4));
      }
      assertEquals(List.of("P1"), names(md.getFunctionColumns(null, null, "ID", "P%"), 4));
      assertEquals(c, md.getConnection());
      assertEquals(c, md.getProcedures(null, null, null).getStatement().getConnection());
    }
  }

  @Test
  void namesTheProductAndWhatItSupports() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:")) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals("Calx", md.getDatabaseProductName());
      assertEquals("Calx embedded JDBC driver", md.getDriverName());
      assertTrue(md.getDatabaseProductVersion().matches("[0-9]+\\.[0-9]+.*"),
          md.getDatabaseProductVersion());
      assertTrue(md.supportsStoredProcedures());
      assertTrue(md.supportsTransactions());
      assertTrue(md.supportsSavepoints());
      assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED));
      assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE));
      assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE));
      assertTrue(md.storesUpperCaseIdentifiers());
      assertEquals("\"", md.getIdentifierQuoteString());
      assertEquals("\\", md.getSearchStringEscape());
    }
  }

  @Test
  void listsPrimaryKeysAndIndexes() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, code VARCHAR(10), n INT, UNIQUE (code))");
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getPrimaryKeys(null, "PUBLIC", "ORDERS")) {
        assertTrue(rs.next());
        assertEquals("ID", rs.getString("COLUMN_NAME"));
        assertEquals(1, rs.getShort("KEY_SEQ"));
        assertFalse(rs.next());
      }
      assertEquals(List.of(), names(md.getPrimaryKeys(null, "OTHER", "ORDERS"), 4));
      assertEquals(List.of("CODE", "ID"), names(md.getIndexInfo(null, null, "ORDERS", true,
          false), 9).stream().sorted().toList());
    }
  }

  private static List<String> names(ResultSet rs, int column) throws SQLException {
    List<String> names = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        names.add(rs.getString(column));
      }
    }
    return names;
  }
}
