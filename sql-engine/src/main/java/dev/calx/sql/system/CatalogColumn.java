package dev.calx.sql.system;

import dev.calx.sql.catalog.Routine;
import java.util.function.Function;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One column of a system table over the catalog: its name and type, and how one routine's value
 * is read, in Calcite's internal representation of the type.
 *
 * @param name the column's name
 * @param type its type; a TIMESTAMP has millisecond precision
 * @param nullable whether the value may be null
 * @param value reads the value of one routine
 */
record CatalogColumn(String name, SqlTypeName type, boolean nullable,
    Function<Routine, Object> value) {

  static CatalogColumn of(String name, SqlTypeName type, Function<Routine, Object> value) {
    return new CatalogColumn(name, type, false, value);
  }

  static CatalogColumn nullable(String name, SqlTypeName type, Function<Routine, Object> value) {
    return new CatalogColumn(name, type, true, value);
  }
}
