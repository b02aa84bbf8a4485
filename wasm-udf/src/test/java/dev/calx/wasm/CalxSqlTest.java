package dev.calx.wasm;

import static dev.calx.wasm.SqlType.BIGINT;
import static dev.calx.wasm.SqlType.DOUBLE;
import static dev.calx.wasm.SqlType.INTEGER;
import static dev.calx.wasm.SqlType.TEXT;
import static dev.calx.wasm.SqlType.VARBINARY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL imports of the calx host API, through a routine built from calx_sql.wat. */
class CalxSqlTest {
  private static final GuestModule SQL = Guests.wat("calx_sql");

  static WasmFunction routine(String export, Signature signature) {
    return WasmFunction.builder(SQL).name(export).signature(signature).grant(ImportSet.CALX)
        .grant(ImportSet.CALX_SQL).build();
  }

  /** (sql TEXT, n INT) -> INT, the shape of most exports. */
  private static final Signature SQL_INT_TO_INT = Signature.of(INTEGER, TEXT, INTEGER);
  private static final Signature SQL_INT_INT_TO_BIGINT =
      Signature.of(BIGINT, TEXT, INTEGER, INTEGER);

  private static final Object[][] PEOPLE = {
    {1, "ann", 2.5},
    {2, "bob", -1.5},
    {3, "grüße", 0.0},
  };

  private static TableHost people() {
    return new TableHost(PEOPLE);
  }

  @Test
  void aQueryIsPreparedExecutedReadRowByRowAndClosed() {
    TableHost host = people();
    WasmFunction sum = routine("query_sum", Signature.of(BIGINT, TEXT, INTEGER));
    assertEquals(6L, sum.call(host, "SELECT id FROM people", 1));
    assertEquals(1, host.preparedStatements());
    assertEquals(0, host.openStatements());
    assertFalse(host.sawInterrupt());
  }

  @Test
  void columnsAreReadAsI32I64F64TextAndNullFlags() {
    TableHost host =
        new TableHost(new Object[] {7, "grüße 🙂", 2.5, null, true, new byte[] {1, 2}});
    WasmFunction i32 = routine("first_i32", SQL_INT_TO_INT);
    WasmFunction i64 = routine("first_i64", Signature.of(BIGINT, TEXT, INTEGER));
    WasmFunction f64 = routine("first_f64", Signature.of(DOUBLE, TEXT, INTEGER));
    WasmFunction isNull = routine("first_null", SQL_INT_TO_INT);
    WasmFunction text = routine("first_text", Signature.of(TEXT, TEXT, INTEGER));
    WasmFunction bytes = routine("first_text", Signature.of(VARBINARY, TEXT, INTEGER));
    assertEquals(7, i32.call(host, "SELECT", 1));
    assertEquals(7L, i64.call(host, "SELECT", 1));
    assertEquals(7.0, f64.call(host, "SELECT", 1));
    assertEquals("7", text.call(host, "SELECT", 1));
    assertEquals("grüße 🙂", text.call(host, "SELECT", 2));
    assertEquals(2.5, f64.call(host, "SELECT", 3));
    assertEquals(3, i32.call(host, "SELECT", 3), "2.5 rounds half away from zero, as CAST does");
    assertEquals(0, isNull.call(host, "SELECT", 3));
    assertEquals(1, isNull.call(host, "SELECT", 4));
    assertEquals(0, i32.call(host, "SELECT", 4), "NULL reads as 0: column_null tells it apart");
    assertEquals(0.0, f64.call(host, "SELECT", 4));
    assertEquals("", text.call(host, "SELECT", 4));
    assertEquals(1, i32.call(host, "SELECT", 5));
    assertEquals("TRUE", text.call(host, "SELECT", 5));
    assertArrayEquals(new byte[] {1, 2}, (byte[]) bytes.call(host, "SELECT", 6));
    assertEquals(0, host.openStatements());
  }

  @Test
  void numbersOfAnotherKindAreConverted() {
    TableHost host = new TableHost(new Object[] {
        new BigDecimal("-2.5"), " 42 ", 5_000_000_000L, "1e3", 1.5f, (short) 9});
    WasmFunction i32 = routine("first_i32", SQL_INT_TO_INT);
    WasmFunction i64 = routine("first_i64", Signature.of(BIGINT, TEXT, INTEGER));
    WasmFunction f64 = routine("first_f64", Signature.of(DOUBLE, TEXT, INTEGER));
    WasmFunction text = routine("first_text", Signature.of(TEXT, TEXT, INTEGER));
    assertEquals(-3, i32.call(host, "SELECT", 1));
    assertEquals("-2.5", text.call(host, "SELECT", 1));
    assertEquals(42, i32.call(host, "SELECT", 2), "text that is a number");
    assertEquals(5_000_000_000L, i64.call(host, "SELECT", 3));
    assertEquals(5e9, f64.call(host, "SELECT", 3));
    assertEquals(1000L, i64.call(host, "SELECT", 4));
    assertEquals(1000.0, f64.call(host, "SELECT", 4));
    assertEquals(2L, i64.call(host, "SELECT", 5));
    assertEquals(9, i32.call(host, "SELECT", 6));
  }

