package dev.calx.sql.system;

import static dev.calx.sql.system.CatalogColumn.nullable;
import static dev.calx.sql.system.CatalogColumn.of;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.RoutineType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.procedures}: one row per live procedure or function, with everything declared for it
 * and the statement that would recreate it. Times are UTC. Only a query that reads {@code
 * CREATE_STATEMENT} writes out modules as hex (and reads from the store those not yet compiled).
 */
final class ProceduresTable extends CatalogTable {
  private static final List<CatalogColumn> COLUMNS = List.of(
      of("NAME", SqlTypeName.VARCHAR, r -> r.definition().name()),
      of("KIND", SqlTypeName.VARCHAR, r -> r.definition().kind().name()),
      of("PARAMETER_NAMES", SqlTypeName.VARCHAR, r -> parameterNames(r.definition())),
      of("PARAMETER_TYPES", SqlTypeName.VARCHAR, r -> parameterTypes(r.definition())),
      nullable("RETURN_TYPE", SqlTypeName.VARCHAR,
          r -> r.definition().returnType().map(RoutineType::toString).orElse(null)),
      nullable("RESULT_COLUMNS", SqlTypeName.VARCHAR, r -> resultColumns(r.definition())),
      of("SQL_DATA_ACCESS", SqlTypeName.VARCHAR, r -> r.definition().sqlDataAccess().sql()),
      nullable("EXPORT_NAME", SqlTypeName.VARCHAR, r -> r.definition().exportName().orElse(null)),
      of("IS_DETERMINISTIC", SqlTypeName.BOOLEAN, r -> r.definition().deterministic()),
      nullable("COMMENT", SqlTypeName.VARCHAR, r -> r.definition().comment().orElse(null)),
      of("MODULE_SHA256", SqlTypeName.VARCHAR, r -> r.definition().moduleSha256()),
      of("MODULE_SIZE", SqlTypeName.INTEGER, r -> r.definition().moduleSize()),
      of("TIMEOUT_MS", SqlTypeName.BIGINT, r -> r.definition().limits().timeout().toMillis()),
      of("MAX_MEMORY_MB", SqlTypeName.BIGINT,
          r -> r.definition().limits().maxMemoryBytes() / (1024 * 1024)),
      of("IMPORTS", SqlTypeName.VARCHAR, r -> imports(r.definition())),
      of("CREATED_AT", SqlTypeName.TIMESTAMP, r -> millis(r.definition().createdAt())),
      of("UPDATED_AT", SqlTypeName.TIMESTAMP, r -> millis(r.definition().updatedAt())),
      of("CREATE_STATEMENT", SqlTypeName.VARCHAR, r -> r.catalog().recreateStatement(r)));

  ProceduresTable(ProcedureCatalog catalog) {
    super(catalog, COLUMNS);
  }

  private static String parameterNames(RoutineDefinition d) {
    return IntStream.range(0, d.parameters().size())
        .mapToObj(d::parameterName)
        .collect(Collectors.joining(", "));
  }

  private static String parameterTypes(RoutineDefinition d) {
    return d.parameters().stream().map(p -> p.type().toString())
        .collect(Collectors.joining(", "));
  }

  /** The columns of RETURNS TABLE as {@code name type, ...}, or null if it returns no table. */
  private static String resultColumns(RoutineDefinition d) {
    return d.returnsTable() ? d.resultColumns().stream().map(c -> c.name() + " " + c.type())
        .collect(Collectors.joining(", ")) : null;
  }

  private static String imports(RoutineDefinition d) {
    return d.imports().stream().map(i -> i.name().toLowerCase(Locale.ROOT)).sorted()
        .collect(Collectors.joining(","));
  }

  /** Calcite's internal form of a TIMESTAMP: milliseconds since the epoch, read as UTC. */
  static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
