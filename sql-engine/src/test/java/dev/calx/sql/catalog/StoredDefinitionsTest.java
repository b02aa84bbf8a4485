package dev.calx.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calx.sql.EngineSettings;
import dev.calx.sql.exec.RoutineDefinitions;
import dev.calx.wasm.CallLimits;
import dev.calx.wasm.ImportSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each shape of definition (one that returns a value, a table, or nothing; each SQL data access)
 * comes back the same from the catalog's tables and from the CREATE statement that {@code
 * sys.procedures} shows for it.
 */
class StoredDefinitionsTest {
  private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final Instant UPDATED = CREATED.plus(1, ChronoUnit.DAYS);
  private static final byte[] MODULE = "a module".getBytes(StandardCharsets.UTF_8);

  static List<RoutineDefinition> definitions() {
    return List.of(
        definition("LOOKUP", RoutineKind.FUNCTION,
            List.of(new RoutineDefinition.Parameter(Optional.of("x"), type("INTEGER")),
                new RoutineDefinition.Parameter(Optional.empty(), varchar(10))),
            Optional.of(varchar(20)), List.of(), SqlDataAccess.READS_SQL_DATA),
        definition("TRANSFER", RoutineKind.PROCEDURE,
            List.of(new RoutineDefinition.Parameter(Optional.of("FROM_ID"), type("BIGINT")),
                new RoutineDefinition.Parameter(Optional.of("AMOUNT"), type("DOUBLE"))),
            Optional.empty(), List.of(), SqlDataAccess.MODIFIES_SQL_DATA),
        definition("split it", RoutineKind.FUNCTION,
            List.of(new RoutineDefinition.Parameter(Optional.of("TEXT"), type("TEXT"))),
            Optional.empty(),
            List.of(new RoutineDefinition.Column("position", type("INTEGER")),
                new RoutineDefinition.Column("WORD", type("TEXT")),
                new RoutineDefinition.Column("b\"q", RoutineType.of("VARBINARY",
                    OptionalInt.of(4)))),
            SqlDataAccess.NO_SQL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void createStatementDeclaresTheSameDefinition(RoutineDefinition d) {
    String statement = CreateStatement.of(d, MODULE);
    ProcedureCatalog.StatementReader reader =
        RoutineDefinitions.statementReader(EngineSettings.defaults(Path.of(".")));
    RoutineDefinition read = reader.definition(statement, d.moduleSha256(), d.moduleSize());
    assertEquals(d, read.at(CREATED, UPDATED), statement);
  }

  @Test
  void createStatementWritesWhatTheRoutineReturnsAndItsSqlDataAccess() {
    List<String> statements = definitions().stream()
        .map(d -> CreateStatement.of(d, MODULE).replaceAll(" WITH .*", "")).toList();
    assertEquals(List.of(
        "CREATE FUNCTION \"LOOKUP\" (\"x\" INTEGER, VARCHAR(10)) RETURNS VARCHAR(20)"
            + " LANGUAGE WASM READS SQL DATA EXPORT 'look''up' DETERMINISTIC"
            + " RETURNS NULL ON NULL INPUT COMMENT 'it''s'",
        "CREATE PROCEDURE \"TRANSFER\" (\"FROM_ID\" BIGINT, \"AMOUNT\" DOUBLE) LANGUAGE WASM"
            + " MODIFIES SQL DATA EXPORT 'look''up' DETERMINISTIC RETURNS NULL ON NULL INPUT"
            + " COMMENT 'it''s'",
        "CREATE FUNCTION \"split it\" (\"TEXT\" TEXT) RETURNS TABLE (\"position\" INTEGER,"
            + " \"WORD\" TEXT, \"b\"\"q\" VARBINARY(4)) LANGUAGE WASM NO SQL EXPORT 'look''up'"
            + " DETERMINISTIC RETURNS NULL ON NULL INPUT COMMENT 'it''s'"),
        statements);
  }

  @Test
  void storeKeepsEachShapeAndItsReplacementsAndDrops() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    CatalogStore store = new CatalogStore(h2);
    store.createTables();
    for (RoutineDefinition d : definitions()) {
      store.put(d, MODULE);
    }
    store.createTables();
    assertEquals(definitions(), sorted(new CatalogStore(h2).definitions()));
    assertEquals(List.of("split it|3"), rows(h2, "SELECT ROUTINE_NAME, count(*) FROM "
        + CatalogStore.RESULT_COLUMNS + " GROUP BY ROUTINE_NAME"));

    // A table routine replaced by one that returns a value keeps no result columns.
    RoutineDefinition first = definitions().get(0);
    RoutineDefinition split = definitions().get(2);
    RoutineDefinition value = new RoutineDefinition(split.name(), split.kind(),
        split.parameters(), first.returnType(), List.of(), split.exportName(),
        split.sqlDataAccess(), split.deterministic(), split.comment(), split.limits(),
        split.imports(), split.moduleSha256(), split.moduleSize(), CREATED, UPDATED);
    store.put(value, MODULE);
    store.remove("TRANSFER");
    assertEquals(List.of(first, value), sorted(store.definitions()));
    assertEquals(List.of("0|0"), rows(h2, "SELECT (SELECT count(*) FROM "
        + CatalogStore.RESULT_COLUMNS + "), (SELECT count(*) FROM " + CatalogStore.PARAMETERS
        + " WHERE ROUTINE_NAME = 'TRANSFER')"));
  }

  private static RoutineDefinition definition(String name, RoutineKind kind,
      List<RoutineDefinition.Parameter> parameters, Optional<RoutineType> returnType,
      List<RoutineDefinition.Column> columns, SqlDataAccess access) {
    CallLimits limits = CallLimits.DEFAULTS.withTimeout(Duration.ofMillis(250))
        .withMaxMemoryBytes(2 << 20);
    return new RoutineDefinition(name, kind, parameters, returnType, columns,
        Optional.of("look'up"), access, true, Optional.of("it's"), limits,
        Set.of(ImportSet.WASI), "ab".repeat(32), MODULE.length, CREATED, UPDATED);
  }

  private static RoutineType type(String name) {
    return RoutineType.of(name, OptionalInt.empty());
  }

  private static RoutineType varchar(int length) {
    return RoutineType.of("VARCHAR", OptionalInt.of(length));
  }

  /** In the order of {@link #definitions}: by name. */
  private static List<RoutineDefinition> sorted(List<RoutineDefinition> definitions) {
    return definitions.stream().sorted(Comparator.comparing(RoutineDefinition::name)).toList();
  }

  private static List<String> rows(JdbcDataSource h2, String sql) throws SQLException {
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      return Rows.of(s.executeQuery(sql));
    }
  }
}
