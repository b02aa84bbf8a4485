package dev.calx.sql.system;

import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;

/** A table of the {@code sys} schema, which JDBC metadata lists as a {@code SYSTEM TABLE}. */
abstract class SystemTable extends AbstractTable {
  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }
}
