package dev.calx.sql.system;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineDefinition;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.procedures}: one row per live procedure or function, with everything declared for it
 * and the statement that would recreate it. Times are UTC.
 */
final class ProceduresTable extends CatalogTable {
  ProceduresTable(ProcedureCatalog catalog) {
    super(catalog);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("NAME", SqlTypeName.VARCHAR)
        .add("KIND", SqlTypeName.VARCHAR)
        .add("PARAMETER_NAMES", SqlTypeName.VARCHAR)
        .add("PARAMETER_TYPES", SqlTypeName.VARCHAR)
        .add("RETURN_TYPE", SqlTypeName.VARCHAR)
        .add("EXPORT_NAME", SqlTypeName.VARCHAR).nullable(true)
        .add("IS_DETERMINISTIC", SqlTypeName.BOOLEAN)
        .add("COMMENT", SqlTypeName.VARCHAR).nullable(true)
        .add("MODULE_SHA256", SqlTypeName.VARCHAR)
        .add("MODULE_SIZE", SqlTypeName.INTEGER)
        .add("TIMEOUT_MS", SqlTypeName.BIGINT)
        .add("MAX_MEMORY_MB", SqlTypeName.BIGINT)
        .add("IMPORTS", SqlTypeName.VARCHAR)
        .add("CREATED_AT", SqlTypeName.TIMESTAMP, 3)
        .add("UPDATED_AT", SqlTypeName.TIMESTAMP, 3)
        .add("CREATE_STATEMENT", SqlTypeName.VARCHAR)
        .build();
  }

  @Override
  Object[] row(Routine routine) {
    RoutineDefinition d = routine.definition();
    return new Object[] {
        d.name(),
        d.kind().name(),
        IntStream.range(0, d.parameters().size())
            .mapToObj(d::parameterName)
            .collect(Collectors.joining(", ")),
        d.parameters().stream().map(p -> p.type().toString())
            .collect(Collectors.joining(", ")),
        d.returnType().toString(),
        d.exportName().orElse(null),
        d.deterministic(),
        d.comment().orElse(null),
        d.moduleSha256(),
        d.moduleSize(),
        d.limits().timeout().toMillis(),
        d.limits().maxMemoryBytes() / (1024 * 1024),
        d.imports().stream().map(i -> i.name().toLowerCase(Locale.ROOT)).sorted()
            .collect(Collectors.joining(",")),
        millis(d.createdAt()),
        millis(d.updatedAt()),
        catalog().recreateStatement(routine),
    };
  }

  /** Calcite's internal form of a TIMESTAMP: milliseconds since the epoch, read as UTC. */
  static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
