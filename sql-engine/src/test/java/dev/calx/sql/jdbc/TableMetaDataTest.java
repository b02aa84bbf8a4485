package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * DatabaseMetaData as a GUI tool browses it: tables by type, column types, the product, and the
 * system tables that describe keys, indexes and routine parameters.
 */
class TableMetaDataTest {
  /** The tables of a fresh database, with a plain index and a view made in H2 itself. */
  private static Connection database(String name) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:calx:mem:" + name);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT NOT NULL, line INT NOT NULL, code VARCHAR(20),"
          + " price DECIMAL(10, 2), placed TIMESTAMP, PRIMARY KEY (id, line), UNIQUE (code))");
    }
    // Calx has no CREATE INDEX or CREATE VIEW; a database file may have both, made by H2.
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:calx-" + name, "sa", "");
        Statement s = h2.createStatement()) {
      s.execute("CREATE INDEX orders_placed ON orders (placed DESC, price)");
      s.execute("CREATE VIEW big_orders AS SELECT id, price FROM orders WHERE price > 100");
    }
    try (Statement s = c.createStatement()) {
      // DDL through Calx forgets the table metadata it remembered.
      s.execute("CREATE TABLE notes (note VARCHAR(10))");
    }
    return c;
  }

  @Test
  void listsTablesByType() throws SQLException {
    try (Connection c = database(UUID.randomUUID().toString())) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("PUBLIC.NOTES", "PUBLIC.ORDERS"),
          tables(md.getTables(null, null, "%", new String[] {"TABLE"})));
      assertEquals(List.of("PUBLIC.BIG_ORDERS"),
          tables(md.getTables(null, null, null, new String[] {"VIEW"})));
      assertEquals(List.of("SYS.INDEXES", "SYS.PRIMARY_KEYS", "SYS.PROCEDURES",
              "SYS.PROCEDURE_PARAMETERS", "SYS.PROCEDURE_STATS", "SYS.STATEMENTS"),
          tables(md.getTables(null, "SYS", null, new String[] {"SYSTEM TABLE"})));
      // Ordered by type, then schema and name, as JDBC says.
      // Ordered by type, then schema and name, as JDBC says; Calcite's own schema "metadata"
      // comes with every connection.
      assertEquals(List.of("SYS.INDEXES:SYSTEM TABLE", "SYS.PRIMARY_KEYS:SYSTEM TABLE",
              "SYS.PROCEDURES:SYSTEM TABLE", "SYS.PROCEDURE_PARAMETERS:SYSTEM TABLE",
              "SYS.PROCEDURE_STATS:SYSTEM TABLE", "SYS.STATEMENTS:SYSTEM TABLE",
              "metadata.COLUMNS:SYSTEM TABLE", "metadata.TABLES:SYSTEM TABLE",
              "PUBLIC.NOTES:TABLE", "PUBLIC.ORDERS:TABLE", "PUBLIC.BIG_ORDERS:VIEW"),
          typedTables(md.getTables(null, null, null, null)));
      assertEquals(List.of("PUBLIC.ORDERS:TABLE"),
          typedTables(md.getTables(null, "PUBLIC", "ORD%", new String[] {"TABLE", "VIEW"})));
      assertEquals(List.of("SYSTEM TABLE", "TABLE", "VIEW"), column(md.getTableTypes(), 1));
    }
  }

  @Test
  void seesTablesThatDdlCreatedOrDroppedSinceAnEarlierCall() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      DatabaseMetaData md = c.getMetaData();
      String[] table = {"TABLE"};
      assertEquals(List.of(), tables(md.getTables(null, null, null, table)));
      s.execute("CREATE TABLE alpha (x INT)");
      assertEquals(List.of("PUBLIC.ALPHA"), tables(md.getTables(null, null, null, table)));
      s.execute("CREATE TABLE beta (x INT)");
      s.execute("DROP TABLE alpha");
      assertEquals(List.of("PUBLIC.BETA"), tables(md.getTables(null, null, null, table)));
      assertEquals(List.of("X"), column(md.getColumns(null, null, "BETA", null), 4));
    }
  }

  @Test
  void describesColumnTypesWithoutLengthOrNullability() throws SQLException {
    try (Connection c = database(UUID.randomUUID().toString())) {
      try (ResultSet rs = c.getMetaData().getColumns(null, "PUBLIC", "ORDERS", null)) {
        assertColumn(rs, "ID", Types.INTEGER, "INTEGER", 10, 0, DatabaseMetaData.columnNoNulls);
        assertColumn(rs, "LINE", Types.INTEGER, "INTEGER", 10, 0,
            DatabaseMetaData.columnNoNulls);
        assertColumn(rs, "CODE", Types.VARCHAR, "VARCHAR", 20, null,
            DatabaseMetaData.columnNullable);
        assertColumn(rs, "PRICE", Types.DECIMAL, "DECIMAL", 10, 2,
            DatabaseMetaData.columnNullable);
        // TIMESTAMP(3) as text, yyyy-mm-dd hh:mm:ss.fff, is 23 characters.
        assertColumn(rs, "PLACED", Types.TIMESTAMP, "TIMESTAMP", 23, 3,
            DatabaseMetaData.columnNullable);
        assertFalse(rs.next());
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kinds (b BOOLEAN, t TINYINT, sm SMALLINT, bi BIGINT, r REAL,"
            + " d DOUBLE, dt DATE, ch CHAR(3), vb VARBINARY(8))");
      }
      // As docs/sql-reference.md, "JDBC metadata", lists them.
      int nullable = DatabaseMetaData.columnNullable;
      try (ResultSet rs = c.getMetaData().getColumns(null, "PUBLIC", "KINDS", null)) {
        assertColumn(rs, "B", Types.BOOLEAN, "BOOLEAN", 1, null, nullable);
        assertColumn(rs, "T", Types.TINYINT, "TINYINT", 3, 0, nullable);
        assertColumn(rs, "SM", Types.SMALLINT, "SMALLINT", 5, 0, nullable);
        assertColumn(rs, "BI", Types.BIGINT, "BIGINT", 19, 0, nullable);
        assertColumn(rs, "R", Types.REAL, "REAL", 7, null, nullable);
        assertColumn(rs, "D", Types.DOUBLE, "DOUBLE", 15, null, nullable);
        assertColumn(rs, "DT", Types.DATE, "DATE", 10, null, nullable);
        assertColumn(rs, "CH", Types.CHAR, "CHAR", 3, null, nullable);
        assertColumn(rs, "VB", Types.VARBINARY, "VARBINARY", 8, null, nullable);
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void namesTheProduct() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:")) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals("Calx", md.getDatabaseProductName());
      assertEquals("Calx embedded JDBC driver", md.getDriverName());
      assertTrue(md.getDatabaseProductVersion().matches("\\d+\\.\\d+\\.\\d+.*"),
          md.getDatabaseProductVersion());
      assertEquals(md.getDatabaseProductVersion(), md.getDriverVersion());
      assertEquals(Connection.TRANSACTION_READ_COMMITTED, md.getDefaultTransactionIsolation());
    }
  }

  @Test
  void listsPrimaryKeysAndIndexes() throws SQLException {
    try (Connection c = database(UUID.randomUUID().toString());
        Statement s = c.createStatement()) {
      assertEquals(List.of("PUBLIC ORDERS ID 1", "PUBLIC ORDERS LINE 2"), rows(s.executeQuery(
          "SELECT table_schema, table_name, column_name, key_seq FROM sys.primary_keys")));
      try (ResultSet rs = s.executeQuery("SELECT DISTINCT pk_name FROM sys.primary_keys")) {
        assertTrue(rs.next());
        assertFalse(rs.getString(1).isEmpty());
      }
      // H2 names the indexes of keys and constraints itself; the plain one keeps its name.
      assertEquals(List.of(
              "ORDERS false 1 CODE A",
              "ORDERS true 1 PLACED D", "ORDERS true 2 PRICE A",
              "ORDERS false 1 ID A", "ORDERS false 2 LINE A"),
          rows(s.executeQuery("SELECT table_name, non_unique, ordinal_position, column_name,"
              + " asc_or_desc FROM sys.indexes WHERE table_schema = 'PUBLIC'"
              + " ORDER BY CASE WHEN column_name = 'CODE' THEN 0"
              + " WHEN non_unique THEN 1 ELSE 2 END, ordinal_position")));
      assertEquals(List.of("ORDERS_PLACED"), rows(s.executeQuery(
          "SELECT DISTINCT index_name FROM sys.indexes WHERE non_unique")));
    }
  }

  @Test
  void keysOfTablesCreatedLaterAppearInACachedPlan() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      String keys = "SELECT table_name, column_name FROM sys.primary_keys WHERE key_seq = 1";
      assertEquals(List.of(), rows(s.executeQuery(keys)));
      c.setAutoCommit(false);
      s.execute("CREATE TABLE a (id INT PRIMARY KEY)");
      s.execute("INSERT INTO a VALUES (1)");
      // Inside the transaction, on its connection to the embedded database.
      assertEquals(List.of("A ID"), rows(s.executeQuery(keys)));
      c.commit();
      s.execute("CREATE TABLE b (k VARCHAR(5) PRIMARY KEY)");
      assertEquals(List.of("A ID", "B K"), rows(s.executeQuery(keys)));
      s.execute("DROP TABLE a");
      assertEquals(List.of("B K"), rows(s.executeQuery(keys)));
    }
  }

  @Test
  void listsRoutineParameters() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION answer() RETURNS INT LANGUAGE WASM"
          + " AS '(module (func (export \"answer\") (result i32) i32.const 42))'");
      s.execute("CREATE FUNCTION twice(BIGINT) RETURNS BIGINT LANGUAGE WASM AS '(module"
          + " (func (export \"twice\") (param i64) (result i64)"
          + " local.get 0 i64.const 2 i64.mul))'");
      // label(id, t, ratio) returns t: a VARCHAR crosses as a pointer and a length.
      s.execute("CREATE PROCEDURE label(id INT, t VARCHAR(20), ratio DOUBLE) RETURNS VARCHAR"
          + " LANGUAGE WASM AS '(module (memory (export \"memory\") 1)"
          + " (func (export \"alloc\") (param i32) (result i32) i32.const 1024)"
          + " (func (export \"label\") (param i32 i32 i32 f64) (result i64)"
          + " local.get 1 i64.extend_i32_u i64.const 32 i64.shl"
          + " local.get 2 i64.extend_i32_u i64.or))'");
      assertEquals(List.of(
              "ANSWER 0 RETURN_VALUE RETURN 4 INTEGER 10 0",
              "LABEL 0 RETURN_VALUE RETURN 12 VARCHAR null null",
              "LABEL 1 ID IN 4 INTEGER 10 0",
              "LABEL 2 T IN 12 VARCHAR 20 null",
              "LABEL 3 RATIO IN 8 DOUBLE 15 null",
              "TWICE 0 RETURN_VALUE RETURN -5 BIGINT 19 0",
              "TWICE 1 P1 IN -5 BIGINT 19 0"),
          rows(s.executeQuery("SELECT * FROM sys.procedure_parameters")));
      // Every role reads it, as the other system tables.
      try (Connection user = DriverManager.getConnection("jdbc:calx:mem:;calx.role=user");
          Statement u = user.createStatement()) {
        assertEquals(List.of("0"), rows(u.executeQuery(
            "SELECT COUNT(*) FROM sys.procedure_parameters")));
      }
      // POSITION is a reserved word, so quoted.
      try (PreparedStatement ps = c.prepareStatement("SELECT parameter_name"
          + " FROM sys.procedure_parameters WHERE procedure_name = ? AND \"POSITION\" > 0")) {
        ps.setString(1, "LABEL");
        assertEquals(List.of("ID", "T", "RATIO"), rows(ps.executeQuery()));
      }
    }
  }

  private static void assertColumn(ResultSet rs, String name, int type, String typeName,
      Integer size, Integer digits, int nullable) throws SQLException {
    assertTrue(rs.next(), "no column " + name);
    assertEquals(name, rs.getString("COLUMN_NAME"));
    assertEquals(type, rs.getInt("DATA_TYPE"), name);
    assertEquals(typeName, rs.getString("TYPE_NAME"), name);
    assertEquals(size, rs.getObject("COLUMN_SIZE"), name);
    assertEquals(digits, rs.getObject("DECIMAL_DIGITS"), name);
    assertEquals(nullable, rs.getInt("NULLABLE"), name);
    assertEquals(nullable == DatabaseMetaData.columnNullable ? "YES" : "NO",
        rs.getString("IS_NULLABLE"), name);
  }

  /** SCHEMA.TABLE of each row of a getTables result, in its order. */
  private static List<String> tables(ResultSet rs) throws SQLException {
    List<String> names = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  private static List<String> typedTables(ResultSet rs) throws SQLException {
    List<String> names = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":"
            + rs.getString("TABLE_TYPE"));
      }
    }
    return names;
  }

  private static List<String> column(ResultSet rs, int column) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(column));
      }
    }
    return values;
  }

  /** Each row's values, separated by spaces. */
  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
          values[i] = String.valueOf(rs.getObject(i + 1));
        }
        rows.add(String.join(" ", Arrays.asList(values)));
      }
    }
    return rows;
  }
}
