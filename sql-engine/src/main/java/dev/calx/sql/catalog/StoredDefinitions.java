package dev.calx.sql.catalog;

import static dev.calx.sql.catalog.CatalogStore.DEFINITIONS;
import static dev.calx.sql.catalog.CatalogStore.PARAMETERS;
import static dev.calx.sql.catalog.CatalogStore.RESULT_COLUMNS;

import dev.calx.wasm.CallLimits;
import dev.calx.wasm.ImportSet;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * How definitions map to rows of {@code ROUTINE_DEFINITIONS}, {@code ROUTINE_PARAMETERS} and
 * {@code ROUTINE_RESULT_COLUMNS}.
 */
final class StoredDefinitions {
  private StoredDefinitions() {}

  /**
   * Every definition, with three queries: one over the routines, one over all parameters and one
   * over all result columns.
   */
  static List<RoutineDefinition> read(Connection c) throws SQLException {
    Map<String, List<RoutineDefinition.Parameter>> parameters = byRoutine(c, PARAMETERS,
        (name, type) -> new RoutineDefinition.Parameter(Optional.ofNullable(name), type));
    Map<String, List<RoutineDefinition.Column>> columns =
        byRoutine(c, RESULT_COLUMNS, RoutineDefinition.Column::new);
    List<RoutineDefinition> result = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT NAME, KIND, RETURN_TYPE, RETURN_LENGTH,"
            + " EXPORT_NAME, IS_DETERMINISTIC, \"COMMENT\", TIMEOUT_MS, MAX_MEMORY_BYTES, IMPORTS,"
            + " MODULE_SHA256, MODULE_SIZE, CREATED_AT, UPDATED_AT, SQL_DATA_ACCESS FROM "
            + DEFINITIONS)) {
      while (rs.next()) {
        String name = rs.getString(1);
        CallLimits limits = CallLimits.DEFAULTS
            .withTimeout(Duration.ofMillis(rs.getLong(8))).withMaxMemoryBytes(rs.getLong(9));
        Optional<RoutineType> returnType = rs.getString(3) == null
            ? Optional.empty() : Optional.of(type(rs, 3));
        result.add(new RoutineDefinition(name, RoutineKind.valueOf(rs.getString(2)),
            parameters.getOrDefault(name, List.of()), returnType,
            columns.getOrDefault(name, List.of()), Optional.ofNullable(rs.getString(5)),
            SqlDataAccess.valueOf(rs.getString(15)), rs.getBoolean(6),
            Optional.ofNullable(rs.getString(7)), limits, imports(rs.getArray(10)),
            rs.getString(11), rs.getInt(12), rs.getTimestamp(13).toInstant(),
            rs.getTimestamp(14).toInstant()));
      }
    }
    return result;
  }

  /**
   * The rows of a table of named types (parameters or result columns) by routine, each
   * routine's in order.
   */
  private static <T> Map<String, List<T>> byRoutine(Connection c, String table,
      BiFunction<String, RoutineType, T> row) throws SQLException {
    Map<String, List<T>> byRoutine = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT ROUTINE_NAME, NAME, TYPE, TYPE_LENGTH FROM "
            + table + " ORDER BY ROUTINE_NAME, POSITION")) {
      while (rs.next()) {
        byRoutine.computeIfAbsent(rs.getString(1), n -> new ArrayList<>())
            .add(row.apply(rs.getString(2), type(rs, 3)));
      }
    }
    return byRoutine;
  }

  /** The type whose name is in column {@code column} and whose length is in the next one. */
  private static RoutineType type(ResultSet rs, int column) throws SQLException {
    String name = rs.getString(column);
    int length = rs.getInt(column + 1);
    return RoutineType.of(name, rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(length));
  }

  private static Set<ImportSet> imports(Array array) throws SQLException {
    Set<ImportSet> sets = EnumSet.noneOf(ImportSet.class);
    for (Object name : (Object[]) array.getArray()) {
      sets.add(ImportSet.valueOf((String) name));
    }
    return sets;
  }

  /**
   * Writes definitions, replacing rows of the same names; their parameters and result columns
   * must be absent.
   */
  static void write(Connection c, List<RoutineDefinition> definitions) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + DEFINITIONS
            + " (NAME, KIND, RETURN_TYPE, RETURN_LENGTH, EXPORT_NAME, IS_DETERMINISTIC,"
            + " \"COMMENT\", TIMEOUT_MS, MAX_MEMORY_BYTES, IMPORTS, MODULE_SHA256, MODULE_SIZE,"
            + " CREATED_AT, UPDATED_AT, SQL_DATA_ACCESS) KEY (NAME)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement parameters = insertNamedTypes(c, PARAMETERS);
        PreparedStatement columns = insertNamedTypes(c, RESULT_COLUMNS)) {
      for (RoutineDefinition d : definitions) {
        ps.setString(1, d.name());
        ps.setString(2, d.kind().name());
        setType(ps, 3, d.returnType().orElse(null));
        ps.setString(5, d.exportName().orElse(null));
        ps.setBoolean(6, d.deterministic());
        ps.setString(7, d.comment().orElse(null));
        ps.setLong(8, d.limits().timeout().toMillis());
        ps.setLong(9, d.limits().maxMemoryBytes());
        ps.setArray(10, c.createArrayOf("VARCHAR",
            d.imports().stream().map(ImportSet::name).sorted().toArray()));
        ps.setString(11, d.moduleSha256());
        ps.setInt(12, d.moduleSize());
        ps.setTimestamp(13, Timestamp.from(d.createdAt()));
        ps.setTimestamp(14, Timestamp.from(d.updatedAt()));
        ps.setString(15, d.sqlDataAccess().name());
        ps.addBatch();
        for (int i = 0; i < d.parameters().size(); i++) {
          RoutineDefinition.Parameter p = d.parameters().get(i);
          addNamedType(parameters, d, i + 1, p.name().orElse(null), p.type());
        }
        for (int i = 0; i < d.resultColumns().size(); i++) {
          RoutineDefinition.Column column = d.resultColumns().get(i);
          addNamedType(columns, d, i + 1, column.name(), column.type());
        }
      }
      ps.executeBatch();
      parameters.executeBatch();
      columns.executeBatch();
    }
  }

  private static PreparedStatement insertNamedTypes(Connection c, String table)
      throws SQLException {
    return c.prepareStatement("INSERT INTO " + table
        + " (ROUTINE_NAME, POSITION, NAME, TYPE, TYPE_LENGTH) VALUES (?, ?, ?, ?, ?)");
  }

  /** Adds a parameter or result column of {@code d}, its position counted from 1, to a batch. */
  private static void addNamedType(PreparedStatement ps, RoutineDefinition d, int position,
      String name, RoutineType type) throws SQLException {
    ps.setString(1, d.name());
    ps.setInt(2, position);
    ps.setString(3, name);
    setType(ps, 4, type);
    ps.addBatch();
  }

  /**
   * Sets a type's name in {@code column} and its length, or NULL, in the next one; both NULL
   * for a null type.
   */
  private static void setType(PreparedStatement ps, int column, RoutineType type)
      throws SQLException {
    ps.setString(column, type == null ? null : type.name());
    if (type != null && type.precision().isPresent()) {
      ps.setInt(column + 1, type.precision().getAsInt());
    } else {
      ps.setNull(column + 1, Types.INTEGER);
    }
  }
}
