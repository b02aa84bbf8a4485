package dev.calx.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calx.sql.EngineSettings;
import dev.calx.sql.exec.RoutineDefinitions;
import dev.calx.sql.jdbc.Database;
import dev.calx.wasm.GuestModule;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog that holds a routine named like a built-in function, stored before CREATE refused
 * such names, still opens: the routine is kept and listed, the built-in answers its name, and it
 * can be dropped.
 */
class BuiltInNameTest {
  /** A module exporting {@code add(i32, i32) -> i32}. */
  private static final byte[] ADD = HexFormat.of().parseHex("0061736d0100000001070160027f7f017f"
      + "030201000707010361646400000a09010700200020016a0b");

  @TempDir
  Path data;

  @Test
  void aStoredRoutineWithABuiltInNameIsKeptButNotCalled() throws Exception {
    // Stored as an earlier release would have: straight into the catalog, past CREATE's check.
    try (Database db = Database.open(data.toString(), null)) {
      GuestModule module = GuestModule.fromBytes(ADD);
      RoutineDefinition abs = RoutineDefinitions.statementReader(EngineSettings.defaults(data))
          .definition("CREATE FUNCTION \"ABS\"(x INT, y INT) RETURNS INT LANGUAGE WASM"
              + " EXPORT 'add' AS ''", module.sha256(), module.size());
      db.catalog().create(abs, module, false, false);
    }
    try (Connection c = DriverManager.getConnection("jdbc:calx:" + data)) {
      assertEquals(List.of("ABS"), rows(c, "SELECT name FROM sys.procedures"));
      assertEquals(List.of("5"), rows(c, "SELECT abs(-5) FROM (VALUES 1)"));
      assertEquals(List.of("7"), rows(c, "CALL \"ABS\"(-7)"));
      try (Statement s = c.createStatement()) {
        s.execute("DROP FUNCTION \"ABS\"");
      }
      assertEquals(List.of(), rows(c, "SELECT name FROM sys.procedures"));
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    }
  }
}
