package dev.calx.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The embedded driver's URL keys: the registry's keys work, others and bad bounds are refused. */
class DriverPropertyTest {
  @Test
  void unknownKeysAndKeysWithoutValuesAreRefusedWith08001() {
    for (String url : new String[] {"jdbc:calx:mem:;no_such_key=1", "jdbc:calx:mem:;bad",
        "jdbc:calx:mem:;plan_cache_size=-1", "jdbc:calx:mem:;plan_cache_memory=lots",
        "jdbc:calx:mem:;max_table_rows=0", "jdbc:calx:mem:;MAX_TABLE_ROWS=lots"}) {
      SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url),
          url);
      assertEquals("08001", e.getSQLState(), url + ": " + e.getMessage());
    }
  }

  @Test
  void quotedValuesAndPlanCacheKeysAreAccepted() throws SQLException {
    String url = "jdbc:calx:mem:;plan_cache_size=0;plan_cache_memory='1m';calx.user='a;b'";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (int i = 0; i < 2; i++) {
        try (ResultSet rs = s.executeQuery("SELECT 1 + " + i + " FROM (VALUES 1)")) {
          rs.next();
        }
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT SUM(cache_hits), SUM(cache_misses) FROM sys.statements")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1), "a cache of size 0 serves no plan");
        assertTrue(rs.getLong(2) >= 2);
      }
    }
  }

  @Test
  void propertyInfoListsEveryKeyWithItsDefault() throws SQLException {
    Driver driver = DriverManager.getDriver("jdbc:calx:mem:");
    DriverPropertyInfo[] info = driver.getPropertyInfo("jdbc:calx:mem:", new Properties());
    assertEquals(Arrays.stream(DriverProperty.values()).map(DriverProperty::key).toList(),
        Arrays.stream(info).map(p -> p.name).toList());
    assertTrue(info[DriverProperty.PLAN_CACHE_SIZE.ordinal()].description.contains("1000"));
    assertTrue(info[DriverProperty.MAX_TABLE_ROWS.ordinal()].description
        .endsWith("(default 1000000)"));
  }

  @Test
  void aBadRowCapIsNamedInTheMessage() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:calx:mem:;max_table_rows=100000001"));
    assertEquals("bad max_table_rows '100000001': expected a number of rows from 1 to 100000000,"
        + " got 100000001", e.getMessage());
  }
}
