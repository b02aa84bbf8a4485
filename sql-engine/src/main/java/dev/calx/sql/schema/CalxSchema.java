package dev.calx.sql.schema;

import dev.calx.sql.ConnectionTransaction;
import dev.calx.sql.EngineSettings;
import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.function.BuiltInFunctions;
import dev.calx.sql.function.WasmScalarFunction;
import dev.calx.sql.function.WasmTableFunction;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.Wrapper;
import org.apache.calcite.schema.impl.DelegatingSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;

/**
 * The default schema: the tables of the embedded H2 database, through Calcite's JDBC adapter, and
 * the procedures of the catalog as functions. Every connection of a database shares its tables and
 * catalog; functions are read from the catalog at each lookup, so a CREATE is seen everywhere at
 * once.
 *
 * <p>The tables come from a {@link JdbcSchema} this schema delegates to rather than extends,
 * because JdbcSchema fixes its function list; its table metadata is remembered ({@link
 * CachedTables}) until DDL changes a table, and read through {@link H2MetaData}, which mends
 * H2's table types and name patterns. Code Calcite generates for those tables finds its data
 * source by unwrapping this schema from the root schema of the connection that runs it, which
 * {@link #unwrap} answers with that connection's {@link ConnectionTransaction}: each connection
 * adds its own {@link #forConnection view}, sharing everything else.
 */
public final class CalxSchema extends DelegatingSchema implements Wrapper {
  /** The name of the default schema. */
  public static final String NAME = "PUBLIC";

  private final JdbcSchema jdbc;
  private final CachedTables tables;
  private final ColumnDefaults defaults;
  private final ProcedureCatalog catalog;
  private final EngineSettings settings;
  /** The transaction of the connection this schema serves; null in a database's template. */
  private final ConnectionTransaction transaction;
  /** The plan cache's key for the schemas the connection sees; see {@link #rootKey}. */
  private volatile String rootKey;

  private CalxSchema(JdbcSchema jdbc, CachedTables tables, ColumnDefaults defaults,
      ProcedureCatalog catalog, EngineSettings settings, ConnectionTransaction transaction) {
    super(jdbc);
    this.jdbc = jdbc;
    this.tables = tables;
    this.defaults = defaults;
    this.catalog = catalog;
    this.settings = settings;
    this.transaction = transaction;
  }

  /**
   * The default schema of a database.
   *
   * @param anyRoot the root schema of any connection: generated code reaches this schema from
   *     the root of whichever connection runs it, by name
   */
  public static CalxSchema create(SchemaPlus anyRoot, DataSource dataSource,
      ProcedureCatalog catalog, EngineSettings settings) {
    Expression expression = Schemas.subSchemaExpression(anyRoot, NAME, JdbcSchema.class);
    SqlDialect dialect = JdbcSchema.createDialect(SqlDialectFactoryImpl.INSTANCE, dataSource);
    ColumnDefaults defaults = new ColumnDefaults(H2MetaData.over(dataSource));
    JdbcSchema jdbc = new JdbcSchema(defaults, dialect,
        JdbcConvention.of(dialect, expression, NAME), null, NAME);
    return new CalxSchema(jdbc, new CachedTables(jdbc.tables()), defaults, catalog, settings,
        null);
  }

  /** The view of the connection whose statement runs in {@code root}, by this schema's name. */
  public static CalxSchema of(DataContext root) {
    return root.getRootSchema().subSchemas().get(NAME).unwrap(CalxSchema.class);
  }

  /**
   * This schema as one connection sees it: the same tables and functions, with table data read
   * and written through the connection's transaction.
   */
  public CalxSchema forConnection(ConnectionTransaction connectionTransaction) {
    return new CalxSchema(jdbc, tables, defaults, catalog, settings, connectionTransaction);
  }

  /**
   * Forgets the table metadata remembered so far, after DDL changed a table or a routine; the
   * memory is shared by every connection's view.
   */
  public void forgetTables() {
    tables.forget();
    defaults.forget();
  }

  /** The transaction of the connection this schema serves. */
  public ConnectionTransaction transaction() {
    if (transaction == null) {
      throw new IllegalStateException("a database's template schema serves no connection");
    }
    return transaction;
  }

  /**
   * The plan cache's key for the schemas this schema's connection sees, computed once: a
   * connection's schemas are all added (attached databases included) before its first
   * statement, and none is added later.
   */
  public String rootKey(Supplier<String> compute) {
    String key = rootKey;
    if (key == null) {
      key = compute.get();
      rootKey = key;
    }
    return key;
  }

  /** The settings of the database. */
  public EngineSettings settings() {
    return settings;
  }

  /** The procedure catalog whose functions this schema serves. */
  public ProcedureCatalog catalog() {
    return catalog;
  }

  /**
   * Refuses, with 0A000, a table just created whose column defaults Calx could not apply (see
   * {@code ColumnDefaults}).
   */
  public void checkDefaults(String table) {
    defaults.checkReadable(table);
  }

  /** The embedded database's pool, outside any connection's transaction. */
  public DataSource dataSource() {
    return jdbc.getDataSource();
  }

  @Override
  public <C> C unwrap(Class<C> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type == DataSource.class && transaction != null) {
      // Code Calcite generates for a query over these tables asks for this data source.
      return type.cast(transaction.dataSource());
    }
    return jdbc.unwrap(type);
  }

  @Override
  public Lookup<Table> tables() {
    return tables;
  }

  @Deprecated
  @Override
  public Table getTable(String name) {
    return tables.get(name);
  }

  @Deprecated
  @Override
  public Set<String> getTableNames() {
    return tables.getNames(LikePattern.any());
  }

  @Override
  public Collection<Function> getFunctions(String name) {
    // A routine a catalog kept from before built-in names were refused is never called.
    Routine routine = BuiltInFunctions.isBuiltIn(name) ? null : catalog.get(name);
    if (routine == null) {
      return List.of();
    }
    return List.of(routine.definition().returnsTable()
        ? new WasmTableFunction(routine) : new WasmScalarFunction(routine));
  }

  @Override
  public Set<String> getFunctionNames() {
    return catalog.names().stream().filter(name -> !BuiltInFunctions.isBuiltIn(name))
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Expression getExpression(SchemaPlus parentSchema, String name) {
    return Schemas.subSchemaExpression(parentSchema, name, CalxSchema.class);
  }

  @Override
  public boolean isMutable() {
    return true;
  }

  @Override
  public Schema snapshot(SchemaVersion version) {
    return this;
  }
}
