package dev.calx.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The product name and the release version the build stamped into this jar. */
public final class Release {
  /** The product name every Calx driver reports. */
  public static final String PRODUCT_NAME = "Calx";

  /** The release version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static final String VERSION = load();

  private Release() {}

  /** The first number of {@code version}, 0 if it has none. */
  public static int major(String version) {
    return part(version, 0);
  }

  /** The second number of {@code version}, 0 if it has none. */
  public static int minor(String version) {
    return part(version, 1);
  }

  private static int part(String version, int index) {
    String[] parts = version.split("[.-]");
    try {
      return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String load() {
    try (InputStream in = Release.class.getResourceAsStream("release.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
