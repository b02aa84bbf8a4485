package dev.calx.sql.system;

import dev.calx.sql.schema.CalxSchema;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.primary_keys}: one row per column of each primary key of the default schema's
 * tables, in key order, read from the embedded database at each scan.
 */
final class PrimaryKeysTable extends InformationSchemaTable {
  PrimaryKeysTable() {
    super(List.of(
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
}
