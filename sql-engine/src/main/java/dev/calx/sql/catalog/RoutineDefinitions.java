package dev.calx.sql.catalog;

import dev.calx.sql.EngineSettings;
import dev.calx.sql.SqlStateException;
import dev.calx.sql.ddl.RoutineBody;
import dev.calx.sql.ddl.SqlCreateRoutine;
import dev.calx.sql.ddl.SqlRoutineOption;
import dev.calx.sql.ddl.SqlRoutineParameter;
import dev.calx.wasm.CallLimits;
import dev.calx.wasm.GuestModule;
import dev.calx.wasm.ImportSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.type.SqlTypeFamily;

/** Turns a parsed CREATE PROCEDURE or FUNCTION into the definition the catalog stores. */
public final class RoutineDefinitions {
  private RoutineDefinitions() {}

  /**
   * The definition a statement declares for a module.
   *
   * @throws SqlStateException with 22023 if a WITH option is unknown or out of range
   */
  public static RoutineDefinition of(SqlCreateRoutine node, GuestModule module,
      EngineSettings settings, Instant now) {
    List<RoutineDefinition.Parameter> parameters = new ArrayList<>();
    for (SqlRoutineParameter p : node.parameters()) {
      parameters.add(new RoutineDefinition.Parameter(p.name(), p.type()));
    }
    Options options = Options.of(node.options(), settings);
    return new RoutineDefinition(node.name(), node.routineKind(), parameters, node.returnType(),
        node.exportName(), node.isDeterministic(), node.comment(), options.limits,
        options.imports, stored(node), module.sha256(), module.size(), now, now);
  }

  /**
   * The statement as stored: every clause spelled out, without OR REPLACE or IF NOT EXISTS, and
   * with an empty module in place of the real one, which is stored apart by its hash.
   */
  private static String stored(SqlCreateRoutine node) {
    return node.withBody(new RoutineBody.Binary(new byte[0]))
        .toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }

  /** The statement that would recreate a procedure, its module inline as hex. */
  public static String recreate(RoutineDefinition definition, byte[] module) {
    String stored = definition.statement();
    if (!stored.endsWith("X''")) {
      throw new IllegalStateException("stored statement of " + definition.name()
          + " does not end with its empty module: " + stored);
    }
    return stored.substring(0, stored.length() - 3) + "X'" + HexFormat.of().formatHex(module)
        + "'";
  }

  /** The WITH options, checked against the server's caps. */
  private record Options(CallLimits limits, Set<ImportSet> imports) {
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
        try {
          sets.add(ImportSet.valueOf(name));
        } catch (IllegalArgumentException e) {
          throw new SqlStateException(SqlStateException.INVALID_PARAMETER_VALUE,
              "unknown import set '" + part.strip() + "'; the sets are wasi and assemblyscript");
        }
      }
      return sets;
    }
  }
}
