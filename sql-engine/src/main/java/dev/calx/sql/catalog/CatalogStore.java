package dev.calx.sql.catalog;

import dev.calx.sql.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The durable catalog: four tables in schema {@code CALX_CATALOG} of the database. {@code
 * ROUTINE_DEFINITIONS} holds one row per routine, its definition as columns; {@code
 * ROUTINE_PARAMETERS} one row per parameter; {@code ROUTINE_RESULT_COLUMNS} one row per column of
 * the table a RETURNS TABLE routine returns; {@code MODULES} one row per distinct module, keyed
 * by its SHA-256.
 *
 * <p>Each change is one H2 transaction, and H2's MVStore commits a transaction atomically to
 * disk, so a crash at any instant leaves each routine wholly old or wholly new. Every statement
 * of a change reaches its rows through a key or an index, so a change costs the same however many
 * routines exist; opening reads the whole catalog in three queries and no module.
 */
final class CatalogStore {
  static final String SCHEMA = "CALX_CATALOG";
  static final String MODULES = SCHEMA + ".MODULES";
  static final String DEFINITIONS = SCHEMA + ".ROUTINE_DEFINITIONS";
  static final String PARAMETERS = SCHEMA + ".ROUTINE_PARAMETERS";
  static final String RESULT_COLUMNS = SCHEMA + ".ROUTINE_RESULT_COLUMNS";

  private final DataSource dataSource;

  CatalogStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the tables, or brings those an earlier release created up to date. */
  void createTables() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      s.execute("CREATE TABLE IF NOT EXISTS " + MODULES + " ("
          + "SHA256 CHAR(64) PRIMARY KEY, BYTES VARBINARY NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS " + DEFINITIONS + " ("
          + "NAME VARCHAR PRIMARY KEY, KIND VARCHAR(16) NOT NULL,"
          + " RETURN_TYPE VARCHAR(16) NOT NULL, RETURN_LENGTH INT,"
          + " EXPORT_NAME VARCHAR, IS_DETERMINISTIC BOOLEAN NOT NULL, \"COMMENT\" VARCHAR,"
          + " TIMEOUT_MS BIGINT NOT NULL, MAX_MEMORY_BYTES BIGINT NOT NULL,"
          + " IMPORTS VARCHAR(16) ARRAY NOT NULL,"
          + " MODULE_SHA256 CHAR(64) NOT NULL REFERENCES " + MODULES + "(SHA256),"
          + " MODULE_SIZE INT NOT NULL,"
          + " CREATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,"
          + " UPDATED_AT TIMESTAMP WITH TIME ZONE NOT NULL)");
      // Finds whether another routine still uses a module without reading every routine.
      s.execute("CREATE INDEX IF NOT EXISTS ROUTINE_DEFINITIONS_MODULE ON " + DEFINITIONS
          + "(MODULE_SHA256)");
      s.execute("CREATE TABLE IF NOT EXISTS " + PARAMETERS + " ("
          + "ROUTINE_NAME VARCHAR NOT NULL REFERENCES " + DEFINITIONS + "(NAME) ON DELETE CASCADE,"
          + " POSITION INT NOT NULL, NAME VARCHAR, TYPE VARCHAR(16) NOT NULL, TYPE_LENGTH INT,"
          + " PRIMARY KEY (ROUTINE_NAME, POSITION))");
      addResultsAndSqlDataAccess(s);
    }
  }

  /**
   * What came with routines that run SQL or return a table or nothing: a routine's SQL data
   * access, a return type that may be absent, and the columns of the table it returns. The
   * statements change only what is not there yet, so the tables of this release and those an
   * earlier one created (where {@code CREATE TABLE IF NOT EXISTS} changed nothing) end up the
   * same; an earlier release's routines read as {@code NO_SQL}, which is what they were.
   */
  private static void addResultsAndSqlDataAccess(Statement s) throws SQLException {
    s.execute("ALTER TABLE " + DEFINITIONS + " ADD COLUMN IF NOT EXISTS"
        + " SQL_DATA_ACCESS VARCHAR(32) DEFAULT 'NO_SQL' NOT NULL");
    s.execute("ALTER TABLE " + DEFINITIONS + " ALTER COLUMN RETURN_TYPE DROP NOT NULL");
    s.execute("CREATE TABLE IF NOT EXISTS " + RESULT_COLUMNS + " ("
        + "ROUTINE_NAME VARCHAR NOT NULL REFERENCES " + DEFINITIONS + "(NAME) ON DELETE CASCADE,"
        + " POSITION INT NOT NULL, NAME VARCHAR NOT NULL, TYPE VARCHAR(16) NOT NULL,"
        + " TYPE_LENGTH INT, PRIMARY KEY (ROUTINE_NAME, POSITION))");
  }

  /** Every stored definition, read with three queries. */
  List<RoutineDefinition> definitions() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return StoredDefinitions.read(c);
    }
  }

  byte[] module(String sha256) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT BYTES FROM " + MODULES + " WHERE SHA256 = ?")) {
      ps.setString(1, sha256);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("module " + sha256 + " is missing from the catalog");
        }
        return rs.getBytes(1);
      }
    }
  }

  /** Stores a routine and its module, replacing any routine of that name, atomically. */
  void put(RoutineDefinition d, byte[] module) throws SQLException {
    Transaction.in(dataSource, c -> {
      String replaced = moduleOf(c, d.name());
      try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + MODULES
          + " (SHA256, BYTES) KEY (SHA256) VALUES (?, ?)")) {
        ps.setString(1, d.moduleSha256());
        ps.setBytes(2, module);
        ps.executeUpdate();
      }
      delete(c, "DELETE FROM " + PARAMETERS + " WHERE ROUTINE_NAME = ?", d.name());
      delete(c, "DELETE FROM " + RESULT_COLUMNS + " WHERE ROUTINE_NAME = ?", d.name());
      StoredDefinitions.write(c, List.of(d));
      return replaced == null ? 0 : deleteIfUnused(c, replaced);
    });
  }

  /** Removes a routine, and its module if no other routine uses it, atomically. */
  void remove(String name) throws SQLException {
    Transaction.in(dataSource, c -> {
      String module = moduleOf(c, name);
      delete(c, "DELETE FROM " + DEFINITIONS + " WHERE NAME = ?", name);
      return module == null ? 0 : deleteIfUnused(c, module);
    });
  }

  /** The module a stored routine uses, or null if there is no such routine. */
  private static String moduleOf(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT MODULE_SHA256 FROM " + DEFINITIONS + " WHERE NAME = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Deletes one module if no routine uses it any longer. Only the module a change let go of can
   * have become unused, so only it is checked, through the index on the routines' modules.
   */
  private static int deleteIfUnused(Connection c, String sha256) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + MODULES
        + " WHERE SHA256 = ? AND NOT EXISTS (SELECT 1 FROM " + DEFINITIONS
        + " WHERE MODULE_SHA256 = ?)")) {
      ps.setString(1, sha256);
      ps.setString(2, sha256);
      return ps.executeUpdate();
    }
  }

  private static void delete(Connection c, String sql, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      ps.executeUpdate();
    }
  }
}