  @Test
  void aValueOutOfRangeIs22003AndTextThatIsNoNumberIs22018() {
    TableHost host =
        new TableHost(new Object[] {5_000_000_000L, "abc", new byte[] {1}, Double.NaN});
    WasmFunction i32 = routine("first_i32", SQL_INT_TO_INT);
    WasmFunction f64 = routine("first_f64", Signature.of(DOUBLE, TEXT, INTEGER));
    NumericOutOfRangeException range =
        assertThrows(NumericOutOfRangeException.class, () -> i32.call(host, "SELECT", 1));
    assertTrue(range.getMessage().contains("first_i32('SELECT', 1): calx.column_i32: column 1"
        + " holds 5000000000, which is out of range for i32"), range.getMessage());
    RoutineFailedException text =
        assertThrows(RoutineFailedException.class, () -> f64.call(host, "SELECT", 2));
    assertEquals("22018", text.sqlState());
    assertTrue(text.getMessage().contains("column 2 holds 'abc', which is not a number"),
        text.getMessage());
    assertEquals("22018", assertThrows(RoutineFailedException.class,
        () -> i32.call(host, "SELECT", 3)).sqlState());
    assertThrows(NumericOutOfRangeException.class, () -> i32.call(host, "SELECT", 4));
    assertTrue(Double.isNaN((Double) f64.call(host, "SELECT", 4)));
    assertEquals(0, host.openStatements(), "every failed call closed its statement");
  }

  @Test
  void aTextColumnIsCopiedUpToTheBufferAndItsWholeLengthReturned() {
    TableHost host = people();
    WasmFunction length = routine("text_length", SQL_INT_TO_INT);
    WasmFunction prefix = routine("first_prefix",
        Signature.of(VARBINARY, TEXT, INTEGER, INTEGER));
    assertEquals(3, length.call(host, "SELECT", 2));
    assertArrayEquals("an".getBytes(StandardCharsets.UTF_8),
        (byte[]) prefix.call(host, "SELECT", 2, 2));
    assertArrayEquals("ann".getBytes(StandardCharsets.UTF_8),
        (byte[]) prefix.call(host, "SELECT", 2, 100));
  }

  @Test
  void parametersAreBoundAsNullIntegerLongDoubleAndText() {
    TableHost host = people();
    WasmFunction bind = routine("bind_all",
        Signature.of(BIGINT, TEXT, INTEGER, BIGINT, DOUBLE, TEXT));
    assertEquals(1L, bind.call(host, "INSERT", -5, 1L << 40, 0.25, "grüße"));
    assertEquals(Arrays.asList(null, -5, 1L << 40, 0.25, "grüße", null, null, null),
        host.inserted.get(0));
    WasmFunction bytes = routine("bind_bytes", Signature.of(BIGINT, TEXT));
    assertEquals(1L, bytes.call(host, "INSERT"));
    assertArrayEquals(new byte[] {(byte) 0xc3, 0x28}, (byte[]) host.inserted.get(1).get(0),
        "bytes that are not UTF-8 are bound as VARBINARY");
    assertEquals(0, host.openStatements());
  }

  @Test
  void aFailureTheGuestMayHandleIsNegativeAndErrorTellsWhy() {
    TableHost host = people();
    WasmFunction error = routine("error_after", Signature.of(TEXT, TEXT));
    assertEquals("42S02: table MISSING does not exist", error.call(host, "MISSING"));
    assertEquals("23505: duplicate key", error.call(host, "DUPLICATE"));
    assertEquals("", error.call(host, "INSERT"));
    WasmFunction bind = routine("bind_at", SQL_INT_TO_INT);
    assertEquals(-1, bind.call(host, "INSERT", 9), "the host has no parameter 9");
    assertEquals(0, bind.call(host, "INSERT", 8));
    WasmFunction length = routine("text_length", SQL_INT_TO_INT);
    assertEquals(-1, length.call(host, "BADCOL", 2));
    WasmFunction i32 = routine("first_i32", SQL_INT_TO_INT);
    RoutineFailedException e =
        assertThrows(RoutineFailedException.class, () -> i32.call(host, "BADCOL", 2));
    assertEquals("22012", e.sqlState(), "column_i32 cannot return a failure, so the call fails");
    assertTrue(e.getMessage().contains("calx.column_i32 failed: division by zero"),
        e.getMessage());
    assertEquals(0, host.openStatements());
    assertEquals("42S02: table MISSING does not exist", error.call(host, "MISSING"));
    WasmFunction errorInto = routine("error_into", Signature.of(INTEGER, INTEGER, INTEGER));
    assertEquals(0, errorInto.call(host, 0, 0), "the error of one call is not seen by the next");
  }

