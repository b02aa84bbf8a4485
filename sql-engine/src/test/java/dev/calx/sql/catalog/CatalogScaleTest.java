package dev.calx.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calx.sql.jdbc.Database;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creates routines one after another, each with its own module, and checks that CREATE, REPLACE
 * and DROP cost as much with hundreds of routines in the catalog as with a few; then restarts
 * the database, which must answer its first call at once and every routine afterwards. Times are
 * compared as medians of a hundred statements, which a passing burst of load barely moves; the
 * full-size figures come from the benchmarks module.
 */
class CatalogScaleTest {
  private static final int ROUTINES = 600;
  private static final int SAMPLE = 100;
  private static final double TOLERANCE = 1.5;

  @TempDir
  Path data;

  @Test
  void changesCostTheSameAtAnySizeAndARestartServesAtOnce() throws Exception {
    long[] creates = new long[ROUTINES];
    long[] replacesSmall;
    long[] replacesLarge;
    try (Connection c = connect(); Statement s = c.createStatement()) {
      replace(s, SAMPLE); // warms up the parser, the compiler and H2
      replacesSmall = replace(s, SAMPLE);
      for (int i = 0; i < ROUTINES; i++) {
        creates[i] = timed(s, create("", "f" + i, i));
      }
      replacesLarge = replace(s, SAMPLE);
      // The first query of the process pays for warming Calcite up, which a restart does not.
      assertEquals(1, call(s, 0));
    }
    assertSimilar("CREATE", Arrays.copyOfRange(creates, 0, SAMPLE),
        Arrays.copyOfRange(creates, ROUTINES - SAMPLE, ROUTINES));
    assertSimilar("CREATE OR REPLACE", replacesSmall, replacesLarge);

    Database.open(data.toString(), null).close();
    long start = System.nanoTime();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertEquals(ROUTINES, call(s, ROUTINES - 1));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 1000, "open and first call took " + millis + " ms");
      assertEveryRoutineAnswers(s);
      assertDropsCostTheSame(s);
    }
  }

  /** The result of {@code f<n>(1)}. */
  private static int call(Statement s, int n) throws SQLException {
    try (ResultSet rs = s.executeQuery("CALL f" + n + "(1)")) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  /** Calls every routine, a hundred per query. */
  private static void assertEveryRoutineAnswers(Statement s) throws SQLException {
    for (int first = 0; first < ROUTINES; first += SAMPLE) {
      StringJoiner calls = new StringJoiner(", ", "SELECT ", " FROM (VALUES 1)");
      for (int i = first; i < first + SAMPLE; i++) {
        calls.add("f" + i + "(1)");
      }
      try (ResultSet rs = s.executeQuery(calls.toString())) {
        assertTrue(rs.next());
        for (int i = first; i < first + SAMPLE; i++) {
          assertEquals(i + 1, rs.getInt(i - first + 1), "f" + i + "(1)");
        }
      }
    }
  }

  /** Drops every routine: the first hundred from the full catalog, the last from a small one. */
  private static void assertDropsCostTheSame(Statement s) throws SQLException {
    long[] drops = new long[ROUTINES];
    for (int i = 0; i < ROUTINES; i++) {
      drops[i] = timed(s, "DROP FUNCTION f" + i);
    }
    assertSimilar("DROP", Arrays.copyOfRange(drops, 0, SAMPLE),
        Arrays.copyOfRange(drops, ROUTINES - SAMPLE, ROUTINES));
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sys.procedures")) {
      assertTrue(rs.next());
        assertEquals(1, rs.getInt(1), "only AGAIN is left");
    }
  }

  /** Replaces one routine {@code times} times with alternating modules. */
  private static long[] replace(Statement s, int times) throws SQLException {
    long[] nanos = new long[times];
    for (int i = 0; i < times; i++) {
      nanos[i] = timed(s, create("OR REPLACE ", "again", i % 2));
    }
    return nanos;
  }

  /**
   * A CREATE of a function that adds {@code n} to its argument. The module is given as bytes,
   * so that the WAT compiler's time does not drown the catalog's.
   */
  private static String create(String orReplace, String name, int n) {
    return "CREATE " + orReplace + "FUNCTION " + name + "(x INT) RETURNS INT LANGUAGE WASM"
        + " EXPORT 'add' AS X'" + HexFormat.of().formatHex(adder(n)) + "'";
  }

  /** {@code (func (export "add") (param i32) (result i32) local.get 0 i32.const n i32.add)}. */
  private static byte[] adder(int n) {
    ByteArrayOutputStream constant = new ByteArrayOutputStream();
    for (int rest = n; ; rest >>= 7) { // signed LEB128
      boolean last = rest >= -64 && rest < 64;
      constant.write(last ? rest & 0x7f : rest & 0x7f | 0x80);
      if (last) {
        break;
      }
    }
    int bodySize = 6 + constant.size();
    ByteArrayOutputStream module = new ByteArrayOutputStream();
    module.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 6, 1, 0x60, 1, 0x7f, 1, 0x7f,
        3, 2, 1, 0, 7, 7, 1, 3, 'a', 'd', 'd', 0, 0, 10, (byte) (bodySize + 2), 1,
        (byte) bodySize, 0, 0x20, 0, 0x41});
    module.writeBytes(constant.toByteArray());
    module.writeBytes(new byte[] {0x6a, 0x0b});
    return module.toByteArray();
  }

  private static long timed(Statement s, String sql) throws SQLException {
    long start = System.nanoTime();
    s.execute(sql);
    return System.nanoTime() - start;
  }

  private static void assertSimilar(String what, long[] small, long[] large) {
    double before = median(small) / 1e6;
    double after = median(large) / 1e6;
    assertTrue(after <= before * TOLERANCE, String.format(
        "%s: median %.2f ms with %d routines or fewer, %.2f ms with %d or more", what, before,
        SAMPLE, after, ROUTINES - SAMPLE));
  }

  private static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:calx:" + data);
  }
}
