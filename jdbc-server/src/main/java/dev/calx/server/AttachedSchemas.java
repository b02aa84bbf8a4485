package dev.calx.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
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
 * gets one HikariCP pool for the whole server, built once and shared by every connection.
 */
final class AttachedSchemas implements AutoCloseable {
  /** Schema names the engine gives every connection, which a model may not take. */
  private static final List<String> RESERVED = List.of("PUBLIC", "SYS", "METADATA");

  private final Map<String, Schema> schemas;
  private final List<HikariDataSource> pools;

  private AttachedSchemas(Map<String, Schema> schemas, List<HikariDataSource> pools) {
    this.schemas = schemas;
    this.pools = pools;
  }

  /** No attached databases. */
  static AttachedSchemas none() {
    return new AttachedSchemas(Map.of(), List.of());
  }

  /**
   * The JDBC schemas of a model file, with their pools started.
   *
   * @throws IllegalArgumentException if the model is unreadable or has a schema that is not JDBC
   */
  static AttachedSchemas load(Path model) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(model.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("bad --model '" + model + "': " + e.getMessage(), e);
    }
    SchemaPlus parent = CalciteSchema.createRootSchema(false).plus();
    Map<String, Schema> schemas = new LinkedHashMap<>();
    List<HikariDataSource> pools = new ArrayList<>();
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
        HikariDataSource pool = pool(name, schema);
        pools.add(pool);
        schemas.put(name, JdbcSchema.create(parent, name, pool,
            text(schema, "jdbcCatalog"), text(schema, "jdbcSchema")));
      }
    } catch (RuntimeException e) {
      pools.forEach(HikariDataSource::close);
      throw e;
    }
    return new AttachedSchemas(schemas, pools);
  }

  private static HikariDataSource pool(String name, JsonNode schema) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("calx-model-" + name);
    config.setJdbcUrl(text(schema, "jdbcUrl"));
    config.setUsername(text(schema, "jdbcUser"));
    config.setPassword(text(schema, "jdbcPassword"));
    if (text(schema, "jdbcDriver") != null) {
      config.setDriverClassName(text(schema, "jdbcDriver"));
    }
    // Fail at start, not at the first query, if the database cannot be reached.
    config.setInitializationFailTimeout(1);
    return new HikariDataSource(config);
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

  /** Closes the pools. */
  @Override
  public void close() {
    pools.forEach(HikariDataSource::close);
  }
}
