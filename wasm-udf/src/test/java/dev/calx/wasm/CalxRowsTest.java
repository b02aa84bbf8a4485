package dev.calx.wasm;

import static dev.calx.wasm.SqlType.BIGINT;
import static dev.calx.wasm.SqlType.BOOLEAN;
import static dev.calx.wasm.SqlType.DOUBLE;
import static dev.calx.wasm.SqlType.INTEGER;
import static dev.calx.wasm.SqlType.REAL;
import static dev.calx.wasm.SqlType.SMALLINT;
import static dev.calx.wasm.SqlType.TEXT;
import static dev.calx.wasm.SqlType.VARBINARY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/** Rows emitted by table functions, calx.log and calx.raise, and the signatures they need. */
class CalxRowsTest {
  private static final GuestModule ROWS = Guests.wat("calx_rows");
  private static final List<SqlType> PEOPLE = List.of(INTEGER, TEXT, DOUBLE, BIGINT, BOOLEAN);
  /** The table emit_one writes one column of. */
  private static final List<SqlType> EVERY_TYPE =
      List.of(INTEGER, TEXT, DOUBLE, BIGINT, BOOLEAN, VARBINARY, SMALLINT, REAL);

  /** A function of calx_rows.wat, which imports the emit_* functions whatever it returns. */
  private static WasmFunction.Builder builder(String export, Signature signature) {
    return WasmFunction.builder(ROWS).name(export).signature(signature).grant(ImportSet.CALX)
        .grant(ImportSet.CALX_ROWS);
  }

  private static WasmFunction table(String export, List<SqlType> columns) {
    return builder(export, Signature.returningTable(columns, INTEGER, INTEGER)).build();
  }

  private static WasmFunction procedure(String export, SqlType... parameters) {
    return builder(export, Signature.returningNothing(parameters)).build();
  }

  @Test
  void rowsAreEmittedInTheColumnTypesJavaClassesWithNullForColumnsNotSet() {
    List<Object[]> rows = table("rows", PEOPLE).callTable(null, 10, 3, 0);
    assertEquals(3, rows.size());
    assertArrayEquals(new Object[] {1, "grüße", 0.5, 10_000_000_000L, null}, rows.get(0));
    assertArrayEquals(new Object[] {2, "grüße", 1.0, 20_000_000_000L, true}, rows.get(1));
    assertArrayEquals(new Object[] {3, "grüße", 1.5, 30_000_000_000L, null}, rows.get(2));
    assertEquals(List.of(), table("rows", PEOPLE).callTable(null, 10, 0, 0));
    assertEquals(List.of(), table("rows", PEOPLE).callTable(null, 10, null, 0),
        "RETURNS NULL ON NULL INPUT: no rows");
  }

  @Test
  void aCallThatEmitsPastTheCapFailsWith54000HoweverItGoesOn() {
    WasmFunction rows = table("rows", PEOPLE);
    assertEquals(3, rows.callTable(null, 3, 3, 0).size(), "exactly the cap is fine");
    for (int mode = 0; mode < 3; mode++) {
      int onRefusal = mode;
      RoutineFailedException e = assertThrows(RoutineFailedException.class,
          () -> rows.callTable(null, 3, 5, onRefusal));
      assertEquals("54000", e.sqlState());
      assertEquals("rows(5, " + mode + "): the call emitted more than the 3 rows it may return",
          e.getMessage());
    }
    assertEquals(0, rows.callTable(null, 0, 0, 0).size());
    assertThrows(RoutineFailedException.class, () -> rows.callTable(null, 0, 1, 0));
    assertEquals(4, rows.callTable(null, 1_000_000, 4, 0).size(), "the next call starts afresh");
  }

