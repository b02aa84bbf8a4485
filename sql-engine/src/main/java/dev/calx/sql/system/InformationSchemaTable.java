package dev.calx.sql.system;

import dev.calx.sql.SqlStateException;
import dev.calx.sql.schema.CalxSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A system table over the embedded database's {@code INFORMATION_SCHEMA}, about the tables of the
 * default schema: {@code sys.primary_keys} and {@code sys.indexes}. Each scan runs one query there, on the scanning connection's own connection
 * to the embedded database (the pinned one inside a transaction, so it sees what the
 * transaction sees), and reads every row before it returns; the tables are small, one row per
 * key or index column. Being read at execution, never at planning, a cached plan over one
 * stays right as tables come and go.
 */
final class InformationSchemaTable extends SystemTable implements ScannableTable {
  private final List<Column> columns;
  private final String query;

  /**
   * A table whose rows {@code query} selects, one value per column in order.
   *
   * @param query SQL over H2's {@code INFORMATION_SCHEMA}
   */
  private InformationSchemaTable(List<Column> columns, String query) {
    this.columns = List.copyOf(columns);
    this.query = query;
  }

  /** {@code sys.primary_keys}: one row per column of each primary key, in key order. */
  static InformationSchemaTable primaryKeys() {
    return new InformationSchemaTable(List.of(
        new Column("TABLE_SCHEMA", SqlTypeName.VARCHAR),
        new Column("TABLE_NAME", SqlTypeName.VARCHAR),
        new Column("COLUMN_NAME", SqlTypeName.VARCHAR),
        new Column("KEY_SEQ", SqlTypeName.INTEGER),
        new Column("PK_NAME", SqlTypeName.VARCHAR)),
        "SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.COLUMN_NAME, k.ORDINAL_POSITION,"
            + " k.CONSTRAINT_NAME"
            + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t"
            + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
            + " ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
            + " AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
            + " WHERE t.CONSTRAINT_TYPE = 'PRIMARY KEY' AND t.TABLE_SCHEMA = '" + CalxSchema.NAME
            + "' ORDER BY k.TABLE_NAME, k.ORDINAL_POSITION");
  }

  /**
   * {@code sys.indexes}: one row per column of each index, the indexes of primary keys and
   * unique constraints included.
   */
  static InformationSchemaTable indexes() {
    return new InformationSchemaTable(List.of(
        new Column("TABLE_SCHEMA", SqlTypeName.VARCHAR),
        new Column("TABLE_NAME", SqlTypeName.VARCHAR),
        new Column("INDEX_NAME", SqlTypeName.VARCHAR),
        new Column("NON_UNIQUE", SqlTypeName.BOOLEAN),
        new Column("ORDINAL_POSITION", SqlTypeName.INTEGER),
        new Column("COLUMN_NAME", SqlTypeName.VARCHAR),
        new Column("ASC_OR_DESC", SqlTypeName.VARCHAR)),
        "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NOT IS_UNIQUE, ORDINAL_POSITION,"
            + " COLUMN_NAME, CASE ORDERING_SPECIFICATION WHEN 'DESC' THEN 'D' ELSE 'A' END"
            + " FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA = '" + CalxSchema.NAME
            + "' ORDER BY TABLE_NAME, INDEX_NAME, ORDINAL_POSITION");
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
    return CalxSchema.of(root).transaction().dataSource();
  }

  /** A column: its name and (never null) type. */
  private record Column(String name, SqlTypeName type) {}
}
