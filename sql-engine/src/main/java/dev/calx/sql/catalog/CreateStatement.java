package dev.calx.sql.catalog;

import java.util.HexFormat;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The CREATE statement that recreates a routine, written from its definition: every clause
 * spelled out, the limits included (so the routine comes back the same on a server with other
 * defaults), and the module inline as hex.
 */
final class CreateStatement {
  private CreateStatement() {}

  static String of(RoutineDefinition d, byte[] module) {
    StringBuilder sql = new StringBuilder("CREATE ").append(d.kind().name()).append(' ')
        .append(identifier(d.name())).append(" (");
    StringJoiner parameters = new StringJoiner(", ");
    for (RoutineDefinition.Parameter p : d.parameters()) {
      parameters.add(p.name().map(n -> identifier(n) + " ").orElse("") + p.type());
    }
    sql.append(parameters).append(')');
    d.returnType().ifPresent(type -> sql.append(" RETURNS ").append(type));
    if (d.returnsTable()) {
      StringJoiner columns = new StringJoiner(", ", " RETURNS TABLE (", ")");
      d.resultColumns().forEach(c -> columns.add(identifier(c.name()) + " " + c.type()));
      sql.append(columns);
    }
    sql.append(" LANGUAGE WASM ").append(d.sqlDataAccess().sql());
    d.exportName().ifPresent(e -> sql.append(" EXPORT ").append(literal(e)));
    sql.append(d.deterministic() ? " DETERMINISTIC" : " NOT DETERMINISTIC")
        .append(" RETURNS NULL ON NULL INPUT");
    d.comment().ifPresent(c -> sql.append(" COMMENT ").append(literal(c)));
    sql.append(" WITH (\"TIMEOUT_MS\" = ").append(d.limits().timeout().toMillis())
        .append(", \"MAX_MEMORY_MB\" = ").append(d.limits().maxMemoryBytes() >> 20);
    if (!d.imports().isEmpty()) {
      sql.append(", \"IMPORTS\" = ").append(literal(d.imports().stream()
          .map(i -> i.name().toLowerCase(Locale.ROOT)).sorted()
          .collect(Collectors.joining(","))));
    }
    return sql.append(") AS X'").append(HexFormat.of().formatHex(module)).append('\'')
        .toString();
  }

  private static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String literal(String text) {
    return '\'' + text.replace("'", "''") + '\'';
  }
}
