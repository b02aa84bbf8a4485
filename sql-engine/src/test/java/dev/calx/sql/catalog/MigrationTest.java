package dev.calx.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calx.sql.jdbc.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens data directories written by earlier code: {@code release-0.1.zip}, written by running
 * {@code release-0.1.sql}, statement by statement, through release 0.1's embedded driver (commit
 * 7d86a07), whose catalog held CREATE statements; and {@code columns-4e979c1.zip}, written the
 * same way from {@code columns-4e979c1.sql} by commit 4e979c1, whose catalog held definitions as
 * columns, without SQL data access or result columns. Every routine must come back as it was
 * declared, with its times, and answer calls.
 *
 * <p>The writer shut H2 down with {@code SHUTDOWN} after closing the database: a file left by a
 * JVM that exited while HikariCP was still closing its connections made H2 2.5.252 fail later
 * with an MVStoreException (a chunk id assertion), with release 0.1's code as with this one.
 */
class MigrationTest {
  private static final Path GUESTS = Path.of("../wasm-udf/src/test/resources/guests");

  @TempDir
  Path data;

  @Test
  void releaseCatalogIsConvertedAndEveryRoutineWorks() throws Exception {
    unzip("/catalog/release-0.1.zip");
    assertEquals(List.of(
        "ADD2|FUNCTION|X, Y|INTEGER, INTEGER|INTEGER|add|true|it's adding|5000|16||41",
        "ADD_LIMITED|PROCEDURE|P1, P2|INTEGER, INTEGER|INTEGER|add|false|null|250|2||41",
        "SECONDS|FUNCTION|X|INTEGER|BIGINT|null|false|null|5000|16|wasi|124",
        "UPPER_C|FUNCTION|S|VARCHAR(20)|TEXT|upper|false|null|5000|16||1794",
        "VERSION|FUNCTION|X|INTEGER|INTEGER|null|false|v2|5000|16||41",
        "mixed Case|FUNCTION|D, R, B|DOUBLE, REAL, BOOLEAN|DOUBLE|null|false|null|5000|16||46"),
        rows("SELECT name, kind, parameter_names, parameter_types, return_type, export_name,"
            + " is_deterministic, \"COMMENT\", timeout_ms, max_memory_mb, imports, module_size"
            + " FROM sys.procedures ORDER BY name"));
    assertEveryRoutineAnswersAndKeptItsTimes();
    assertEquals(List.of("ADD2|2026-12-02 09:04:23"),
        rows("SELECT name, CAST(created_at AS VARCHAR) FROM sys.procedures WHERE name = 'ADD2'"));
    Database.open(data.toString(), GUESTS).close();
    assertEquals(List.of("0|6|10"), h2("SELECT (SELECT count(*) FROM INFORMATION_SCHEMA.TABLES"
        + " WHERE TABLE_SCHEMA = 'CALX_CATALOG' AND TABLE_NAME = 'ROUTINES'),"
        + " (SELECT count(*) FROM CALX_CATALOG.ROUTINE_DEFINITIONS),"
        + " (SELECT count(*) FROM CALX_CATALOG.ROUTINE_PARAMETERS)"));
    emptyOldTableLeftByACrashIsDropped();
  }

  /** Both data directories hold the same routines: each answers as declared. */
  private void assertEveryRoutineAnswersAndKeptItsTimes() throws SQLException {
    assertEquals(List.of("5|5|ABC|true|1.5|2|2"),
        rows("SELECT add2(2, 3), add_limited(2, 3), upper_c('abc'), seconds(0) > 1700000000,"
            + " \"mixed Case\"(1.5, 2.0, true), version(0), (SELECT count(*) FROM readings)"
            + " FROM (VALUES 1)"));
    assertEquals(List.of("VERSION|true", "ADD2|false"),
        rows("SELECT name, created_at < updated_at FROM sys.procedures"
            + " WHERE name IN ('VERSION', 'ADD2') ORDER BY name DESC"),
        "the times of the stored rows, not the time of the open");
  }

  /**
   * A crash after the conversion committed but before the old table was dropped leaves that
   * table empty beside the converted routines: the next open drops it and keeps the routines.
   */
  private void emptyOldTableLeftByACrashIsDropped() throws SQLException {
    h2("CREATE TABLE CALX_CATALOG.ROUTINES (NAME VARCHAR PRIMARY KEY, STATEMENT VARCHAR NOT NULL,"
        + " MODULE_SHA256 CHAR(64) NOT NULL REFERENCES CALX_CATALOG.MODULES(SHA256),"
        + " CREATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,"
        + " UPDATED_AT TIMESTAMP WITH TIME ZONE NOT NULL)");
    assertEquals(List.of("6|2"),
        rows("SELECT count(*), sum(CASE WHEN name = 'VERSION' THEN version(0) END)"
            + " FROM sys.procedures"));
    Database.open(data.toString(), GUESTS).close();
    assertEquals(List.of("0"), h2("SELECT count(*) FROM INFORMATION_SCHEMA.TABLES"
        + " WHERE TABLE_SCHEMA = 'CALX_CATALOG' AND TABLE_NAME = 'ROUTINES'"));
  }

