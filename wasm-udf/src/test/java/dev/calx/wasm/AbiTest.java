package dev.calx.wasm;

import static dev.calx.wasm.SqlType.BIGINT;
import static dev.calx.wasm.SqlType.BOOLEAN;
import static dev.calx.wasm.SqlType.DOUBLE;
import static dev.calx.wasm.SqlType.FLOAT;
import static dev.calx.wasm.SqlType.INTEGER;
import static dev.calx.wasm.SqlType.REAL;
import static dev.calx.wasm.SqlType.SMALLINT;
import static dev.calx.wasm.SqlType.TEXT;
import static dev.calx.wasm.SqlType.TINYINT;
import static dev.calx.wasm.SqlType.VARBINARY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every row of the ABI table in SPEC section 3, through real modules. */
class AbiTest {
  private static final GuestModule ABI = Guests.wat("abi");
  private static final GuestModule TEXT_C = Guests.wasm("text");

  private static WasmFunction abi(String export, SqlType result, SqlType... params) {
    return Guests.function(ABI, export, Signature.of(result, params));
  }

  private static WasmFunction c(String export, SqlType result, SqlType... params) {
    return Guests.function(TEXT_C, export, Signature.of(result, params));
  }

  @Test
  void integersTravelAsI32IncludingNegativesAndWrapAround() {
    WasmFunction add = abi("add", INTEGER, INTEGER, INTEGER);
    assertEquals(5, add.call(2, 3));
    assertEquals(-7, add.call(-3, -4));
    assertEquals(Integer.MIN_VALUE, add.call(Integer.MAX_VALUE, 1), "i32.add wraps, as in C");
    assertEquals(Integer.MIN_VALUE, abi("negate", INTEGER, INTEGER).call(Integer.MIN_VALUE));
    assertEquals(7, abi("seven", INTEGER).call());
  }

  @Test
  void manyParametersOfMixedKindsEachLandInTheirOwnSlots() {
    WasmFunction mix = abi("mix", BIGINT, INTEGER, TEXT, DOUBLE, BIGINT, INTEGER);
    assertEquals(65_431L, mix.call(1, "abc", 4.7, 5L, 6));
    assertEquals(-65_431L + 2 * 30, mix.call(-1, "abc", -4.7, -5L, -6));
    assertNull(mix.call(1, "abc", 4.7, 5L, null));
  }

  @Test
  void integersMayBeWidenedToI64() {
    WasmFunction addWide = abi("add_wide", INTEGER, INTEGER, INTEGER);
    assertEquals(-1, addWide.call(-3, 2));
    assertEquals(Integer.MAX_VALUE, addWide.call(Integer.MAX_VALUE - 1, 1));
  }

  @Test
  void anI64ResultOutsideTheIntRangeIs22003() {
    WasmFunction f = abi("times_million", INTEGER, INTEGER);
    assertEquals(2_000_000, f.call(2));
    assertEquals(-2_000_000, f.call(-2));
    NumericOutOfRangeException e =
        assertThrows(NumericOutOfRangeException.class, () -> f.call(3000));
    assertEquals("22003", e.sqlState());
    assertTrue(e.getMessage().contains("times_million(3000)"), e.getMessage());
    assertTrue(e.getMessage().contains("3000000000"), e.getMessage());
  }

  @Test
  void smallIntegerTypesAreRangeChecked() {
    WasmFunction tiny = abi("add_wide", TINYINT, TINYINT, TINYINT);
    assertEquals((byte) 100, tiny.call((byte) 60, (byte) 40));
    assertThrows(NumericOutOfRangeException.class, () -> tiny.call((byte) 100, (byte) 100));
    WasmFunction small = abi("add_wide", SMALLINT, SMALLINT, SMALLINT);
    assertEquals((short) -32768, small.call((short) -32767, (short) -1));
    assertThrows(NumericOutOfRangeException.class, () -> small.call((short) 32767, (short) 1));
    assertThrows(NumericOutOfRangeException.class, () -> tiny.call(200, 1),
        "an argument outside TINYINT is refused before the call");
  }

  @Test
  void bigintIsI64() {
    WasmFunction add = abi("add64", BIGINT, BIGINT, BIGINT);
    assertEquals(Long.MAX_VALUE, add.call(Long.MAX_VALUE - 5, 5L));
    assertEquals(-10_000_000_000L, add.call(-5_000_000_000L, -5_000_000_000L));
    assertEquals(3L, add.call(1, 2), "integer arguments of any exact class are accepted");
  }

  @Test
  void booleansAreZeroOrOneAndAnyNonZeroResultIsTrue() {
    assertEquals(true, abi("is_even", BOOLEAN, INTEGER).call(4));
    assertEquals(false, abi("is_even", BOOLEAN, INTEGER).call(-3));
    WasmFunction not = abi("not", BOOLEAN, BOOLEAN);
    assertEquals(false, not.call(true));
    assertEquals(true, not.call(false));
    assertEquals(true, abi("seven", BOOLEAN).call(), "7 is true");
  }

