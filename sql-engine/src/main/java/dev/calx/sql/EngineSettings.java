package dev.calx.sql;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of one database: what procedures may ask for, how many plans it keeps, and how
 * many rows a table function may return.
 *
 * @param moduleDirectory the only directory {@code FROM FILE} may read below; default {@code
 *     <data directory>/modules}
 * @param defaultTimeout a call's time limit when a procedure sets none; default 5 s
 * @param maxTimeout the largest {@code timeout_ms} a procedure may set; default 60 s
 * @param defaultMemoryMib a call's memory cap when a procedure sets none, in MiB; default 16
 * @param maxMemoryMib the largest {@code max_memory_mb} a procedure may set, in MiB; default 256
 * @param maxModuleBytes the largest module CREATE accepts, in bytes, also the largest WAT text;
 *     default 16 MiB
 * @param planCacheEntries the most plans the plan cache keeps, 0 to 1,000,000; 0 turns it off;
 *     default 1,000
 * @param planCacheBytes the most memory the plan cache's plans may take by its estimate, in
 *     bytes; default 64 MiB
 * @param maxTableRows the most rows one call of a {@code RETURNS TABLE} routine may emit, 1 to
 *     100,000,000; one more fails the call with 54000; default 1,000,000
 */
public record EngineSettings(Path moduleDirectory, Duration defaultTimeout, Duration maxTimeout,
    int defaultMemoryMib, int maxMemoryMib, long maxModuleBytes, int planCacheEntries,
    long planCacheBytes, int maxTableRows) {

  /** The default of {@link #maxModuleBytes}: 16 MiB. */
  public static final long DEFAULT_MAX_MODULE_BYTES = 16L << 20;
  /** The default of {@link #planCacheEntries}. */
  public static final int DEFAULT_PLAN_CACHE_ENTRIES = 1_000;
  /** The default of {@link #planCacheBytes}: 64 MiB. */
  public static final long DEFAULT_PLAN_CACHE_BYTES = 64L << 20;
  /** The default of {@link #maxTableRows}. */
  public static final int DEFAULT_MAX_TABLE_ROWS = 1_000_000;
  /**
   * The largest {@link #maxTableRows}: a table function's rows are held in memory until the
   * statement reads them, so a cap beyond what a heap can hold would only trade 54000 for an
   * out-of-memory error.
   */
  private static final int MAX_TABLE_ROWS_CAP = 100_000_000;

  private static final Pattern SIZE = Pattern.compile("(\\d{1,18})([kmg]?)",
      Pattern.CASE_INSENSITIVE);

  /** Checks the settings; a bad one is refused before the database opens. */
  public EngineSettings {
    Objects.requireNonNull(moduleDirectory, "moduleDirectory");
    if (defaultTimeout.isNegative() || defaultTimeout.isZero()
        || maxTimeout.compareTo(defaultTimeout) < 0) {
      throw new IllegalArgumentException("timeouts must be positive with default <= max, got "
          + defaultTimeout + " and " + maxTimeout);
    }
    if (defaultMemoryMib < 1 || maxMemoryMib < defaultMemoryMib || maxMemoryMib > 4096) {
      throw new IllegalArgumentException("memory limits must satisfy 1 <= default <= max <= 4096"
          + " MiB, got " + defaultMemoryMib + " and " + maxMemoryMib);
    }
    if (maxModuleBytes < 1024 || maxModuleBytes > 1L << 30) {
      throw new IllegalArgumentException("the module size limit must be between 1 KiB and 1 GiB,"
          + " got " + maxModuleBytes + " bytes");
    }
    checkPlanCacheEntries(planCacheEntries);
    checkPlanCacheBytes(planCacheBytes);
    checkMaxTableRows(maxTableRows);
  }

  /**
   * The plan cache size written as text, checked.
   *
   * @throws IllegalArgumentException if it is not a number from 0 to 1,000,000
   */
  public static int planCacheEntries(String text) {
    try {
      return checkPlanCacheEntries(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number of plans from 0 to 1000000");
    }
  }

  /**
   * The plan cache memory written as a size ({@link #bytes}), checked.
   *
   * @throws IllegalArgumentException if it is not a size up to 1 TiB
   */
  public static long planCacheBytes(String text) {
    return checkPlanCacheBytes(bytes(text));
  }

  /**
   * The row cap of table functions written as text, checked.
   *
   * @throws IllegalArgumentException if it is not a number from 1 to 100,000,000
   */
  public static int maxTableRows(String text) {
    try {
      return checkMaxTableRows(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number of rows from 1 to "
          + MAX_TABLE_ROWS_CAP);
    }
  }

  private static int checkPlanCacheEntries(int entries) {
    if (entries < 0 || entries > 1_000_000) {
      throw new IllegalArgumentException("expected a number of plans from 0 to 1000000, got "
          + entries);
    }
    return entries;
  }

  private static long checkPlanCacheBytes(long bytes) {
    if (bytes < 0 || bytes > 1L << 40) {
      throw new IllegalArgumentException("expected a size up to 1 TiB, got " + bytes + " bytes");
    }
    return bytes;
  }

  private static int checkMaxTableRows(int rows) {
    if (rows < 1 || rows > MAX_TABLE_ROWS_CAP) {
      throw new IllegalArgumentException("expected a number of rows from 1 to "
          + MAX_TABLE_ROWS_CAP + ", got " + rows);
    }
    return rows;
  }

  /**
   * Bytes written as a number, or as KiB, MiB or GiB with a suffix k, m or g ({@code 64m}).
   *
   * @throws IllegalArgumentException if {@code text} is neither
   */
  public static long bytes(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a number of bytes, or one with a suffix k, m"
          + " or g");
    }
    int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("too large");
    }
  }

  /** The defaults for a data directory. */
  public static EngineSettings defaults(Path dataDirectory) {
    return new EngineSettings(dataDirectory.resolve("modules"), Duration.ofSeconds(5),
        Duration.ofSeconds(60), 16, 256, DEFAULT_MAX_MODULE_BYTES, DEFAULT_PLAN_CACHE_ENTRIES,
        DEFAULT_PLAN_CACHE_BYTES, DEFAULT_MAX_TABLE_ROWS);
  }

  /** These settings with another module directory. */
  public EngineSettings withModuleDirectory(Path directory) {
    return new EngineSettings(directory, defaultTimeout, maxTimeout, defaultMemoryMib,
        maxMemoryMib, maxModuleBytes, planCacheEntries, planCacheBytes, maxTableRows);
  }

  /** These settings with another module size limit, in bytes. */
  public EngineSettings withMaxModuleBytes(long bytes) {
    return new EngineSettings(moduleDirectory, defaultTimeout, maxTimeout, defaultMemoryMib,
        maxMemoryMib, bytes, planCacheEntries, planCacheBytes, maxTableRows);
  }

  /** These settings with other plan cache bounds: plans, and bytes of them. */
  public EngineSettings withPlanCache(int entries, long bytes) {
    return new EngineSettings(moduleDirectory, defaultTimeout, maxTimeout, defaultMemoryMib,
        maxMemoryMib, maxModuleBytes, entries, bytes, maxTableRows);
  }

  /** These settings with another row cap for table functions. */
  public EngineSettings withMaxTableRows(int rows) {
    return new EngineSettings(moduleDirectory, defaultTimeout, maxTimeout, defaultMemoryMib,
        maxMemoryMib, maxModuleBytes, planCacheEntries, planCacheBytes, rows);
  }
}
