package dev.calx.sql.system;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A system table with one row per live procedure, by name, read from the catalog at each scan.
 * A scan computes only the columns its query uses: some (the CREATE statement) cost far more
 * than the others.
 */
abstract class CatalogTable extends SystemTable implements ProjectableFilterableTable {
  private final ProcedureCatalog catalog;
  private final List<CatalogColumn> columns;

  CatalogTable(ProcedureCatalog catalog, List<CatalogColumn> columns) {
    this.catalog = catalog;
    this.columns = List.copyOf(columns);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataTypeFactory.Builder row = f.builder();
    for (CatalogColumn c : columns) {
      if (c.type() == SqlTypeName.TIMESTAMP) {
        row.add(c.name(), c.type(), 3);
      } else {
        row.add(c.name(), c.type());
      }
      row.nullable(c.nullable());
    }
    return row.build();
  }

  /** The rows with the columns {@code projects} lists; the filters are left to Calcite. */
  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    List<CatalogColumn> wanted = projects == null
        ? columns : IntStream.of(projects).mapToObj(columns::get).toList();
    List<Object[]> rows = catalog.all().stream()
        .sorted(Comparator.comparing(r -> r.definition().name()))
        .map(r -> row(r, wanted))
        .toList();
    return Linq4j.asEnumerable(rows);
  }

  private static Object[] row(Routine routine, List<CatalogColumn> wanted) {
    Object[] row = new Object[wanted.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = wanted.get(i).value().apply(routine);
    }
    return row;
  }
}
