package dev.calx.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calx.sql.jdbc.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routines that return a table or nothing and declare the SQL they run, through the embedded
 * driver: CREATE stores them, the system tables and JDBC metadata show them, a restart brings them
 * back the same, and the statement {@code sys.procedures} gives for each recreates it.
 */
class RoutineShapesTest {
  /** Emits rows of a text's words; the module has the export's shape and emits nothing. */
  static final String SPLIT = "CREATE FUNCTION split(t TEXT, n INT)"
      + " RETURNS TABLE (\"position\" INT, word VARCHAR(30)) LANGUAGE WASM READS SQL DATA"
      + " COMMENT 'words' AS '(module (memory (export \"memory\") 1)"
      + " (func (export \"alloc\") (param i32) (result i32) i32.const 0)"
      + " (func (export \"split\") (param i32 i32 i32)))'";
  /** Returns nothing. */
  static final String TRANSFER = "CREATE PROCEDURE transfer(from_id BIGINT, to_id BIGINT,"
      + " amount DOUBLE) LANGUAGE WASM MODIFIES SQL DATA"
      + " AS '(module (func (export \"transfer\") (param i64 i64 f64)))'";
  /** Returns a value and reads SQL data. */
  static final String RATE = "CREATE FUNCTION rate(code INT) RETURNS DOUBLE LANGUAGE WASM"
      + " DETERMINISTIC READS SQL DATA"
      + " AS '(module (func (export \"rate\") (param i32) (result f64) f64.const 1))'";

  /** Returns a value but modifies SQL data, so no query may call it. */
  static final String BUMP = "CREATE FUNCTION bump(n INT) RETURNS INT LANGUAGE WASM"
      + " MODIFIES SQL DATA AS '(module (func (export \"bump\") (param i32) (result i32)"
      + " local.get 0))'";

  private static final String PROCEDURES = "SELECT name, kind, parameter_names,"
      + " parameter_types, return_type, result_columns, sql_data_access, \"COMMENT\""
      + " FROM sys.procedures ORDER BY name";
  private static final String PARAMETERS = "SELECT procedure_name, \"POSITION\","
      + " parameter_name, mode, data_type, type_name, \"PRECISION\""
      + " FROM sys.procedure_parameters";

  @TempDir
  Path data;

