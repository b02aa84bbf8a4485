package dev.calx.sql.system;

import dev.calx.sql.SqlStateException;
import dev.calx.sql.schema.CalxSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A system table over the embedded database's {@code INFORMATION_SCHEMA}, about the tables of the
 * default schema. Each scan runs one query there, on the scanning connection's own connection
 * to the embedded database (the pinned one inside a transaction, so it sees what the
 * transaction sees), and reads every row before it returns; the tables are small, one row per
 * key or index column. Being read at execution, never at planning, a cached plan over one
 * stays right as tables come and go.
 */
abstract class InformationSchemaTable extends SystemTable implements ScannableTable {
  private final List<Column> columns;
  private final String query;

  /**
   * A table whose rows {@code query} selects, one value per column in order.
   *
   * @param query SQL over H2's {@code INFORMATION_SCHEMA}
   */
  InformationSchemaTable(List<Column> columns, String query) {
    this.columns = List.copyOf(columns);
    this.query = query;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataTypeFactory.Builder row = f.builder();
    columns.forEach(c -> row.add(c.name(), c.type()));
    return row.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    try (Connection c = dataSource(root).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = switch (columns.get(i).type()) {
            case INTEGER -> rs.getInt(i + 1);
            case BOOLEAN -> rs.getBoolean(i + 1);
            default -> rs.getString(i + 1);
          };
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      throw new SqlStateException(e.getSQLState(), e.getMessage(), e);
    }
    return Linq4j.asEnumerable(rows);
  }

  /** Where the scanning connection's statements reach the embedded database. */
  private static DataSource dataSource(DataContext root) {
    SchemaPlus schema = Objects.requireNonNull(root.getRootSchema(), "root schema")
        .getSubSchema(CalxSchema.NAME);
    return Objects.requireNonNull(schema, "schema " + CalxSchema.NAME)
        .unwrap(CalxSchema.class).transaction().dataSource();
  }

  /** A column: its name and (never null) type. */
  record Column(String name, SqlTypeName type) {}
}