  @Test
  void doublesTravelAsF64OrF32() {
    assertEquals(1.25, abi("half64", DOUBLE, DOUBLE).call(2.5));
    assertEquals(-0.75, abi("half64", FLOAT, FLOAT).call(-1.5));
    assertEquals(1.25, abi("half32", DOUBLE, DOUBLE).call(2.5), "f32 on the wasm side");
    assertEquals(Double.POSITIVE_INFINITY, abi("half64", DOUBLE, DOUBLE).call(Double.MAX_VALUE * 2));
    assertTrue(Double.isNaN((Double) abi("half64", DOUBLE, DOUBLE).call(Double.NaN)));
    assertEquals(Double.NEGATIVE_INFINITY,
        abi("half64", DOUBLE, DOUBLE).call(Double.NEGATIVE_INFINITY));
  }

  @Test
  void realTravelsAsF32OrF64() {
    assertEquals(1.5f, abi("half32", REAL, REAL).call(3f));
    assertEquals(1.5f, abi("half64", REAL, REAL).call(3f));
    assertTrue(Float.isNaN((Float) abi("sqrt32", REAL, REAL).call(-1f)), "sqrt(-1) is NaN");
    assertEquals(Float.POSITIVE_INFINITY, abi("half32", REAL, REAL).call(Float.POSITIVE_INFINITY));
    assertEquals(0.1f, (float) (double) (Double) abi("to_double", DOUBLE, REAL).call(0.1f));
  }

  @Test
  void textArgumentsArriveAsPointerAndUtf8ByteLength() {
    WasmFunction length = abi("byte_length", INTEGER, TEXT);
    assertEquals(0, length.call(""));
    assertEquals(5, length.call("hello"));
    assertEquals(9, length.call("日本語"), "three bytes per character");
    assertEquals(4, length.call("🙂"), "a surrogate pair is one four-byte code point");
  }

  @Test
  void textResultsComePackedOrAsTwoI32() {
    for (String export : new String[] {"same_packed", "same_pair"}) {
      WasmFunction same = abi(export, TEXT, TEXT);
      assertEquals("", same.call(""));
      assertEquals("grüße, 世界 🙂", same.call("grüße, 世界 🙂"));
    }
  }

  @Test
  void varbinaryIsRawBytes() {
    WasmFunction reverse = abi("reverse", VARBINARY, VARBINARY);
    assertArrayEquals(new byte[] {3, 2, 1, 0, (byte) 0xff}, (byte[]) reverse.call(
        new byte[] {(byte) 0xff, 0, 1, 2, 3}));
    assertArrayEquals(new byte[0], (byte[]) reverse.call(new byte[0]));
  }

  @Test
  void textFunctionsCompiledFromC() {
    assertEquals("HELLO, ÉTÉ", c("upper", TEXT, TEXT).call("hello, ÉtÉ"));
    assertEquals("ab日本", c("concat", TEXT, TEXT, TEXT).call("ab", "日本"));
    assertEquals(3, c("codepoints", INTEGER, TEXT).call("日本語"));
    assertEquals("", c("upper", TEXT, TEXT).call(""));
  }

  @Test
  void aResultThatIsTheArgumentBufferIsFreedOnce() {
    WasmFunction echo = c("echo", TEXT, TEXT);
    WasmFunction upper = c("upper", TEXT, TEXT);
    for (int i = 0; i < 1000; i++) {
      assertEquals("same " + i, echo.call("same " + i));
    }
    assertEquals("STILL SOUND", upper.call("still sound"));
  }

  @Test
  void aOneMebibyteStringRoundTrips() {
    String big = "ab€".repeat(1 << 18); // 1 MiB of UTF-8: 5 bytes per repeat, 262,144 repeats
    assertTrue(big.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 1 << 20);
    WasmFunction upper = c("upper", TEXT, TEXT);
    assertEquals(big.toUpperCase(java.util.Locale.ROOT), upper.call(big));
    assertEquals("SMALL AGAIN", upper.call("small again"), "the grown instance was replaced");
  }

  @Test
  void aNullArgumentGivesNullWithoutCallingTheGuest() {
    assertNull(abi("add", INTEGER, INTEGER, INTEGER).call(1, null));
    assertNull(c("upper", TEXT, TEXT).call((Object) null));
  }

  @Test
  void wrongArgumentsAreRefusedWithAClearMessage() {
    WasmFunction add = abi("add", INTEGER, INTEGER, INTEGER);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> add.call(1, "two"));
    assertTrue(e.getMessage().contains("argument 2 must be INTEGER"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> add.call(1));
    assertEquals(3, add.call(1, 2), "the instance survived the refused call");
  }

  @Test
  void aResultPointerOutsideMemoryIs39000() {
    WasmFunction bad = abi("bad_pointer", TEXT, TEXT);
    AbiViolationException e = assertThrows(AbiViolationException.class, () -> bad.call("x"));
    assertEquals("39000", e.sqlState());
    assertTrue(e.getMessage().contains("outside guest memory"), e.getMessage());
    assertTrue(e.getMessage().contains("bad_pointer('x')"), e.getMessage());
  }

  @Test
  void invalidUtf8Is39000() {
    WasmFunction bad = abi("bad_utf8", TEXT, TEXT);
    AbiViolationException e = assertThrows(AbiViolationException.class, () -> bad.call("x"));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    assertArrayEquals(new byte[] {(byte) 0xc3, 0x28},
        (byte[]) abi("bad_utf8", VARBINARY, TEXT).call("x"), "the same bytes are fine as VARBINARY");
  }
}
