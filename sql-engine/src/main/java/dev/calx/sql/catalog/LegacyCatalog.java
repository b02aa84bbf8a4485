package dev.calx.sql.catalog;

import static dev.calx.sql.catalog.CatalogStore.MODULES;
import static dev.calx.sql.catalog.CatalogStore.SCHEMA;

import dev.calx.sql.Transaction;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The catalog as release 0.1 stored it: each routine's CREATE statement, with an empty module,
 * in {@code CALX_CATALOG.ROUTINES}. Converted once, when a data directory of that release is
 * opened, into definitions as columns.
 *
 * <p>The new rows are written and the old ones deleted in one transaction, so a crash leaves
 * either every routine in the old table or every routine in the new ones; the emptied old table
 * is dropped afterwards (H2 commits DDL on its own, so the drop cannot join the transaction), and
 * an empty old table found at open is simply dropped.
 */
final class LegacyCatalog {
  private static final System.Logger LOG = System.getLogger(LegacyCatalog.class.getName());
  private static final String ROUTINES = SCHEMA + ".ROUTINES";

  private LegacyCatalog() {}

  /** Converts the old table if there is one; returns how many routines it held. */
  static int convert(DataSource dataSource, ProcedureCatalog.StatementReader reader)
      throws SQLException {
    if (!exists(dataSource)) {
      return 0;
    }
    int converted = Transaction.in(dataSource, c -> {
      List<RoutineDefinition> definitions = read(c, reader);
      StoredDefinitions.write(c, definitions);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM " + ROUTINES);
      }
      return definitions.size();
    });
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + ROUTINES);
    }
    LOG.log(Level.INFO, "converted " + converted + " routines stored as CREATE statements"
        + " by an earlier release to definitions as columns");
    return converted;
  }

  private static boolean exists(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM INFORMATION_SCHEMA.COLUMNS"
            + " WHERE TABLE_SCHEMA = '" + SCHEMA + "' AND TABLE_NAME = 'ROUTINES'"
            + " AND COLUMN_NAME = 'STATEMENT'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  private static List<RoutineDefinition> read(Connection c,
      ProcedureCatalog.StatementReader reader) throws SQLException {
    List<RoutineDefinition> definitions = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT r.NAME, r.STATEMENT, r.MODULE_SHA256,"
            + " OCTET_LENGTH(m.BYTES), r.CREATED_AT, r.UPDATED_AT FROM " + ROUTINES + " r JOIN "
            + MODULES + " m ON m.SHA256 = r.MODULE_SHA256")) {
      while (rs.next()) {
        definitions.add(definition(rs, reader));
      }
    }
    return definitions;
  }

  private static RoutineDefinition definition(ResultSet rs,
      ProcedureCatalog.StatementReader reader) throws SQLException {
    String name = rs.getString(1);
    try {
      return reader.definition(rs.getString(2), rs.getString(3), rs.getInt(4))
          .at(rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());
    } catch (RuntimeException e) {
      throw new SQLException("routine " + name + ", stored by an earlier release, cannot be"
          + " converted, so the catalog is left as it was: " + e.getMessage(), "58030", e);
    }
  }
}