  @Test
  void sixtyFourStatementsMayBeOpenTheSixtyFifthIsRefusedWith54000() {
    TableHost host = people();
    WasmFunction many = routine("prepare_many", Signature.of(TEXT, TEXT, INTEGER));
    assertEquals("", many.call(host, "SELECT", 64));
    assertEquals(0, host.openStatements(), "closed when the call ended");
    assertEquals("54000: a call may hold at most 64 open statements; close one first",
        many.call(host, "SELECT", 65));
    assertEquals(0, host.openStatements());
    assertEquals(128, host.preparedStatements());
  }

  @Test
  void statementsLeftOpenAreClosedHoweverTheCallEnds() {
    TableHost host = people();
    WasmFunction leave = routine("leave_open_then", SQL_INT_INT_TO_BIGINT);
    assertEquals(7L, leave.call(host, "INSERT", 1, 0));
    assertEquals(0, host.openStatements(), "after a return");
    assertThrows(GuestTrapException.class, () -> leave.call(host, "INSERT", 1, 1));
    assertEquals(0, host.openStatements(), "after a trap");
    RoutineFailedException raised =
        assertThrows(RoutineFailedException.class, () -> leave.call(host, "INSERT", 1, 3));
    assertEquals("45000", raised.sqlState());
    assertEquals(0, host.openStatements(), "after a raise");
  }

  /** Calls that must fail with 39000 naming what the guest got wrong, and leave nothing open. */
  private static void assertAbiViolation(TableHost host, String expected, Runnable call) {
    AbiViolationException e = assertThrows(AbiViolationException.class, call::run);
    assertEquals("39000", e.sqlState());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(0, host.openStatements());
  }

  @Test
  void handlesThatWereNeverOpenOrAreClosedAre39000() {
    TableHost host = people();
    WasmFunction next = routine("next_raw", Signature.of(INTEGER, INTEGER));
    assertAbiViolation(host, "next_raw(1): calx.next: no open statement has handle 1",
        () -> next.call(host, 1));
    assertAbiViolation(host, "no open statement has handle -7", () -> next.call(host, -7));
    WasmFunction twice = routine("close_twice", Signature.of(INTEGER, TEXT));
    assertAbiViolation(host, "calx.close: no open statement has handle 1",
        () -> twice.call(host, "SELECT"));
    assertEquals(6L, routine("query_sum", Signature.of(BIGINT, TEXT, INTEGER))
        .call(host, "SELECT", 1), "the next call works");
  }

  @Test
  void pointersAndLengthsOutsideMemoryAndInvalidUtf8Are39000() {
    TableHost host = people();
    WasmFunction prepare = routine("prepare_raw", Signature.of(INTEGER, INTEGER, INTEGER));
    assertAbiViolation(host, "calx.prepare: the SQL text points outside guest memory: pointer"
        + " 1073741824, length 6, memory size 262144", () -> prepare.call(host, 1 << 30, 6));
    assertAbiViolation(host, "pointer 262140, length 8",
        () -> prepare.call(host, 262_140, 8));
    assertAbiViolation(host, "pointer 0, length 2147483647",
        () -> prepare.call(host, 0, Integer.MAX_VALUE));
    assertAbiViolation(host, "calx.prepare: the SQL text has a negative length, -1",
        () -> prepare.call(host, 0, -1));
    assertAbiViolation(host, "pointer 4294967295", () -> prepare.call(host, -1, 1));
    assertAbiViolation(host, "calx.prepare: the SQL text is not valid UTF-8",
        () -> prepare.call(host, 16, 2));
    assertEquals(0, host.preparedStatements(), "nothing reached the host");
    WasmFunction textInto = routine("text_into", Signature.of(INTEGER, TEXT, INTEGER, INTEGER));
    assertAbiViolation(host, "calx.column_text: the buffer points outside guest memory",
        () -> textInto.call(host, "SELECT", 262_143, 2));
    assertAbiViolation(host, "calx.column_text: the buffer has a negative length",
        () -> textInto.call(host, "SELECT", 0, -5));
    assertEquals(1, textInto.call(host, "SELECT", 262_143, 1), "the last byte of memory");
    WasmFunction errorInto = routine("error_into", Signature.of(INTEGER, INTEGER, INTEGER));
    assertAbiViolation(host, "calx.error: the buffer points outside guest memory",
        () -> errorInto.call(host, 1 << 20, 1));
  }

