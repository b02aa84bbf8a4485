package dev.calx.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The row cap of table functions: its default, its bounds, its text form, and the copiers. */
class EngineSettingsTest {
  private static final EngineSettings DEFAULTS = EngineSettings.defaults(Path.of("data"));

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertEquals(1_000_000, DEFAULTS.maxTableRows());
    assertEquals(EngineSettings.DEFAULT_MAX_TABLE_ROWS, DEFAULTS.maxTableRows());
    assertEquals(1_000, DEFAULTS.planCacheEntries());
    assertEquals(64L << 20, DEFAULTS.planCacheBytes());
    assertEquals(Path.of("data", "modules"), DEFAULTS.moduleDirectory());
  }

  @Test
  void everyCopierKeepsTheOtherSettings() {
    EngineSettings settings = DEFAULTS.withMaxTableRows(5).withPlanCache(0, 1024)
        .withMaxModuleBytes(2048).withModuleDirectory(Path.of("elsewhere"));
    assertEquals(5, settings.maxTableRows());
    assertEquals(0, settings.planCacheEntries());
    assertEquals(1024, settings.planCacheBytes());
    assertEquals(2048, settings.maxModuleBytes());
    assertEquals(Path.of("elsewhere"), settings.moduleDirectory());
    assertEquals(DEFAULTS.withMaxTableRows(7).withMaxTableRows(5).withPlanCache(0, 1024)
        .withMaxModuleBytes(2048).withModuleDirectory(Path.of("elsewhere")), settings);
  }

  @Test
  void theRowCapIsOneToAHundredMillion() {
    assertEquals(1, DEFAULTS.withMaxTableRows(1).maxTableRows());
    assertEquals(100_000_000, DEFAULTS.withMaxTableRows(100_000_000).maxTableRows());
    assertRefused(0);
    assertRefused(-1);
    assertRefused(100_000_001);
  }

  @Test
  void theRowCapIsReadFromText() {
    assertEquals(5, EngineSettings.maxTableRows("5"));
    assertEquals(2_000_000, EngineSettings.maxTableRows(" 2000000 "));
    for (String text : new String[] {"lots", "", "1e6", "1m", "99999999999"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> EngineSettings.maxTableRows(text), text);
      assertEquals("expected a number of rows from 1 to 100000000", e.getMessage(), text);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EngineSettings.maxTableRows("0"));
    assertEquals("expected a number of rows from 1 to 100000000, got 0", e.getMessage());
  }

  private static void assertRefused(int rows) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DEFAULTS.withMaxTableRows(rows));
    assertEquals("expected a number of rows from 1 to 100000000, got " + rows, e.getMessage());
  }
}
