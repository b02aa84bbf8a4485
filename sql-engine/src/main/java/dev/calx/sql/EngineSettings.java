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
 */
public record EngineSettings(Path moduleDirectory, Duration defaultTimeout, Duration maxTimeout,
    int defaultMemoryMib, int maxMemoryMib) {

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
  }

  /** The defaults for a data directory. */
  public static EngineSettings defaults(Path dataDirectory) {
    return new EngineSettings(dataDirectory.resolve("modules"), Duration.ofSeconds(5),
        Duration.ofSeconds(60), 16, 256);
  }

  /** These settings with another module directory. */
  public EngineSettings withModuleDirectory(Path directory) {
    return new EngineSettings(directory, defaultTimeout, maxTimeout, defaultMemoryMib,
        maxMemoryMib);
  }
}
