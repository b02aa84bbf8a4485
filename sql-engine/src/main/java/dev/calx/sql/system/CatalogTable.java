package dev.calx.sql.system;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/** A system table with one row per live procedure, by name, read from the catalog at each scan. */
abstract class CatalogTable extends AbstractTable implements ScannableTable {
  private final ProcedureCatalog catalog;

  CatalogTable(ProcedureCatalog catalog) {
    this.catalog = catalog;
  }

  ProcedureCatalog catalog() {
    return catalog;
  }

  /** The row of one procedure, in Calcite's internal representation of the row type. */
  abstract Object[] row(Routine routine);

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = catalog.all().stream()
        .sorted(Comparator.comparing(r -> r.definition().name()))
        .map(this::row)
        .toList();
    return Linq4j.asEnumerable(rows);
  }
}
