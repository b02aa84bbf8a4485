package dev.calx.sql;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one database that bound what procedures may ask for.
 *
 * @param moduleDirectory the only directory {@code FROM FILE} may read below; default {@code
 *     <data directory>/modules}
 * @param defaultTimeout a call's time limit when a procedure sets none; default 5 s
 * @param maxTimeout the largest {@code timeout_ms} a procedure may set; default 60 s
 * @param defaultMemoryMib a call's memory cap when a procedure sets none, in MiB; default 16
 * @param maxMemoryMib the largest {@code max_memory_mb} a procedure may set, in MiB; default 256
 * @param maxModuleBytes the largest module CREATE accepts, in bytes, also the largest WAT text;
 *     default 16 MiB
 */
public record EngineSettings(Path moduleDirectory, Duration defaultTimeout, Duration maxTimeout,
    int defaultMemoryMib, int maxMemoryMib, long maxModuleBytes) {

  /** The default of {@link #maxModuleBytes}: 16 MiB. */
  public static final long DEFAULT_MAX_MODULE_BYTES = 16L << 20;

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
  }

  /** The defaults for a data directory. */
  public static EngineSettings defaults(Path dataDirectory) {
    return new EngineSettings(dataDirectory.resolve("modules"), Duration.ofSeconds(5),
        Duration.ofSeconds(60), 16, 256, DEFAULT_MAX_MODULE_BYTES);
  }

  /** These settings with another module directory. */
  public EngineSettings withModuleDirectory(Path directory) {
    return new EngineSettings(directory, defaultTimeout, maxTimeout, defaultMemoryMib,
        maxMemoryMib, maxModuleBytes);
  }

  /** These settings with another module size limit, in bytes. */
  public EngineSettings withMaxModuleBytes(long bytes) {
    return new EngineSettings(moduleDirectory, defaultTimeout, maxTimeout, defaultMemoryMib,
        maxMemoryMib, bytes);
  }
}
