package dev.calx.sql.system;

import dev.calx.sql.schema.CalxSchema;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.indexes}: one row per column of each index of the default schema's tables (the
 * indexes of primary keys and unique constraints included), read from the embedded database at
 * each scan.
 */
final class IndexesTable extends InformationSchemaTable {
  IndexesTable() {
    super(List.of(
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
}
