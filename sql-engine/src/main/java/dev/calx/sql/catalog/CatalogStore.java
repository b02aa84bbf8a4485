package dev.calx.sql.catalog;

import dev.calx.sql.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The durable catalog: two tables in schema {@code CALX_CATALOG} of the data directory's H2
 * database, one row per procedure and one per distinct module, keyed by content hash.
 *
 * <p>Each change is one H2 transaction, and H2's MVStore commits a transaction atomically to
 * disk, so a crash at any instant leaves each procedure wholly old or wholly new.
 */
final class CatalogStore {
  static final String SCHEMA = "CALX_CATALOG";

  /** A stored procedure: its CREATE statement without the module, and the module's hash. */
  record StoredRoutine(String name, String statement, String moduleSha256, Instant createdAt,
      Instant updatedAt) {}

  private final DataSource dataSource;

  CatalogStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void createTables() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".MODULES ("
          + "SHA256 CHAR(64) PRIMARY KEY, BYTES VARBINARY NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".ROUTINES ("
          + "NAME VARCHAR PRIMARY KEY, STATEMENT VARCHAR NOT NULL,"
          + " MODULE_SHA256 CHAR(64) NOT NULL REFERENCES " + SCHEMA + ".MODULES(SHA256),"
          + " CREATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,"
          + " UPDATED_AT TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
  }

  List<StoredRoutine> routines() throws SQLException {
    List<StoredRoutine> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT NAME, STATEMENT, MODULE_SHA256, CREATED_AT,"
            + " UPDATED_AT FROM " + SCHEMA + ".ROUTINES ORDER BY NAME")) {
      while (rs.next()) {
        result.add(new StoredRoutine(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
      }
    }
    return result;
  }

  byte[] module(String sha256) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT BYTES FROM " + SCHEMA + ".MODULES WHERE SHA256 = ?")) {
      ps.setString(1, sha256);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("module " + sha256 + " is missing from the catalog");
        }
        return rs.getBytes(1);
      }
    }
  }

  /** Stores a procedure and its module, replacing any procedure of that name, atomically. */
  void put(RoutineDefinition d, byte[] module) throws SQLException {
    Transaction.in(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + SCHEMA
          + ".MODULES (SHA256, BYTES) KEY (SHA256) VALUES (?, ?)")) {
        ps.setString(1, d.moduleSha256());
        ps.setBytes(2, module);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + SCHEMA
          + ".ROUTINES (NAME, STATEMENT, MODULE_SHA256, CREATED_AT, UPDATED_AT) KEY (NAME)"
          + " VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, d.name());
        ps.setString(2, d.statement());
        ps.setString(3, d.moduleSha256());
        ps.setTimestamp(4, Timestamp.from(d.createdAt()));
        ps.setTimestamp(5, Timestamp.from(d.updatedAt()));
        ps.executeUpdate();
      }
      return deleteUnusedModules(c);
    });
  }

  /** Removes a procedure, and its module if no other procedure uses it, atomically. */
  void remove(String name) throws SQLException {
    Transaction.in(dataSource, c -> {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + SCHEMA + ".ROUTINES WHERE NAME = ?")) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
      return deleteUnusedModules(c);
    });
  }

  /** Deletes the modules no procedure uses; returns how many. */
  private static int deleteUnusedModules(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate("DELETE FROM " + SCHEMA + ".MODULES WHERE SHA256 NOT IN"
          + " (SELECT MODULE_SHA256 FROM " + SCHEMA + ".ROUTINES)");
    }
  }
}
