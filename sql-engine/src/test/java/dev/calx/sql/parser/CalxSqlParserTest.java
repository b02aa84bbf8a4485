package dev.calx.sql.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.RoutineKind;
import dev.calx.sql.catalog.RoutineType;
import dev.calx.sql.catalog.SqlDataAccess;
import dev.calx.sql.ddl.RoutineBody;
import dev.calx.sql.ddl.SqlCreateRoutine;
import dev.calx.sql.ddl.SqlDropRoutine;
import dev.calx.sql.ddl.SqlRoutineOption;
import dev.calx.sql.ddl.SqlRoutineParameter;
import dev.calx.sql.function.CalciteTypes;
import dev.calx.sql.parser.impl.CalxSqlParserImpl;
import dev.calx.wasm.SqlType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CalxSqlParserTest {
  private static final SqlParser.Config CONFIG =
      SqlParser.config().withParserFactory(CalxSqlParserImpl.FACTORY);

  private static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, CONFIG).parseStmt();
  }

  // SqlNode.toString() quotes with backticks, which the default parser config does not read.
  private static String unparse(SqlNode node) {
    return node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }

  private static SqlCreateRoutine routine(String sql) throws SqlParseException {
    return assertInstanceOf(SqlCreateRoutine.class, parse(sql));
  }

  /** Statement, its kind, and its canonical text (backticks stand for double quotes). */
  static Stream<Arguments> statements() {
    return Stream.of(
        arguments("CREATE FUNCTION f(a INT, b TEXT) RETURNS INT LANGUAGE WASM AS '(module)'",
            SqlKind.CREATE_FUNCTION,
            "CREATE FUNCTION `F` (`A` INTEGER, `B` TEXT) RETURNS INTEGER LANGUAGE WASM"
                + " NO SQL NOT DETERMINISTIC RETURNS NULL ON NULL INPUT AS '(module)'"),
        arguments("create or replace procedure if not exists p(int, text, varchar(10),"
                + " double precision, varbinary, varbinary(3), real, float, bigint, smallint,"
                + " tinyint, boolean, varchar) returns text language wasm export 'run'"
                + " deterministic returns null on null input comment 'it''s'"
                + " with (timeout_ms = 100, max_memory_mb = 2, imports = 'wasi')"
                + " from file 'a/b.wasm'",
            SqlKind.CREATE_FUNCTION,
            "CREATE OR REPLACE PROCEDURE IF NOT EXISTS `P` (INTEGER, TEXT, VARCHAR(10), DOUBLE,"
                + " VARBINARY, VARBINARY(3), REAL, FLOAT, BIGINT, SMALLINT, TINYINT, BOOLEAN,"
                + " VARCHAR) RETURNS TEXT LANGUAGE WASM NO SQL EXPORT 'run' DETERMINISTIC"
                + " RETURNS NULL ON NULL INPUT COMMENT 'it''s' WITH (`TIMEOUT_MS` = 100,"
                + " `MAX_MEMORY_MB` = 2, `IMPORTS` = 'wasi') FROM FILE 'a/b.wasm'"),
        // Clauses in another order; long literals continued over fragments.
        arguments("CREATE FUNCTION f() RETURNS BIGINT LANGUAGE WASM WITH (x = -1.5)"
                + " COMMENT 'a' 'b' NOT DETERMINISTIC EXPORT 'e' AS X'0061736D' '01000000'",
            SqlKind.CREATE_FUNCTION,
            "CREATE FUNCTION `F` () RETURNS BIGINT LANGUAGE WASM NO SQL EXPORT 'e'"
                + " NOT DETERMINISTIC RETURNS NULL ON NULL INPUT COMMENT 'ab' WITH (`X` = -1.5)"
                + " AS X'0061736D01000000'"),
        arguments("CREATE FUNCTION \"MixedCase\"(text text) RETURNS boolean LANGUAGE \"wasm\""
                + " COMMENT U&'caf\\00e9' AS '(module\n  (func))'",
            SqlKind.CREATE_FUNCTION,
            "CREATE FUNCTION `MixedCase` (`TEXT` TEXT) RETURNS BOOLEAN LANGUAGE WASM"
                + " NO SQL NOT DETERMINISTIC RETURNS NULL ON NULL INPUT COMMENT _UTF16'caf\u00e9'"
                + " AS '(module\n  (func))'"),
        // What a routine returns and the SQL it runs, among the clauses in any order; a
        // reserved word (POSITION) names a result column only quoted.
        arguments("create function split(t text) returns table (\"position\" int, word text,"
                + " \"Mixed\" varchar(10)) language wasm deterministic reads sql data"
                + " comment 'words' as '(module)'",
            SqlKind.CREATE_FUNCTION,
            "CREATE FUNCTION `SPLIT` (`T` TEXT) RETURNS TABLE (`position` INTEGER, `WORD` TEXT,"
                + " `Mixed` VARCHAR(10)) LANGUAGE WASM READS SQL DATA DETERMINISTIC"
                + " RETURNS NULL ON NULL INPUT COMMENT 'words' AS '(module)'"),
        arguments("CREATE PROCEDURE p(x INT) LANGUAGE WASM MODIFIES SQL DATA AS '(module)'",
            SqlKind.CREATE_FUNCTION,
            "CREATE PROCEDURE `P` (`X` INTEGER) LANGUAGE WASM MODIFIES SQL DATA"
                + " NOT DETERMINISTIC RETURNS NULL ON NULL INPUT AS '(module)'"),
        arguments("CREATE PROCEDURE p() RETURNS TABLE (n BIGINT) LANGUAGE WASM NO SQL"
                + " AS '(module)'",
            SqlKind.CREATE_FUNCTION,
            "CREATE PROCEDURE `P` () RETURNS TABLE (`N` BIGINT) LANGUAGE WASM NO SQL"
                + " NOT DETERMINISTIC RETURNS NULL ON NULL INPUT AS '(module)'"),
        // IF is not reserved: without NOT EXISTS / EXISTS after it, it is a name.
        arguments("CREATE FUNCTION if(x INT) RETURNS INT LANGUAGE WASM AS 'x'",
            SqlKind.CREATE_FUNCTION,
            "CREATE FUNCTION `IF` (`X` INTEGER) RETURNS INTEGER LANGUAGE WASM"
                + " NO SQL NOT DETERMINISTIC RETURNS NULL ON NULL INPUT AS 'x'"),
        arguments("DROP FUNCTION if", SqlKind.DROP_FUNCTION, "DROP FUNCTION `IF`"),
        arguments("DROP FUNCTION IF EXISTS f", SqlKind.DROP_FUNCTION,
            "DROP FUNCTION IF EXISTS `F`"),
        arguments("drop procedure p", SqlKind.DROP_FUNCTION, "DROP PROCEDURE `P`"),
        // A column's PRIMARY KEY comes back as the equivalent table constraint.
        arguments("CREATE TABLE IF NOT EXISTS s.t (id INT PRIMARY KEY,"
                + " name TEXT NOT NULL DEFAULT 'x', v VARCHAR(10) NULL, d DATE,"
                + " CONSTRAINT u1 UNIQUE (name))",
            SqlKind.CREATE_TABLE,
            "CREATE TABLE IF NOT EXISTS `S`.`T` (`ID` INTEGER, PRIMARY KEY (`ID`),"
                + " `NAME` TEXT NOT NULL DEFAULT ('x'), `V` VARCHAR(10), `D` DATE,"
                + " CONSTRAINT `U1` UNIQUE (`NAME`))"),
        arguments("CREATE TABLE t (a INT NOT NULL, b BIGINT DEFAULT 1 + 2, PRIMARY KEY (a, b))",
            SqlKind.CREATE_TABLE,
            "CREATE TABLE `T` (`A` INTEGER NOT NULL, `B` BIGINT DEFAULT (1 + 2),"
                + " PRIMARY KEY (`A`, `B`))"),
        arguments("CREATE TABLE t AS SELECT 1 AS x", SqlKind.CREATE_TABLE,
            "CREATE TABLE `T` AS\nSELECT 1 AS `X`"),
        arguments("DROP TABLE IF EXISTS t", SqlKind.DROP_TABLE, "DROP TABLE IF EXISTS `T`"),
        arguments("drop table s.t", SqlKind.DROP_TABLE, "DROP TABLE `S`.`T`"),
        arguments("CALL f(1, 'a', ?)", SqlKind.PROCEDURE_CALL, "CALL `F`(1, 'a', ?)"),
        arguments("start transaction", SqlKind.OTHER_DDL, "START TRANSACTION"),
        arguments("BEGIN", SqlKind.OTHER_DDL, "START TRANSACTION"),
        arguments("begin work", SqlKind.OTHER_DDL, "START TRANSACTION"),
        arguments("commit work", SqlKind.COMMIT, "COMMIT"),
        arguments("ROLLBACK", SqlKind.ROLLBACK, "ROLLBACK"),
        arguments("rollback work to s1", SqlKind.ROLLBACK, "ROLLBACK TO SAVEPOINT `S1`"),
        arguments("savepoint \"a b\"", SqlKind.OTHER_DDL, "SAVEPOINT `a b`"),
        arguments("RELEASE s1", SqlKind.OTHER_DDL, "RELEASE SAVEPOINT `S1`"),
        // Calx's keywords are not reserved, and TEXT is a type everywhere.
        arguments("SELECT text, comment, file, export, if, CAST(text AS TEXT) FROM t",
            SqlKind.SELECT,
            "SELECT `TEXT`, `COMMENT`, `FILE`, `EXPORT`, `IF`, CAST(`TEXT` AS TEXT)\nFROM `T`"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statements")
  void parsesAndRoundTrips(String sql, SqlKind kind, String canonical) throws SqlParseException {
    SqlNode node = parse(sql);
    assertEquals(kind, node.getKind());
    String text = unparse(node);
    assertEquals(canonical.replace('`', '"'), text);
    SqlNode again = parse(text);
    assertTrue(node.equalsDeep(again, Litmus.THROW));
    assertEquals(text, unparse(again));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "CREATE FUNCTION f() RETURNS INT LANGUAGE WASM AS 'x'",
      "CREATE PROCEDURE p() RETURNS INT LANGUAGE WASM AS 'x'",
      "CREATE PROCEDURE p() LANGUAGE WASM MODIFIES SQL DATA AS 'x'",
      "CREATE FUNCTION f() RETURNS TABLE (a INT) LANGUAGE WASM AS 'x'",
      "DROP FUNCTION f",
      "DROP PROCEDURE p",
      "CREATE TABLE t (a INT)",
      "DROP TABLE t",
      "BEGIN TRANSACTION",
      "COMMIT",
      "ROLLBACK TO SAVEPOINT s",
      "SAVEPOINT s",
      "RELEASE SAVEPOINT s"})
  void ddlGoesToTheDdlExecutor(String sql) throws SqlParseException {
    assertTrue(parse(sql).getKind().belongsTo(SqlKind.DDL));
  }

  @Test
  void exposesEveryClause() throws SqlParseException {
    SqlCreateRoutine r = routine("CREATE OR REPLACE PROCEDURE IF NOT EXISTS add2(a INT, BIGINT)"
        + " RETURNS VARCHAR(20) LANGUAGE WASM EXPORT 'add' DETERMINISTIC"
        + " RETURNS NULL ON NULL INPUT COMMENT 'sums' WITH (timeout_ms = 250, imports = 'wasi')"
        + " FROM FILE 'math/add.wasm'");
    assertEquals(RoutineKind.PROCEDURE, r.routineKind());
    assertTrue(r.getReplace());
    assertTrue(r.ifNotExists);
    assertEquals("ADD2", r.name());
    List<SqlRoutineParameter> parameters = r.parameters();
    assertEquals(2, parameters.size());
    assertEquals(Optional.of("A"), parameters.get(0).name());
    assertEquals(SqlType.INTEGER, parameters.get(0).type().sqlType());
    assertEquals(Optional.empty(), parameters.get(1).name());
    assertEquals(SqlType.BIGINT, parameters.get(1).type().sqlType());
    assertEquals(Optional.of(new RoutineType(SqlType.TEXT, OptionalInt.of(20), true)),
        r.returnType());
    assertEquals("VARCHAR(20)", r.returnType().orElseThrow().toString());
    assertEquals(List.of(), r.resultColumns());
    assertEquals(Optional.of("add"), r.exportName());
    assertTrue(r.isDeterministic());
    assertEquals(Optional.of("sums"), r.comment());
    List<SqlRoutineOption> options = r.options();
    assertEquals(List.of("TIMEOUT_MS", "IMPORTS"),
        options.stream().map(SqlRoutineOption::key).toList());
    assertEquals(new BigDecimal(250), options.get(0).value().getValueAs(BigDecimal.class));
    assertEquals("wasi", options.get(1).value().getValueAs(String.class));
    assertEquals(new RoutineBody.File("math/add.wasm"), r.body());
  }

  @Test
  void omittedClausesReadAsDefaults() throws SqlParseException {
    SqlCreateRoutine r = routine("CREATE FUNCTION f() RETURNS INT LANGUAGE WASM AS 'AGFzbQ=='");
    assertEquals(RoutineKind.FUNCTION, r.routineKind());
    assertFalse(r.getReplace());
    assertFalse(r.ifNotExists);
    assertEquals(List.of(), r.parameters());
    assertEquals(SqlDataAccess.NO_SQL, r.sqlDataAccess());
    assertEquals(Optional.empty(), r.exportName());
    assertFalse(r.isDeterministic());
    assertEquals(Optional.empty(), r.comment());
    assertEquals(List.of(), r.options());
    assertEquals(new RoutineBody.Text("AGFzbQ=="), r.body());
  }

  @Test
  void exposesTheColumnsOfATable() throws SqlParseException {
    SqlCreateRoutine r = routine("CREATE FUNCTION split(t TEXT, n INT) RETURNS TABLE"
        + " (\"position\" INT, word VARCHAR(30)) LANGUAGE WASM READS SQL DATA AS '(module)'");
    assertEquals(Optional.empty(), r.returnType());
    assertEquals(List.of(
            new RoutineDefinition.Column("position",
                RoutineType.of("INTEGER", OptionalInt.empty())),
            new RoutineDefinition.Column("WORD", RoutineType.of("VARCHAR", OptionalInt.of(30)))),
        r.resultColumns());
    assertEquals(SqlDataAccess.READS_SQL_DATA, r.sqlDataAccess());
    assertEquals(List.of("T", "N"),
        r.parameters().stream().map(p -> p.name().orElseThrow()).toList());
  }

  @Test
  void procedureMayReturnNothing() throws SqlParseException {
    SqlCreateRoutine r = routine("CREATE PROCEDURE p(x INT) LANGUAGE WASM MODIFIES SQL DATA"
        + " EXPORT 'run' AS '(module)'");
    assertEquals(Optional.empty(), r.returnType());
    assertEquals(List.of(), r.resultColumns());
    assertEquals(SqlDataAccess.MODIFIES_SQL_DATA, r.sqlDataAccess());
    assertEquals(Optional.of("run"), r.exportName());
  }

  @Test
  void dropExposesKindNameAndIfExists() throws SqlParseException {
    SqlDropRoutine d = assertInstanceOf(SqlDropRoutine.class, parse("DROP PROCEDURE IF EXISTS p"));
    assertEquals(RoutineKind.PROCEDURE, d.routineKind());
    assertEquals("P", d.name());
    assertTrue(d.ifExists);
  }

  /** Type as written, its normalized name as stored, and its length (empty if none). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "INT, INTEGER,", "INTEGER, INTEGER,", "BIGINT, BIGINT,", "SMALLINT, SMALLINT,",
      "TINYINT, TINYINT,", "BOOLEAN, BOOLEAN,", "FLOAT, FLOAT,", "REAL, REAL,",
      "DOUBLE, DOUBLE,", "DOUBLE PRECISION, DOUBLE,", "text, TEXT,", "VARCHAR, VARCHAR,",
      "VARCHAR(10), VARCHAR, 10", "VARBINARY, VARBINARY,", "VARBINARY(16), VARBINARY, 16"})
  void normalizesTypes(String written, String name, Integer length) throws SqlParseException {
    RoutineType expected =
        RoutineType.of(name, length == null ? OptionalInt.empty() : OptionalInt.of(length));
    SqlCreateRoutine r = routine("CREATE FUNCTION f(x " + written + ") RETURNS " + written
        + " LANGUAGE WASM AS '(module)'");
    assertEquals(name, expected.name());
    assertEquals(expected, r.parameters().get(0).type());
    assertEquals(Optional.of(expected), r.returnType());
    SqlCreateRoutine table = routine("CREATE FUNCTION f() RETURNS TABLE (c " + written
        + ") LANGUAGE WASM AS '(module)'");
    assertEquals(List.of(new RoutineDefinition.Column("C", expected)), table.resultColumns());
  }

  @Test
  void textIsVarcharToCalcite() {
    assertEquals(org.apache.calcite.sql.type.SqlTypeName.VARCHAR,
        CalciteTypes.sqlTypeName(SqlType.TEXT));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "AS '(module)'                    | true",
      "AS '  \t(module (func))'         | true",
      "AS 'AGFzbQEAAAA='                | false"})
  void textBodyIsWatWhenItStartsWithAParenthesis(String clause, boolean wat)
      throws SqlParseException {
    RoutineBody body = routine("CREATE FUNCTION f() RETURNS INT LANGUAGE WASM " + clause).body();
    assertEquals(wat, assertInstanceOf(RoutineBody.Text.class, body).isWat());
  }

  @Test
  void binaryBodyKeepsItsBytes() throws SqlParseException {
    RoutineBody body =
        routine("CREATE FUNCTION f() RETURNS INT LANGUAGE WASM AS X'0061736d' '01000000'").body();
    assertArrayEquals(new byte[] {0, 0x61, 0x73, 0x6d, 1, 0, 0, 0},
        assertInstanceOf(RoutineBody.Binary.class, body).bytes());
  }

  @Test
  void bodyFormTakesPartInEquality() throws SqlParseException {
    SqlNode asText = parse("CREATE FUNCTION f() RETURNS INT LANGUAGE WASM AS 'm.wasm'");
    SqlNode fromFile = parse("CREATE FUNCTION f() RETURNS INT LANGUAGE WASM FROM FILE 'm.wasm'");
    assertFalse(asText.equalsDeep(fromFile, Litmus.IGNORE));
  }

  @Test
  void textAndVarcharAreDifferentDeclarations() throws SqlParseException {
    SqlNode text = parse("CREATE FUNCTION f(a TEXT) RETURNS INT LANGUAGE WASM AS 'x'");
    SqlNode varchar = parse("CREATE FUNCTION f(a VARCHAR) RETURNS INT LANGUAGE WASM AS 'x'");
    assertFalse(text.equalsDeep(varchar, Litmus.IGNORE));
  }

  @Test
  void callTakesLiteralsExpressionsAndParameters() throws SqlParseException {
    SqlCall call = (SqlCall) parse("CALL f(1, 'a', ?, 2 * g(3))");
    assertEquals(SqlKind.PROCEDURE_CALL, call.getKind());
    List<SqlNode> args = ((SqlCall) call.operand(0)).getOperandList();
    assertEquals(4, args.size());
    assertInstanceOf(SqlDynamicParam.class, args.get(2));
    assertEquals(SqlKind.TIMES, args.get(3).getKind());
  }

  /** Statement that must not parse, and a part of the message that says why. */
  static Stream<Arguments> errors() {
    String f = "CREATE FUNCTION f() RETURNS INT LANGUAGE WASM ";
    return Stream.of(
        arguments("CREATE FUNCTION f() LANGUAGE WASM AS 'x'",
            "A FUNCTION returns a value or a table: declare RETURNS type or RETURNS TABLE"
                + " (column type, ...); only a PROCEDURE may omit RETURNS (at line 1, column 21)"),
        arguments("CREATE PROCEDURE p() EXPORT 'e' AS 'x'",
            "Was expecting one of:\n    \"LANGUAGE\" ...\n    \"RETURNS\" ..."),
        arguments("CREATE FUNCTION f() RETURNS TABLE () LANGUAGE WASM AS 'x'",
            "Encountered \")\""),
        arguments("CREATE FUNCTION f() RETURNS TABLE (INT) LANGUAGE WASM AS 'x'",
            "Incorrect syntax near the keyword 'INT' at line 1, column 36"),
        arguments("CREATE FUNCTION f() RETURNS TABLE (position INT) LANGUAGE WASM AS 'x'",
            "Encountered \"position\""),
        arguments("CREATE FUNCTION f() RETURNS TABLE (a INT, b TEXT, \"A\" INT) LANGUAGE WASM"
                + " AS 'x'",
            "Result column A appears more than once (at line 1, column 51)"),
        arguments("CREATE FUNCTION f() RETURNS TABLE (d DATE) LANGUAGE WASM AS 'x'",
            "Type DATE is not supported by WebAssembly routines"),
        arguments("CREATE FUNCTION f() RETURNS TABLE (a INT) RETURNS INT LANGUAGE WASM AS 'x'",
            "Was expecting:\n    \"LANGUAGE\""),
        arguments(f + "NO SQL READS SQL DATA AS 'x'",
            "Clause NO SQL / READS SQL DATA / MODIFIES SQL DATA appears more than once"
                + " (at line 1, column 54)"),
        arguments(f + "MODIFIES SQL DATA MODIFIES SQL DATA AS 'x'",
            "Clause NO SQL / READS SQL DATA / MODIFIES SQL DATA appears more than once"),
        arguments(f + "READS SQL AS 'x'",
            "Was expecting:\n    \"DATA\""),
        arguments(f + "CONTAINS SQL AS 'x'",
            "CONTAINS SQL is not supported; declare NO SQL, READS SQL DATA or MODIFIES SQL DATA"),
        arguments("CREATE FUNCTION f() RETURNS INT LANGUAGE WASM",
            "found the end of the statement"),
        arguments(f + "DETERMINSTIC AS 'x'",
            "found \"DETERMINSTIC\""),
        arguments(f + "DETERMINISTIC NOT DETERMINISTIC AS 'x'",
            "Clause [NOT] DETERMINISTIC appears more than once"),
        arguments(f + "EXPORT 'a' EXPORT 'b' AS 'x'",
            "Clause EXPORT appears more than once"),
        arguments(f + "COMMENT 'a' COMMENT 'b' AS 'x'",
            "Clause COMMENT appears more than once"),
        arguments(f + "WITH (a = 1) WITH (b = 2) AS 'x'",
            "Clause WITH appears more than once"),
        arguments(f + "RETURNS NULL ON NULL INPUT RETURNS NULL ON NULL INPUT AS 'x'",
            "Clause RETURNS NULL ON NULL INPUT appears more than once"),
        arguments("CREATE FUNCTION f() RETURNS DATE LANGUAGE WASM AS 'x'",
            "Type DATE is not supported by WebAssembly routines"),
        arguments("CREATE FUNCTION f(a DECIMAL(3, 1)) RETURNS INT LANGUAGE WASM AS 'x'",
            "Type DECIMAL(3, 1) is not supported"),
        arguments("CREATE FUNCTION f(a INT ARRAY) RETURNS INT LANGUAGE WASM AS 'x'",
            "Type INTEGER ARRAY is not supported"),
        arguments("CREATE FUNCTION f(a my_type) RETURNS INT LANGUAGE WASM AS 'x'",
            "Type `MY_TYPE` is not supported"),
        arguments("CREATE FUNCTION f(a VARCHAR CHARACTER SET \"UTF16\") RETURNS INT"
                + " LANGUAGE WASM AS 'x'",
            "CHARACTER SET is not supported"),
        arguments(f + "WITH (a 1) AS 'x'",
            "Was expecting:\n    \"=\""),
        arguments(f + "WITH (a = b) AS 'x'",
            "Encountered \"b\""),
        arguments(f + "WITH () AS 'x'",
            "Encountered \")\""),
        arguments(f + "WITH a = 1 AS 'x'",
            "Was expecting:\n    \"(\""),
        arguments(f + "WITH (a = X'00') AS 'x'",
            "Expected a character string literal"),
        arguments("CREATE FUNCTION f() RETURNS INT LANGUAGE JAVA AS 'x'",
            "Unsupported LANGUAGE JAVA"),
        arguments(f + "CALLED ON NULL INPUT AS 'x'",
            "CALLED ON NULL INPUT is not supported"),
        arguments(f + "EXPORT X'00' AS 'x'",
            "Expected a character string literal"),
        arguments(f + "FROM FILE X'00'",
            "Expected a character string literal"),
        arguments("CREATE FUNCTION s.f() RETURNS INT LANGUAGE WASM AS 'x'",
            "Encountered \".\""),
        arguments("DROP FUNCTION f()",
            "Encountered \"(\""),
        arguments("CREATE OR REPLACE TABLE t (a INT)",
            "CREATE OR REPLACE TABLE is not supported"),
        arguments("CREATE TABLE t (a INT PRIMARY KEY, PRIMARY KEY (a))",
            "only one PRIMARY KEY"),
        arguments("CREATE TABLE t",
            "Encountered \"<EOF>\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void rejects(String sql, String why) {
    SqlParseException e = assertThrows(SqlParseException.class, () -> parse(sql));
    assertTrue(e.getMessage().contains(why), () -> "message was: " + e.getMessage());
    assertNotNull(e.getPos(), "no position");
  }
}
