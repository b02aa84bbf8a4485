package dev.calx.sql.jdbc;

import dev.calx.sql.schema.JdbcType;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.Table;

/**
 * Describes a column to {@code DatabaseMetaData.getColumns} (and Calcite's {@code
 * metadata.COLUMNS}) as {@link JdbcType} does: the type named without length or nullability
 * (Calcite names it with both), its size and digits apart. See docs/sql-reference.md, "JDBC
 * metadata".
 */
final class JdbcColumnFactory implements CalciteMetaColumnFactory {
  private final CalciteConnection connection;

  /**
   * Keeps the connection rather than its type factory: the Meta, and so this, is made while the
   * connection is being constructed, before it has a type factory.
   */
  JdbcColumnFactory(CalciteConnection connection) {
    this.connection = connection;
  }

  @Override
  public MetaColumn createColumn(Table table, String tableCat, String tableSchem,
      String tableName, String columnName, int dataType, String typeName, Integer columnSize,
      Integer decimalDigits, int numPrecRadix, int nullable, Integer charOctetLength,
      int ordinalPosition, String isNullable) {
    // Calcite passes the type as text only; the field itself has what JdbcType reads.
    RelDataType type = table.getRowType(connection.getTypeFactory()).getFieldList()
        .get(ordinalPosition - 1).getType();
    JdbcType jdbc = JdbcType.of(type);
    return new MetaColumn(tableCat, tableSchem, tableName, columnName, jdbc.code(), jdbc.name(),
        jdbc.size(), jdbc.decimalDigits(), numPrecRadix, nullable, jdbc.charOctetLength(),
        ordinalPosition, isNullable);
  }

  @Override
  public Class<? extends MetaColumn> getMetaColumnClass() {
    return MetaColumn.class;
  }
}
