package dev.calx.sql.exec;

import dev.calx.sql.EngineSettings;
import dev.calx.sql.SqlStateException;
import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.ddl.SqlCreateRoutine;
import dev.calx.sql.ddl.SqlRoutineOption;
import dev.calx.sql.ddl.SqlRoutineParameter;
import dev.calx.sql.parser.impl.CalxSqlParserImpl;
import dev.calx.wasm.CallLimits;
import dev.calx.wasm.ImportSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeFamily;

/** Turns a parsed CREATE PROCEDURE or FUNCTION into the definition the catalog stores. */
public final class RoutineDefinitions {
  private RoutineDefinitions() {}

  /**
   * The definition a statement declares for a module.
   *
   * @param moduleSha256 the SHA-256 of the module, in hex
   * @param moduleSize the module's size in bytes
   * @throws SqlStateException with 22023 if a WITH option is unknown or out of range
   */
  static RoutineDefinition of(SqlCreateRoutine node, String moduleSha256, int moduleSize,
      EngineSettings settings, Instant now) {
    List<RoutineDefinition.Parameter> parameters = new ArrayList<>();
    for (SqlRoutineParameter p : node.parameters()) {
      parameters.add(new RoutineDefinition.Parameter(p.name(), p.type()));
    }
    Options options = Options.of(node.options(), settings);
    return new RoutineDefinition(node.name(), node.routineKind(), parameters, node.returnType(),
        node.resultColumns(), node.exportName(), node.sqlDataAccess(), node.isDeterministic(),
        node.comment(), options.limits, options.imports, moduleSha256, moduleSize, now, now);
  }

  /**
   * Reads the statements an earlier release stored, as the CREATE that made them declared them
   * under these settings.
   */
  public static ProcedureCatalog.StatementReader statementReader(EngineSettings settings) {
    return (statement, moduleSha256, moduleSize) ->
        of(parse(statement), moduleSha256, moduleSize, settings, Instant.now());
  }

  private static SqlCreateRoutine parse(String statement) {
    try {
      return (SqlCreateRoutine) SqlParser.create(statement,
          SqlParser.config().withParserFactory(CalxSqlParserImpl.FACTORY)).parseStmt();
    } catch (SqlParseException e) {
      throw new IllegalStateException("a stored statement does not parse: " + statement, e);
    }
  }

  /** The WITH options, checked against the server's caps. */
  private record Options(CallLimits limits, Set<ImportSet> imports) {
    private static final Set<String> REQUESTABLE =
        Set.of(ImportSet.WASI.name(), ImportSet.ASSEMBLYSCRIPT.name());

    static Options of(List<SqlRoutineOption> options, EngineSettings settings) {
      Duration timeout = settings.defaultTimeout();
      long memoryMib = settings.defaultMemoryMib();
      Set<ImportSet> imports = EnumSet.noneOf(ImportSet.class);
      for (SqlRoutineOption option : options) {
        String key = option.key().toLowerCase(Locale.ROOT);
        switch (key) {
          case "timeout_ms":
            timeout = Duration.ofMillis(number(option, 1, settings.maxTimeout().toMillis()));
            break;
          case "max_memory_mb":
            memoryMib = number(option, 1, settings.maxMemoryMib());
            break;
          case "imports":
            imports = importSets(option);
            break;
          default:
            throw new SqlStateException(SqlStateException.INVALID_PARAMETER_VALUE,
                "unknown option " + key + "; the options are timeout_ms, max_memory_mb and"
                    + " imports");
        }
      }
      CallLimits limits = CallLimits.DEFAULTS.withTimeout(timeout)
          .withMaxMemoryBytes(memoryMib << 20);
      return new Options(limits, imports);
    }

    private static long number(SqlRoutineOption option, long min, long max) {
      SqlLiteral value = option.value();
      Long n = value.getTypeName().getFamily() == SqlTypeFamily.NUMERIC
          ? value.getValueAs(Long.class) : null;
      if (n == null || n < min || n > max) {
        throw new SqlStateException(SqlStateException.INVALID_PARAMETER_VALUE,
            option.key().toLowerCase(Locale.ROOT) + " must be a whole number from " + min
                + " to " + max + " (the server's cap), got " + value);
      }
      return n;
    }

    private static Set<ImportSet> importSets(SqlRoutineOption option) {
      String text = option.value().getValueAs(String.class);
      Set<ImportSet> sets = EnumSet.noneOf(ImportSet.class);
      for (String part : text.split(",")) {
        String name = part.strip().toUpperCase(Locale.ROOT);
        if (name.isEmpty()) {
          continue;
        }
        // The calx sets follow from the routine's declaration (RoutineDefinition.grants), never
        // from this option: WITH (imports = 'calx_sql') must not give SQL to a NO SQL routine.
        if (!REQUESTABLE.contains(name)) {
          throw new SqlStateException(SqlStateException.INVALID_PARAMETER_VALUE,
              "unknown import set '" + part.strip() + "'; the sets are wasi and assemblyscript");
        }
        sets.add(ImportSet.valueOf(name));
      }
      return sets;
    }
  }
}
