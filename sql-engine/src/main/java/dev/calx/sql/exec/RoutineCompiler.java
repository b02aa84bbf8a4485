package dev.calx.sql.exec;

import dev.calx.sql.EngineSettings;
import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.RoutineDefinitions;
import dev.calx.sql.ddl.SqlCreateRoutine;
import dev.calx.sql.parser.impl.CalxSqlParserImpl;
import dev.calx.wasm.GuestModule;
import dev.calx.wasm.ImportSet;
import dev.calx.wasm.WasmFunction;
import java.time.Instant;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/** Binds a definition to its module, and reloads stored procedures at startup. */
public final class RoutineCompiler {
  private RoutineCompiler() {}

  /** Checks and compiles a definition's module into its function. */
  static WasmFunction bind(RoutineDefinition definition, GuestModule module) {
    WasmFunction.Builder builder = WasmFunction.builder(module)
        .name(definition.name())
        .signature(definition.signature())
        .limits(definition.limits());
    definition.exportName().ifPresent(builder::export);
    for (ImportSet set : definition.imports()) {
      builder.grant(set);
    }
    return builder.build();
  }

  /** The loader that turns stored statements back into live procedures. */
  public static ProcedureCatalog.Loader loader(EngineSettings settings) {
    return (statement, module) -> {
      SqlCreateRoutine node = parse(statement);
      RoutineDefinition definition =
          RoutineDefinitions.of(node, module, settings, Instant.now());
      return new ProcedureCatalog.Loaded(definition, bind(definition, module));
    };
  }

  private static SqlCreateRoutine parse(String statement) {
    try {
      return (SqlCreateRoutine) SqlParser.create(statement,
          SqlParser.config().withParserFactory(CalxSqlParserImpl.FACTORY)).parseStmt();
    } catch (SqlParseException e) {
      throw new IllegalStateException("a stored statement does not parse: " + statement, e);
    }
  }
}
