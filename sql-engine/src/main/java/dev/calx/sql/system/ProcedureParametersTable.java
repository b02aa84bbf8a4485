package dev.calx.sql.system;

import dev.calx.jdbc.CallStatement;
import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.RoutineType;
import dev.calx.sql.function.CalciteTypes;
import dev.calx.sql.schema.JdbcType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.procedure_parameters}: per live procedure or function, a row for its return value
 * (position 0) if it returns one, one per parameter (positions 1, 2 ...) and one per column of
 * the table it returns, if it returns one (positions 1, 2 ... again, as JDBC numbers the columns
 * of a result), typed as JDBC metadata types a column ({@link JdbcType}), read from the catalog
 * at each scan.
 */
final class ProcedureParametersTable extends SystemTable implements ScannableTable {
  private final ProcedureCatalog catalog;

  ProcedureParametersTable(ProcedureCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("PROCEDURE_NAME", SqlTypeName.VARCHAR)
        .add("POSITION", SqlTypeName.INTEGER)
        .add("PARAMETER_NAME", SqlTypeName.VARCHAR)
        .add("MODE", SqlTypeName.VARCHAR)
        .add("DATA_TYPE", SqlTypeName.INTEGER)
        .add("TYPE_NAME", SqlTypeName.VARCHAR)
        .add("PRECISION", SqlTypeName.INTEGER).nullable(true)
        .add("SCALE", SqlTypeName.INTEGER).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    catalog.all().stream().map(Routine::definition)
        .sorted(Comparator.comparing(RoutineDefinition::name))
        .forEach(d -> {
          d.returnType().ifPresent(type ->
              rows.add(row(root, d, 0, CallStatement.RETURN_VALUE, "RETURN", type)));
          for (int i = 0; i < d.parameters().size(); i++) {
            rows.add(row(root, d, i + 1, d.parameterName(i), "IN",
                d.parameters().get(i).type()));
          }
          for (int i = 0; i < d.resultColumns().size(); i++) {
            RoutineDefinition.Column column = d.resultColumns().get(i);
            rows.add(row(root, d, i + 1, column.name(), "RESULT", column.type()));
          }
        });
    return Linq4j.asEnumerable(rows);
  }

  private static Object[] row(DataContext root, RoutineDefinition d, int position, String name,
      String mode, RoutineType type) {
    JdbcType jdbc = JdbcType.of(CalciteTypes.relType(root.getTypeFactory(), type));
    return new Object[] {d.name(), position, name, mode, jdbc.code(), jdbc.name(), jdbc.size(),
        jdbc.decimalDigits()};
  }
}