  @Test
  void emittedNumbersAreConvertedToTheColumnsTypeAndRangeChecked() {
    WasmFunction one = table("emit_one", EVERY_TYPE);
    assertEquals(1, emitted(one, 1, 0));
    assertEquals(7, emitted(one, 1, 3), "a whole f64 sets an integer column");
    assertEquals(-1, emitted(one, 1, 8));
    assertNull(emitted(one, 1, 7), "emit_null after emit_i32");
    assertEquals(1.0, emitted(one, 3, 0));
    assertEquals(2.5, emitted(one, 3, 2));
    assertEquals(1L << 40, emitted(one, 4, 1));
    assertEquals(7L, emitted(one, 4, 3));
    assertEquals(true, emitted(one, 5, 0));
    assertEquals(true, emitted(one, 5, 8), "any non-zero integer is true");
    assertEquals((short) -1, emitted(one, 7, 8));
    assertEquals(2.5f, emitted(one, 8, 2));
    assertEquals("grüße", emitted(one, 2, 4));
    assertArrayEquals(new byte[] {(byte) 0xc3, 0x28}, (byte[]) emitted(one, 6, 5));
    NumericOutOfRangeException big =
        assertThrows(NumericOutOfRangeException.class, () -> emitted(one, 1, 1));
    assertTrue(big.getMessage().contains("calx.emit_i64: 1099511627776 is out of range for"
        + " column 1, which is INTEGER"), big.getMessage());
    assertThrows(NumericOutOfRangeException.class, () -> emitted(one, 7, 1));
    NumericOutOfRangeException fraction =
        assertThrows(NumericOutOfRangeException.class, () -> emitted(one, 4, 2));
    assertTrue(fraction.getMessage().contains("2.5 is not a whole number for column 4"),
        fraction.getMessage());
  }

  @Test
  void emittingTheWrongKindOrOutsideTheTableOrMemoryIs39000() {
    WasmFunction one = table("emit_one", EVERY_TYPE);
    assertViolation("calx.emit_text cannot set column 1, which is INTEGER",
        () -> emitted(one, 1, 4));
    assertViolation("calx.emit_i32 cannot set column 2, which is TEXT", () -> emitted(one, 2, 0));
    assertViolation("calx.emit_f64 cannot set column 5, which is BOOLEAN",
        () -> emitted(one, 5, 2));
    assertViolation("calx.emit_text: column 2 is not valid UTF-8", () -> emitted(one, 2, 5));
    assertViolation("calx.emit_text: the value points outside guest memory: pointer 65530,"
        + " length 10, memory size 65536", () -> emitted(one, 2, 6));
    assertViolation("calx.emit_i32: column 9 is out of range: the table has 8 columns",
        () -> emitted(one, 9, 0));
    assertViolation("calx.emit_i32: column 0 is out of range", () -> emitted(one, 0, 0));
    assertViolation("calx.emit_i32: column -3 is out of range", () -> emitted(one, -3, 7));
    assertEquals(1, emitted(one, 1, 0), "the next call works");
  }

  private static Object emitted(WasmFunction one, int column, int kind) {
    List<Object[]> rows = one.callTable(null, 10, column, kind);
    assertEquals(1, rows.size());
    return rows.get(0)[column - 1];
  }

