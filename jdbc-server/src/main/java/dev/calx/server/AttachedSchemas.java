package dev.calx.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Further JDBC databases attached to every connection as Calcite schemas, read from the JDBC
 * schemas of a Calcite JSON model ({@code "type": "jdbc"} with {@code jdbcUrl}, {@code jdbcUser},
 * {@code jdbcPassword}, optional {@code jdbcDriver}, {@code jdbcCatalog}, {@code jdbcSchema}).
 * Calcite's own model handler would give each connection its own DBCP pool; here each database
 * gets one HikariCP pool for the whole server, built once and shared by every connection, over the
 * driver {@link JdbcDrivers} finds for it. A database that stores unquoted names in lower case is
 * attached as a {@link LowerCaseSchema}, so that unquoted names mean in Calx what they mean there.
 */
final class AttachedSchemas implements AutoCloseable {
  /** Schema names the engine gives every connection, which a model may not take. */
  private static final List<String> RESERVED = List.of("PUBLIC", "SYS", "METADATA");

  private final Map<String, Schema> schemas;
  private final List<HikariDataSource> pools;
  private final JdbcDrivers drivers;

  private AttachedSchemas(Map<String, Schema> schemas, List<HikariDataSource> pools,
      JdbcDrivers drivers) {
    this.schemas = schemas;
    this.pools = pools;
    this.drivers = drivers;
  }

  /** No attached databases. */
  static AttachedSchemas none() {
    return new AttachedSchemas(Map.of(), List.of(), JdbcDrivers.of(List.of()));
  }

  /**
   * The JDBC schemas of a model file, with their pools started.
   *
   * @param driverJars jars of JDBC drivers the server's class path lacks
   * @throws IllegalArgumentException if the model is unreadable, has a schema that is not JDBC,
   *     or a database with no driver
   */
  static AttachedSchemas load(Path model, List<Path> driverJars) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(model.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("bad --model '" + model + "': " + e.getMessage(), e);
    }
    SchemaPlus parent = CalciteSchema.createRootSchema(false).plus();
    Map<String, Schema> schemas = new LinkedHashMap<>();
    List<HikariDataSource> pools = new ArrayList<>();
    JdbcDrivers drivers = JdbcDrivers.of(driverJars);
    try {
      for (JsonNode schema : root.path("schemas")) {
        String name = schema.path("name").asText("");
        String type = schema.path("type").asText("");
        if (!type.equals("jdbc")) {
          throw new IllegalArgumentException("bad --model '" + model + "': schema '" + name
              + "' has type '" + type + "'; only JDBC schemas can be attached");
        }
        if (name.isEmpty() || RESERVED.contains(name.toUpperCase(Locale.ROOT))
            || schemas.containsKey(name)) {
          throw new IllegalArgumentException("bad --model '" + model + "': schema name '" + name
              + "' is empty, repeated or reserved (" + RESERVED + ")");
        }
        HikariDataSource pool = pool(name, schema, drivers);
        pools.add(pool);
        JdbcSchema jdbc = JdbcSchema.create(parent, name, pool,
            text(schema, "jdbcCatalog"), text(schema, "jdbcSchema"));
        schemas.put(name, storesLowerCase(name, pool) ? new LowerCaseSchema(jdbc) : jdbc);
      }
    } catch (RuntimeException e) {
      pools.forEach(HikariDataSource::close);
      drivers.close();
      throw e;
    }
    return new AttachedSchemas(schemas, pools, drivers);
  }

  private static HikariDataSource pool(String name, JsonNode schema, JdbcDrivers drivers) {
    String url = text(schema, "jdbcUrl");
    if (url == null) {
      throw new IllegalArgumentException("schema '" + name + "' has no jdbcUrl");
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("calx-model-" + name);
    config.setDataSource(
        new DriverDataSource(drivers.driver(name, url, text(schema, "jdbcDriver")), url));
    config.setUsername(text(schema, "jdbcUser"));
    config.setPassword(text(schema, "jdbcPassword"));
    // Fail at start, not at the first query, if the database cannot be reached.
    config.setInitializationFailTimeout(1);
    return new HikariDataSource(config);
  }

  private static boolean storesLowerCase(String name, HikariDataSource pool) {
    try (Connection connection = pool.getConnection()) {
      return connection.getMetaData().storesLowerCaseIdentifiers();
    } catch (SQLException e) {
      throw new IllegalArgumentException("schema '" + name + "': cannot read its metadata: "
          + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Adds the attached schemas to a connection's root schema. */
  void attachTo(SchemaPlus root) {
    schemas.forEach(root::add);
  }

  /** The names of the attached schemas, in model order. */
  List<String> names() {
    return List.copyOf(schemas.keySet());
  }

  /** Closes the pools, then the driver jars. */
  @Override
  public void close() {
    try {
      pools.forEach(HikariDataSource::close);
    } finally {
      drivers.close();
    }
  }
}