  @Test
  void systemTablesShowWhatEachReturnsAndTheSqlItRuns() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(SPLIT);
      s.execute(TRANSFER);
      s.execute(RATE);
      assertEquals(List.of(
              "RATE|FUNCTION|CODE|INTEGER|DOUBLE|null|READS SQL DATA|null",
              "SPLIT|FUNCTION|T, N|TEXT, INTEGER|null|position INTEGER, WORD VARCHAR(30)"
                  + "|READS SQL DATA|words",
              "TRANSFER|PROCEDURE|FROM_ID, TO_ID, AMOUNT|BIGINT, BIGINT, DOUBLE|null|null"
                  + "|MODIFIES SQL DATA|null"),
          rows(s, PROCEDURES));
      assertEquals(List.of(
              "RATE|0|RETURN_VALUE|RETURN|8|DOUBLE|15",
              "RATE|1|CODE|IN|4|INTEGER|10",
              "SPLIT|1|T|IN|12|VARCHAR|null",
              "SPLIT|2|N|IN|4|INTEGER|10",
              "SPLIT|1|position|RESULT|4|INTEGER|10",
              "SPLIT|2|WORD|RESULT|12|VARCHAR|30",
              "TRANSFER|1|FROM_ID|IN|-5|BIGINT|19",
              "TRANSFER|2|TO_ID|IN|-5|BIGINT|19",
              "TRANSFER|3|AMOUNT|IN|8|DOUBLE|15"),
          rows(s, PARAMETERS));
    }
  }

  @Test
  void restartAndCreateStatementBringThemBackTheSame() throws SQLException {
    List<String> procedures;
    List<String> parameters;
    List<String> statements;
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(SPLIT);
      s.execute(TRANSFER);
      s.execute(RATE);
      procedures = rows(s, PROCEDURES);
      parameters = rows(s, PARAMETERS);
      statements = rows(s, "SELECT create_statement FROM sys.procedures ORDER BY name");
    }
    assertEquals("CREATE FUNCTION \"SPLIT\" (\"T\" TEXT, \"N\" INTEGER) RETURNS TABLE"
            + " (\"position\" INTEGER, \"WORD\" VARCHAR(30)) LANGUAGE WASM READS SQL DATA"
            + " NOT DETERMINISTIC RETURNS NULL ON NULL INPUT COMMENT 'words'",
        statements.get(1).substring(0, statements.get(1).indexOf(" WITH ")));
    assertEquals("CREATE PROCEDURE \"TRANSFER\" (\"FROM_ID\" BIGINT, \"TO_ID\" BIGINT,"
            + " \"AMOUNT\" DOUBLE) LANGUAGE WASM MODIFIES SQL DATA NOT DETERMINISTIC"
            + " RETURNS NULL ON NULL INPUT",
        statements.get(2).substring(0, statements.get(2).indexOf(" WITH ")));
    Database.open(data.toString(), null).close();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertEquals(procedures, rows(s, PROCEDURES));
      assertEquals(parameters, rows(s, PARAMETERS));
      assertEquals(statements, rows(s, "SELECT create_statement FROM sys.procedures"
          + " ORDER BY name"));
      for (String name : List.of("RATE", "SPLIT", "TRANSFER")) {
        s.execute("DROP PROCEDURE " + name);
      }
      for (String statement : statements) {
        s.execute(statement);
      }
      assertEquals(procedures, rows(s, PROCEDURES));
      assertEquals(parameters, rows(s, PARAMETERS));
    }
  }

  @Test
  void jdbcMetadataListsTheirTablesColumnsAndWhatQueriesCanCall() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(SPLIT);
      s.execute(TRANSFER);
      s.execute(RATE);
      s.execute(BUMP);
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("BUMP|2", "RATE|2", "SPLIT|2", "TRANSFER|1"),
          Rows.of(md.getProcedures(null, null, null), "PROCEDURE_NAME", "PROCEDURE_TYPE"));
      assertEquals(List.of("RATE|1", "SPLIT|2"),
          Rows.of(md.getFunctions(null, null, null), "FUNCTION_NAME", "FUNCTION_TYPE"));
      // COLUMN_NAME COLUMN_TYPE ORDINAL_POSITION DATA_TYPE PRECISION
      assertEquals(List.of("T|1|1|12|null", "N|1|2|4|10", "position|3|1|4|10",
              "WORD|3|2|12|30"),
          Rows.of(md.getProcedureColumns(null, null, "SPLIT", null), "COLUMN_NAME",
              "COLUMN_TYPE", "ORDINAL_POSITION", "DATA_TYPE", "PRECISION"));
      assertEquals(List.of("FROM_ID|1|1", "TO_ID|1|2", "AMOUNT|1|3"),
          Rows.of(md.getProcedureColumns(null, null, "TRANSFER", null), "COLUMN_NAME",
              "COLUMN_TYPE", "ORDINAL_POSITION"));
      assertEquals(List.of("T|1|1", "N|1|2", "position|5|1", "WORD|5|2"),
          Rows.of(md.getFunctionColumns(null, null, "SPLIT", null), "COLUMN_NAME",
              "COLUMN_TYPE", "ORDINAL_POSITION"));
      assertEquals(List.of("RATE|RETURN_VALUE", "RATE|CODE", "SPLIT|T", "SPLIT|N",
              "SPLIT|position", "SPLIT|WORD"),
          Rows.of(md.getFunctionColumns(null, null, null, null), "FUNCTION_NAME",
              "COLUMN_NAME"));
      assertEquals(List.of("WORD"),
          Rows.of(md.getProcedureColumns(null, null, "SPLIT", "W%"), "COLUMN_NAME"));
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:calx:" + data);
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    return Rows.of(s.executeQuery(sql));
  }
}