  @Test
  void catalogWithoutSqlDataAccessGainsItAndResultColumns() throws Exception {
    unzip("/catalog/columns-4e979c1.zip");
    assertEquals(List.of(
        "ADD2|FUNCTION|INTEGER|null|NO SQL|add|true|it's adding|5000|16|",
        "ADD_LIMITED|PROCEDURE|INTEGER|null|NO SQL|add|false|null|250|2|",
        "SECONDS|FUNCTION|BIGINT|null|NO SQL|null|false|null|5000|16|wasi",
        "UPPER_C|FUNCTION|VARCHAR(20)|null|NO SQL|upper|false|null|5000|16|",
        "VERSION|FUNCTION|INTEGER|null|NO SQL|null|false|v2|5000|16|",
        "mixed Case|FUNCTION|DOUBLE|null|NO SQL|null|false|null|5000|16|"),
        rows("SELECT name, kind, return_type, result_columns, sql_data_access, export_name,"
            + " is_deterministic, \"COMMENT\", timeout_ms, max_memory_mb, imports"
            + " FROM sys.procedures ORDER BY name"));
    assertEveryRoutineAnswersAndKeptItsTimes();
    assertEquals(List.of("ADD_LIMITED|RETURN|0|INTEGER", "ADD_LIMITED|IN|1|INTEGER",
            "ADD_LIMITED|IN|2|INTEGER"),
        rows("SELECT procedure_name, mode, \"POSITION\", type_name"
            + " FROM sys.procedure_parameters WHERE procedure_name = 'ADD_LIMITED'"));
    Database.open(data.toString(), GUESTS).close();
    assertEquals(List.of("6|6|0|YES"), h2("SELECT"
        + " (SELECT count(*) FROM CALX_CATALOG.ROUTINE_DEFINITIONS),"
        + " (SELECT count(*) FROM CALX_CATALOG.ROUTINE_DEFINITIONS"
        + " WHERE SQL_DATA_ACCESS = 'NO_SQL' AND RETURN_TYPE IS NOT NULL),"
        + " (SELECT count(*) FROM CALX_CATALOG.ROUTINE_RESULT_COLUMNS),"
        + " (SELECT IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS"
        + " WHERE TABLE_SCHEMA = 'CALX_CATALOG' AND TABLE_NAME = 'ROUTINE_DEFINITIONS'"
        + " AND COLUMN_NAME = 'RETURN_TYPE')"));
    migratedTablesTakeEveryShape();
  }

  /**
   * The migrated tables store a routine that returns a table and one that returns nothing, and
   * opening them again changes nothing.
   */
  private void migratedTablesTakeEveryShape() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + data.resolve("calx"));
    h2.setUser("sa");
    CatalogStore store = new CatalogStore(h2);
    store.createTables();
    RoutineDefinition add2 = store.definitions().stream()
        .filter(d -> d.name().equals("ADD2")).findFirst().orElseThrow();
    RoutineDefinition table = new RoutineDefinition("PAIRS", RoutineKind.FUNCTION,
        add2.parameters(), Optional.empty(),
        List.of(new RoutineDefinition.Column("position", add2.parameters().get(0).type())),
        add2.exportName(), SqlDataAccess.READS_SQL_DATA, false, Optional.empty(),
        add2.limits(), Set.of(), add2.moduleSha256(), add2.moduleSize(), add2.createdAt(),
        add2.updatedAt());
    RoutineDefinition nothing = new RoutineDefinition("RUN", RoutineKind.PROCEDURE,
        List.of(), Optional.empty(), List.of(), Optional.empty(),
        SqlDataAccess.MODIFIES_SQL_DATA, false, Optional.empty(), add2.limits(), Set.of(),
        add2.moduleSha256(), add2.moduleSize(), add2.createdAt(), add2.updatedAt());
    byte[] module = store.module(add2.moduleSha256());
    store.put(table, module);
    store.put(nothing, module);
    CatalogStore reopened = new CatalogStore(h2);
    reopened.createTables();
    List<RoutineDefinition> read = reopened.definitions();
    assertEquals(8, read.size());
    assertTrue(read.containsAll(List.of(add2, table, nothing)), read::toString);
  }

  private void unzip(String resource) throws IOException {
    try (InputStream in = MigrationTest.class.getResourceAsStream(resource);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Files.copy(zip, data.resolve(e.getName()));
      }
    }
  }

  private List<String> rows(String sql) throws SQLException {
    return rows("jdbc:calx:" + data + ";modules=" + GUESTS.toAbsolutePath().normalize(), sql);
  }

  /** Runs SQL on the H2 database itself, the Calx database closed. */
  private List<String> h2(String sql) throws SQLException {
    return rows("jdbc:h2:file:" + data.resolve("calx"), sql);
  }

  private static List<String> rows(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      return s.execute(sql) ? Rows.of(s.getResultSet()) : List.of();
    }
  }
}
