package dev.calx.server;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.Wrapper;
import org.apache.calcite.schema.impl.DelegatingSchema;
import org.apache.calcite.schema.lookup.IgnoreCaseLookup;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;

/**
 * An attached schema of a database that stores unquoted names in lower case, with its tables and
 * columns named as {@link LowerCaseNames} shows them: {@code SELECT id FROM sales.orders} finds
 * PostgreSQL's {@code orders} and its column {@code id}, as the same text would in PostgreSQL.
 */
final class LowerCaseSchema extends DelegatingSchema implements Wrapper {
  private final JdbcSchema jdbc;
  private final Lookup<Table> tables;

  LowerCaseSchema(JdbcSchema jdbc) {
    super(jdbc);
    this.jdbc = jdbc;
    Lookup<Table> stored = jdbc.tables();
    // The names are read at each lookup, as JdbcSchema reads its tables: a table created in the
    // database later is found without a restart.
    this.tables = new IgnoreCaseLookup<>() {
      @Override
      public Table get(String name) {
        String storedName = LowerCaseNames.of(stored.getNames(LikePattern.any())).stored(name);
        Table table = storedName == null ? null : stored.get(storedName);
        return table == null ? null : new LowerCaseTable((JdbcTable) table);
      }

      @Override
      public Set<String> getNames(LikePattern pattern) {
        return LowerCaseNames.of(stored.getNames(LikePattern.any())).shown().stream()
            .filter(pattern.matcher()::apply)
            .collect(Collectors.toSet());
      }
    };
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

  /** This schema: DelegatingSchema's snapshot would be the JDBC schema's, with its own names. */
  @Override
  public Schema snapshot(SchemaVersion version) {
    return this;
  }

  /** The JDBC schema, which code Calcite generates for a query asks for its data source. */
  @Override
  public <C> C unwrap(Class<C> type) {
    return type.isInstance(this) ? type.cast(this) : jdbc.unwrap(type);
  }
}
