package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calx.sql.exec.CalxParserFactory;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the embedded driver's metadata takes from Calcite's: its SQL keywords, which are Calx's
 * parser's, the tables of its schema {@code metadata}, which getTables lists with JDBC's
 * patterns, and the columns there, typed as getColumns types them.
 */
class CalciteMetadataTest {
  /** A table's columns are its own, even when its name, read as a LIKE pattern, matches more. */
  @Test
  void anUnderscoreInATableNameMatchesItselfOnly() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE axb (x INT)");
      s.execute("CREATE TABLE a_b (y INT)");
      s.execute("INSERT INTO a_b VALUES (7)");
      try (ResultSet rs = s.executeQuery("SELECT * FROM a_b")) {
        assertEquals(1, rs.getMetaData().getColumnCount());
        assertEquals("Y", rs.getMetaData().getColumnLabel(1));
        rs.next();
        assertEquals(7, rs.getInt("Y"));
      }
    }
  }

  @Test
  void sqlKeywordsAreThoseOfCalxsParser() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:")) {
      assertEquals(CalxParserFactory.FACTORY.getParser(new StringReader("")).getMetadata()
          .getJdbcKeywords(), c.getMetaData().getSQLKeywords());
    }
  }

  @Test
  void getTablesTakesJdbcPatterns() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE a_b (x INT)");
      s.execute("CREATE TABLE axb (x INT)");
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("AXB", "A_B"), names(md.getTables(null, "PUBLIC", "A_B", null)));
      assertEquals(List.of("A_B"), names(md.getTables(null, "PUB%", "A\\_B", null)));
      assertEquals(List.of(), names(md.getTables(null, null, "%", new String[0])));
      assertEquals(List.of(), names(md.getTables(null, "public", "%", null)));
    }
  }

  @Test
  void metadataSchemaTypesColumnsAsGetColumns() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (v VARCHAR(20) NOT NULL, d DECIMAL(9, 3))");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT \"columnName\", \"typeName\", \"columnSize\","
          + " \"decimalDigits\", \"isNullable\" FROM \"metadata\".\"COLUMNS\""
          + " WHERE \"tableName\" = 'T' ORDER BY \"ordinalPosition\"")) {
        while (rs.next()) {
          columns.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getObject(3) + " "
              + rs.getObject(4) + " " + rs.getString(5));
        }
      }
      assertEquals(List.of("V VARCHAR 20 null NO", "D DECIMAL 9 3 YES"), columns);
    }
  }

  private static List<String> names(ResultSet rs) throws SQLException {
    List<String> names = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }
}
