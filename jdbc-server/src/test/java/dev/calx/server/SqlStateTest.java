package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SQLSTATE of SPEC section 2 that a statement can cause arrives at a remote client intact,
 * with a message naming the procedure, and the server goes on serving. (28000 and 42501 need
 * authentication: {@link AuthenticationTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlStateTest {
  /** Small, so that an oversized module is quick to write; every other case's module fits. */
  private static final int MAX_MODULE_BYTES = 4096;
  /** Less than a 256 MiB module needs, so that creating one fails at once with 53200. */
  private static final String GUEST_MEMORY = "192m";

  private final Map<Serialization, TestServer> servers = new EnumMap<>(Serialization.class);

  /** One failure: what to create first, the statement that fails, and how. */
  record Case(String state, String name, List<String> setup, String failing) {
    @Override
    public String toString() {
      return state + " " + name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("46000", "malformed", List.of(), "CREATE FUNCTION malformed(x INT) RETURNS INT"
            + " LANGUAGE WASM AS 'Z2FyYmFnZSBub3QgYSBtb2R1bGU='"),
        new Case("46000", "no_export", List.of(), "CREATE FUNCTION no_export(x INT) RETURNS INT"
            + " LANGUAGE WASM AS '(module (func (export \"other\") (param i32) (result i32)"
            + " local.get 0))'"),
        new Case("46000", "wants_import", List.of(), "CREATE FUNCTION wants_import(x INT)"
            + " RETURNS INT LANGUAGE WASM AS '(module (import \"env\" \"leak\" (func))"
            + " (func (export \"wants_import\") (param i32) (result i32) local.get 0))'"),
        new Case("46007", "wrong_type", List.of(), "CREATE FUNCTION wrong_type(x INT) RETURNS INT"
            + " LANGUAGE WASM AS '(module (func (export \"wrong_type\") (param f32) (result f32)"
            + " local.get 0))'"),
        new Case("42710", "twice", List.of(Guests.square("twice")), Guests.square("twice")),
        new Case("42704", "never_created", List.of(), "DROP FUNCTION never_created"),
        new Case("38000", "trap", List.of("CREATE FUNCTION trap(x INT) RETURNS INT LANGUAGE WASM"
            + " AS '(module (func (export \"trap\") (param i32) (result i32) unreachable))'"),
            "CALL trap(1)"),
        new Case("38000", "divide", List.of("CREATE FUNCTION divide(x INT) RETURNS INT"
            + " LANGUAGE WASM AS '(module (func (export \"divide\") (param i32) (result i32)"
            + " i32.const 1 local.get 0 i32.div_s))'", "CREATE TABLE zeros (x INT)",
            "INSERT INTO zeros VALUES (0)"), "SELECT divide(x) FROM zeros"),
        new Case("39000", "bad_pointer", List.of("CREATE FUNCTION bad_pointer(s VARCHAR)"
            + " RETURNS VARCHAR LANGUAGE WASM AS '(module (memory (export \"memory\") 1)"
            + " (func (export \"alloc\") (param i32) (result i32) i32.const 16)"
            + " (func (export \"bad_pointer\") (param i32 i32) (result i64)"
            + " i64.const 0x7fff000000000005))'"), "CALL bad_pointer('x')"),
        new Case("57014", "spin", List.of("CREATE FUNCTION spin(x INT) RETURNS INT LANGUAGE WASM"
            + " WITH (timeout_ms = 200) AS '(module (func (export \"spin\") (param i32)"
            + " (result i32) (loop $l (br $l)) i32.const 0))'"), "CALL spin(1)"),
        new Case("54000", "bomb", List.of("CREATE FUNCTION bomb(x INT) RETURNS INT LANGUAGE WASM"
            + " WITH (max_memory_mb = 1) AS '(module (memory 1) (func (export \"bomb\")"
            + " (param i32) (result i32) (loop $more (br_if $more (i32.ne (memory.grow"
            + " (i32.const 1)) (i32.const -1)))) unreachable))'"), "CALL bomb(1)"),
        new Case("22003", "too_big", List.of("CREATE FUNCTION too_big(x INT) RETURNS INT"
            + " LANGUAGE WASM AS '(module (func (export \"too_big\") (param i32) (result i64)"
            + " i64.const 1099511627776))'"), "CALL too_big(1)"),
        new Case("54000", "oversized", List.of(), "CREATE FUNCTION oversized(x INT) RETURNS INT"
            + " LANGUAGE WASM AS '(module" + " ".repeat(MAX_MODULE_BYTES) + ")'"),
        new Case("53200", "huge", List.of(), "CREATE FUNCTION huge(x INT) RETURNS INT LANGUAGE"
            + " WASM WITH (max_memory_mb = 256) AS '(module (memory 4096)"
            + " (func (export \"huge\") (param i32) (result i32) local.get 0))'"),
        new Case("42601", "syntax", List.of(), "SELEC 1"),
        new Case("42883", "unknown_function", List.of(), "CALL unknown_function(1)"));
  }

  static Stream<Arguments> serializationsAndCases() {
    return Stream.of(Serialization.values())
        .flatMap(s -> cases().stream().map(c -> Arguments.of(s, c)));
  }

  @BeforeAll
  void startServers() throws SQLException {
    for (Serialization serialization : Serialization.values()) {
      String data = "mem:sqlstates-" + serialization.name().toLowerCase(Locale.ROOT);
      servers.put(serialization, TestServer.start(serialization, Path.of(data),
          Map.of(ServerSetting.MAX_MODULE_SIZE, String.valueOf(MAX_MODULE_BYTES),
              ServerSetting.GUEST_MEMORY, GUEST_MEMORY)));
      try (Connection c = servers.get(serialization).connect()) {
        execute(c, Guests.square("healthy"));
      }
    }
  }

  @AfterAll
  void stopServers() {
    servers.values().forEach(TestServer::close);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("serializationsAndCases")
  void sqlStateArrivesIntact(Serialization serialization, Case failure) throws Exception {
    try (Connection c = servers.get(serialization).connect()) {
      for (String sql : failure.setup()) {
        execute(c, sql);
      }
      SQLException e = assertThrows(SQLException.class, () -> execute(c, failure.failing()));
      assertEquals(failure.state(), e.getSQLState(), e.getMessage());
      if (!failure.state().equals("42601")) {
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains(failure.name()),
            "message names " + failure.name() + ": " + e.getMessage());
      }
      assertEquals(81, single(c, "CALL healthy(9)"), "the same connection goes on working");
    }
  }
}