  private static void assertViolation(String expected, Runnable call) {
    AbiViolationException e = assertThrows(AbiViolationException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void aProcedureThatReturnsNothingGivesNullAndMayNotEmit() {
    assertNull(procedure("log_at", INTEGER).call(0), "a debug line, which the log drops");
    assertNull(procedure("log_at", INTEGER).call(null, 0));
    WasmFunction rows = builder("rows", Signature.returningNothing(INTEGER, INTEGER)).build();
    assertViolation("calx.emit_i32: rows does not return a table", () -> rows.call(1, 0));
    assertNull(rows.call(0, 0), "no row emitted, nothing wrong");
  }

  @Test
  void tablesAndValuesAreCalledThroughTheirOwnMethods() {
    WasmFunction rows = table("rows", PEOPLE);
    IllegalStateException call = assertThrows(IllegalStateException.class, () -> rows.call(1, 0));
    assertEquals("rows returns a table: call it with callTable", call.getMessage());
    WasmFunction value = builder("value", Signature.of(INTEGER, INTEGER)).build();
    assertEquals(5, value.call(5));
    assertEquals(5, value.call(new TableHost(), 5), "a host is ignored by a function without SQL");
    assertThrows(IllegalStateException.class, () -> value.callTable(null, 10, 5));
    assertThrows(IllegalArgumentException.class, () -> rows.callTable(null, -1, 1, 0));
  }

  @Test
  void exportsThatReturnSomethingDoNotFitTablesOrProceduresAnd46007() {
    SignatureMismatchException table = assertThrows(SignatureMismatchException.class,
        () -> builder("value", Signature.returningTable(List.of(INTEGER), INTEGER)).build());
    assertEquals("46007", table.sqlState());
    assertTrue(table.getMessage().contains("(INTEGER) RETURNS TABLE (INTEGER) does not fit the"
        + " export 'value' of type (i32) -> (i32); under the Calx ABI it needs (i32 or i64) ->"
        + " ()"), table.getMessage());
    SignatureMismatchException nothing = assertThrows(SignatureMismatchException.class,
        () -> builder("value", Signature.returningNothing(INTEGER)).build());
    assertTrue(nothing.getMessage().contains("(INTEGER) does not fit"), nothing.getMessage());
    SignatureMismatchException value = assertThrows(SignatureMismatchException.class,
        () -> builder("log_at", Signature.of(INTEGER, INTEGER)).build());
    assertTrue(value.getMessage().contains("of type (i32) -> ()"), value.getMessage());
    assertThrows(SignatureMismatchException.class,
        () -> builder("rows", Signature.returningTable(PEOPLE, INTEGER)).build());
  }

  @Test
  void calxImportsNeedTheirGrantsAndTheHintSaysWhatGrantsThem() {
    ModuleRejectedException rows = assertThrows(ModuleRejectedException.class,
        () -> WasmFunction.builder(ROWS).name("rows")
            .signature(Signature.returningTable(PEOPLE, INTEGER, INTEGER))
            .grant(ImportSet.CALX).build());
    assertEquals("46000", rows.sqlState());
    assertTrue(rows.getMessage().contains("module imports calx.emit_null (function), which is not"
        + " granted; declare it RETURNS TABLE (...)"), rows.getMessage());
    ModuleRejectedException sql = assertThrows(ModuleRejectedException.class,
        () -> WasmFunction.builder(Guests.wat("calx_sql")).name("next_raw")
            .signature(Signature.of(INTEGER, INTEGER)).grant(ImportSet.CALX).build());
    assertTrue(sql.getMessage().contains("module imports calx.prepare (function), which is not"
        + " granted; declare the routine READS SQL DATA or MODIFIES SQL DATA"), sql.getMessage());
    GuestModule unknown = GuestModule.fromWat(
        "(module (import \"calx\" \"sleep\" (func)) (func (export \"f\")))");
    ModuleRejectedException none = assertThrows(ModuleRejectedException.class,
        () -> WasmFunction.builder(unknown).name("f").signature(Signature.returningNothing())
            .grant(ImportSet.CALX).grant(ImportSet.CALX_ROWS).grant(ImportSet.CALX_SQL).build());
    assertTrue(none.getMessage().contains("module imports calx.sleep (function), which is not"
        + " granted; the calx host API has no function sleep (docs/abi.md)"), none.getMessage());
  }

  @Test
  void aCalxImportOfTheWrongTypeIsRefused() {
    GuestModule wrong = GuestModule.fromWat(
        "(module (import \"calx\" \"emit_row\" (func (result i64))) (func (export \"f\")))");
    ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
        () -> WasmFunction.builder(wrong).name("f")
            .signature(Signature.returningTable(List.of(INTEGER))).grant(ImportSet.CALX_ROWS)
            .build());
    assertEquals("46000", e.sqlState());
    assertTrue(e.getMessage().contains("f: the module cannot be instantiated"), e.getMessage());
  }

  @Test
  void raiseEndsTheCallWithTheGuestsSqlstateAndMessage() {
    RoutineFailedException e = assertThrows(RoutineFailedException.class,
        () -> procedure("raise_22012").call());
    assertEquals("22012", e.sqlState());
    assertEquals("raise_22012(): cannot divide by zero", e.getMessage());
  }

  @Test
  void logWritesALineTaggedWithTheRoutineAtTheGuestsLevel() {
    List<LogRecord> records = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger guest = Logger.getLogger("dev.calx.wasm.guest");
    guest.addHandler(capture);
    guest.setUseParentHandlers(false); // thousands of lines on the console tell nobody anything
    try {
      WasmFunction log = procedure("log_at", INTEGER);
      log.call(2);
      log.call(3);
      assertEquals(2, records.size());
      assertEquals(Level.WARNING, records.get(0).getLevel());
      assertEquals(Level.SEVERE, records.get(1).getLevel());
      assertEquals("log_at: a line from the guest",
          new SimpleFormatter().formatMessage(records.get(0)));
      assertViolation("calx.log: level 4 is none of 0 (debug), 1 (info), 2 (warning), 3 (error)",
          () -> log.call(4));
      assertViolation("calx.log: the message is not valid UTF-8",
          () -> procedure("log_bytes").call());
      records.clear();
      for (int i = 0; i < 4000; i++) {
        log.call(2);
      }
      assertEquals(GuestOutput.BUDGET_BYTES / 21 + 2, records.size(),
          "lines up to the instance's 64 KiB, the last one cut, and one warning");
      assertTrue(new SimpleFormatter().formatMessage(records.get(records.size() - 1))
          .contains("output budget of"));
    } finally {
      guest.setUseParentHandlers(true);
      guest.removeHandler(capture);
    }
  }
}