  @Test
  void columnsOutsideTheRowAndReadsWithNoCurrentRowAre39000() {
    TableHost host = people();
    WasmFunction column = routine("column_after", SQL_INT_INT_TO_BIGINT);
    assertEquals(1L, column.call(host, "SELECT", 1, 1));
    assertAbiViolation(host, "calx.column_i64: column 4 is out of range: the row has 3 columns",
        () -> column.call(host, "SELECT", 4, 1));
    assertAbiViolation(host, "column 0 is out of range", () -> column.call(host, "SELECT", 0, 1));
    assertAbiViolation(host, "calx.column_i64: statement 1 has no current row; call calx.next"
        + " first", () -> column.call(host, "SELECT", 1, 0));
    assertAbiViolation(host, "has no current row", () -> column.call(host, "SELECT", 1, 4));
    assertAbiViolation(host, "has no current row", () -> column.call(host, "INSERT", 1, 1));
    WasmFunction bind = routine("bind_at", SQL_INT_TO_INT);
    assertAbiViolation(host, "calx.bind_i32: parameter 0 is out of range: parameters count from"
        + " 1", () -> bind.call(host, "INSERT", 0));
  }

  @Test
  void raiseEndsTheCallWithTheGuestsSqlstateOr45000() {
    TableHost host = people();
    WasmFunction raise = routine("raise_at", Signature.of(INTEGER, INTEGER));
    RoutineFailedException own = assertThrows(RoutineFailedException.class,
        () -> raise.call(host, 32));
    assertEquals("P0001", own.sqlState());
    assertEquals("raise_at(32): the routine gave up", own.getMessage());
    RoutineFailedException plain = assertThrows(RoutineFailedException.class,
        () -> raise.call(host, 0));
    assertEquals("45000", plain.sqlState());
    assertEquals("raise_at(0): the routine gave up", plain.getMessage());
    assertAbiViolation(host, "calx.raise: the SQLSTATE must be five digits or upper-case"
        + " letters, not of class 00 (success), got 'p0001'", () -> raise.call(host, 40));
    assertAbiViolation(host, "calx.raise: the SQLSTATE is not valid UTF-8",
        () -> raise.call(host, 16));
    assertAbiViolation(host, "calx.raise: the SQLSTATE points outside guest memory",
        () -> raise.call(host, 1 << 30));
  }

  @Test
  void anyOtherHostFailureEndsTheCallKeepingItsSqlstate() {
    TableHost host = people();
    WasmFunction leave = routine("leave_open", Signature.of(BIGINT, TEXT, INTEGER));
    RoutineFailedException denied =
        assertThrows(RoutineFailedException.class, () -> leave.call(host, "DENY", 1));
    assertEquals("38002", denied.sqlState());
    assertEquals("a routine that reads SQL data tried to write", denied.getMessage());
    GuestTrapException boom =
        assertThrows(GuestTrapException.class, () -> leave.call(host, "BOOM", 1));
    assertEquals("38000", boom.sqlState());
    assertTrue(boom.getMessage().contains("leave_open('BOOM', 1): failed:"
        + " java.lang.IllegalStateException: boom"), boom.getMessage());
    assertEquals(0, host.openStatements());
    assertEquals(1L, leave.call(host, "INSERT", 1));
  }

  @Test
  void aRoutineThatRunsSqlNeedsAHost() {
    WasmFunction sum = routine("query_sum", Signature.of(BIGINT, TEXT, INTEGER));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> sum.call("SELECT", 1));
    assertTrue(e.getMessage().contains("query_sum is granted the SQL imports, so it must be"
        + " called with a RoutineHost"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> sum.call(null, "SELECT", 1));
    assertThrows(IllegalArgumentException.class, () -> sum.call(people(), "SELECT"));
    assertNull(sum.call(people(), "SELECT", null), "RETURNS NULL ON NULL INPUT");
  }

  @Test
  void theSqlImportsMayNotRunFromInitialize() {
    GuestModule early = GuestModule.fromWat("(module\n"
        + "  (import \"calx\" \"prepare\" (func $prepare (param i32 i32) (result i32)))\n"
        + "  (memory 1)\n"
        + "  (func (export \"_initialize\") (drop (call $prepare (i32.const 0) (i32.const 0))))\n"
        + "  (func (export \"f\") (result i32) (i32.const 1)))");
    AbiViolationException e = assertThrows(AbiViolationException.class,
        () -> WasmFunction.builder(early).name("f").signature(Signature.of(INTEGER))
            .grant(ImportSet.CALX_SQL).build());
    assertTrue(e.getMessage().contains("calx.prepare may only be called during a call, not from"
        + " _initialize"), e.getMessage());
  }
}
