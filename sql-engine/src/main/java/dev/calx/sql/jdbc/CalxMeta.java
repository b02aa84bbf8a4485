package dev.calx.sql.jdbc;

import dev.calx.sql.ConnectionTransaction;
import dev.calx.sql.exec.CalxParserFactory;
import dev.calx.sql.schema.JdbcType;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaColumnFactoryImpl;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.jdbc.ExtensibleCalciteMeta;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;

/**
 * The metadata of a Calx connection as JDBC's {@code DatabaseMetaData} serves it, embedded and
 * (through the server's JdbcMeta) remote: Calcite's, with the table types Calx has, column types
 * named without their length or nullability, and the properties a tool reads. See
 * docs/sql-reference.md, "JDBC metadata".
 */
final class CalxMeta extends ExtensibleCalciteMeta {
  /** The table types that exist, ordered by name as {@code getTableTypes} must be. */
  private static final List<String> TABLE_TYPES = List.of(
      Schema.TableType.SYSTEM_TABLE.jdbcName, Schema.TableType.TABLE.jdbcName,
      Schema.TableType.VIEW.jdbcName);
  /** The words Calx's parser reserves beyond SQL:2003's, for {@code getSQLKeywords}. */
  private static final String KEYWORDS = CalxParserFactory.FACTORY
      .getParser(new StringReader("")).getMetadata().getJdbcKeywords();

  CalxMeta(AvaticaConnection connection) {
    super(connection, CalxMetaTable.FACTORY, CalciteMetaColumnFactoryImpl.INSTANCE);
  }

  /**
   * Calcite's tables in the order JDBC gives them: by type, schema and name. Calcite keeps the
   * order of the schemas' own lists, which follow no order.
   */
  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, List<String> typeList) {
    MetaResultSet calcite =
        super.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList);
    List<MetaTable> tables = new ArrayList<>();
    calcite.firstFrame.rows.forEach(t -> tables.add((MetaTable) t));
    tables.sort(Comparator.comparing((MetaTable t) -> t.tableType)
        .thenComparing(t -> t.tableSchem).thenComparing(t -> t.tableName));
    // Calcite made a statement for its result set, which nothing will read.
    try {
      connection.statementMap.get(calcite.statementId).close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close a statement nothing used", e);
    }
    return createResultSet(Map.of(), calcite.signature.columns, calcite.signature.cursorFactory,
        new Frame(0, true, List.copyOf(tables)));
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    Field field;
    try {
      field = MetaTableType.class.getField("tableType");
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Avatica's MetaTableType has no tableType", e);
    }
    List<Object> rows = TABLE_TYPES.stream().<Object>map(MetaTableType::new).toList();
    return createResultSet(Map.of(),
        List.of(MetaImpl.columnMetaData("TABLE_TYPE", 0, String.class, false)),
        CursorFactory.record(MetaTableType.class, List.of(field), List.of(field.getName())),
        new Frame(0, true, rows));
  }

  /** A table's columns, each type named without length or nullability (Calcite adds both). */
  @Override
  public Enumerable<MetaColumn> columns(MetaTable table) {
    CalxMetaTable t = (CalxMetaTable) table;
    return Linq4j.asEnumerable(t.table.getRowType(
            ((CalciteConnection) connection).getTypeFactory()).getFieldList())
        .select(field -> column(t, field));
  }

  private static MetaColumn column(MetaTable table, RelDataTypeField field) {
    JdbcType type = JdbcType.of(field.getType());
    boolean nullable = field.getType().isNullable();
    return new MetaColumn(table.tableCat, table.tableSchem, table.tableName, field.getName(),
        type.code(), type.name(), type.size(), type.decimalDigits(), 10,
        nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        type.charOctetLength(), field.getIndex() + 1, nullable ? "YES" : "NO");
  }

  @Override
  public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    Map<DatabaseProperty, Object> properties = new HashMap<>(super.getDatabaseProperties(ch));
    properties.put(DatabaseProperty.GET_S_Q_L_KEYWORDS, KEYWORDS);
    properties.put(DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION,
        ConnectionTransaction.DEFAULT_ISOLATION);
    return properties;
  }

  /** A table's metadata that keeps the table, whose row type {@link #columns} reads. */
  private static final class CalxMetaTable extends CalciteMetaImpl.CalciteMetaTable {
    static final CalciteMetaTableFactory FACTORY = new CalciteMetaTableFactory() {
      @Override
      public MetaTable createTable(Table table, String tableCat, String tableSchem,
          String tableName) {
        return new CalxMetaTable(table, tableCat, tableSchem, tableName);
      }

      @Override
      public Class<? extends MetaTable> getMetaTableClass() {
        return CalxMetaTable.class;
      }
    };

    final Table table;

    CalxMetaTable(Table table, String tableCat, String tableSchem, String tableName) {
      super(table, tableCat, tableSchem, tableName);
      this.table = table;
    }
  }
}
