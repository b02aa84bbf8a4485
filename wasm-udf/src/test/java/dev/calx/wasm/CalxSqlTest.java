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
    TableHost host = new TableHost(new Object[] {7, "grüße 🙂", 2.5, null, true, new byte[] {1, 2}});
    WasmFunction i32 = routine("first_i32", Signature.of(INTEGER, TEXT, INTEGER));
    WasmFunction i64 = routine("first_i64", Signature.of(BIGINT, TEXT, INTEGER));
    WasmFunction f64 = routine("first_f64", Signature.of(DOUBLE, TEXT, INTEGER));
    WasmFunction isNull = routine("first_null", Signature.of(INTEGER, TEXT, INTEGER));
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
    WasmFunction i32 = routine("first_i32", Signature.of(INTEGER, TEXT, INTEGER));
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
    TableHost host = new TableHost(new Object[] {5_000_000_000L, "abc", new byte[] {1}, Double.NaN});
    WasmFunction i32 = routine("first_i32", Signature.of(INTEGER, TEXT, INTEGER));
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
    WasmFunction length = routine("text_length", Signature.of(INTEGER, TEXT, INTEGER));
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
    WasmFunction bind = routine("bind_at", Signature.of(INTEGER, TEXT, INTEGER));
    assertEquals(-1, bind.call(host, "INSERT", 9), "the host has no parameter 9");
    assertEquals(0, bind.call(host, "INSERT", 8));
    WasmFunction length = routine("text_length", Signature.of(INTEGER, TEXT, INTEGER));
    assertEquals(-1, length.call(host, "BADCOL", 2));
    WasmFunction i32 = routine("first_i32", Signature.of(INTEGER, TEXT, INTEGER));
    RoutineFailedException e =
        assertThrows(RoutineFailedException.class, () -> i32.call(host, "BADCOL", 2));
    assertEquals("22012", e.sqlState(), "column_i32 cannot return a failure, so the call fails");
    assertTrue(e.getMessage().contains("calx.column_i32 failed: division by zero"),
        e.getMessage());
    assertEquals(0, host.openStatements());
  }

  @Test
  void theErrorOfOneCallIsNotSeenByTheNext() {
    TableHost host = people();
    WasmFunction error = routine("error_after", Signature.of(TEXT, TEXT));
    assertEquals("42S02: table MISSING does not exist", error.call(host, "MISSING"));
    WasmFunction errorInto = routine("error_into", Signature.of(INTEGER, INTEGER, INTEGER));
    assertEquals(0, errorInto.call(host, 0, 0));
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
    WasmFunction leave = routine("leave_open_then",
        Signature.of(BIGINT, TEXT, INTEGER, INTEGER));
    assertEquals(7L, leave.call(host, "INSERT", 1, 0));
    assertEquals(0, host.openStatements(), "after a return");
    assertThrows(GuestTrapException.class, () -> leave.call(host, "INSERT", 1, 1));
    assertEquals(0, host.openStatements(), "after a trap");
    RoutineFailedException raised =
        assertThrows(RoutineFailedException.class, () -> leave.call(host, "INSERT", 1, 3));
    assertEquals("45000", raised.sqlState());
    assertEquals(0, host.openStatements(), "after a raise");
  }
}
