package dev.calx.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The JDBC drivers the attached databases connect with: those on the server's class path and those
 * of the {@code --driver} jars, which a class loader of their own reads.
 *
 * <p>A driver is found here and used directly, never through {@link java.sql.DriverManager}: the
 * DriverManager hands a caller only the drivers its own class loader can see, so HikariCP, on the
 * server's class path, would never be given a driver of the jars.
 */
final class JdbcDrivers implements AutoCloseable {
  private final URLClassLoader loader;

  private JdbcDrivers(URLClassLoader loader) {
    this.loader = loader;
  }

  /** The drivers of the server's class path and of {@code jars}. */
  static JdbcDrivers of(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("bad --driver '" + jars.get(i) + "': " + e.getMessage(),
            e);
      }
    }
    // Parent first: java.sql's interfaces and the server's own drivers stay the server's.
    return new JdbcDrivers(new URLClassLoader("calx-drivers", urls,
        JdbcDrivers.class.getClassLoader()));
  }

  /**
   * The driver for a database of the model.
   *
   * @param schema the schema's name, for messages: a URL may hold a password
   * @param url the schema's {@code jdbcUrl}
   * @param className the schema's {@code jdbcDriver}, or null for the first driver that accepts
   *     the URL among those that declare themselves in {@code META-INF/services/java.sql.Driver}
   * @throws IllegalArgumentException if there is no such driver
   */
  Driver driver(String schema, String url, String className) {
    try {
      if (className != null) {
        Driver driver = named(schema, className);
        if (!driver.acceptsURL(url)) {
          throw new IllegalArgumentException("schema '" + schema + "': the driver " + className
              + " does not accept its jdbcUrl");
        }
        return driver;
      }
      for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
        if (driver.acceptsURL(url)) {
          return driver;
        }
      }
    } catch (SQLException | ServiceConfigurationError e) {
      throw new IllegalArgumentException("schema '" + schema + "': cannot load its JDBC driver: "
          + e.getMessage(), e);
    }
    throw new IllegalArgumentException("schema '" + schema + "': no JDBC driver accepts its"
        + " jdbcUrl; give the driver's jar with --driver");
  }

  private Driver named(String schema, String className) {
    try {
      return Class.forName(className, true, loader).asSubclass(Driver.class)
          .getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new IllegalArgumentException("schema '" + schema + "': no JDBC driver class "
          + className + " on the class path or in the --driver jars (" + e + ")", e);
    }
  }

  /** Closes the jars; the pools that use their drivers must be closed first. */
  @Override
  public void close() {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
