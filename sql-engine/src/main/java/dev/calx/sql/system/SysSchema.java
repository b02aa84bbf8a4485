package dev.calx.sql.system;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.pipeline.StatementStatistics;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The {@code sys} schema of a database: {@code sys.procedures}, {@code sys.procedure_parameters},
 * {@code sys.procedure_stats}, {@code sys.statements}, {@code sys.primary_keys} and {@code
 * sys.indexes}. Its tables read the live catalog, counters and embedded database at each scan,
 * so they need no invalidation.
 */
public final class SysSchema extends AbstractSchema {
  /** The schema's name as SQL resolves it. */
  public static final String NAME = "SYS";

  private final Map<String, Table> tables;

  /** The sys schema over a catalog and a database's statement statistics. */
  public SysSchema(ProcedureCatalog catalog, StatementStatistics statements) {
    this.tables = Map.of(
        "PROCEDURES", new ProceduresTable(catalog),
        "PROCEDURE_PARAMETERS", new ProcedureParametersTable(catalog),
        "PROCEDURE_STATS", new ProcedureStatsTable(catalog),
        "STATEMENTS", new StatementsTable(statements),
        "PRIMARY_KEYS", InformationSchemaTable.primaryKeys(),
        "INDEXES", InformationSchemaTable.indexes());
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
