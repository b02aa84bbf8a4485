package dev.calx.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class GuestModuleTest {
  private static final String ADD_WAT =
      "(module (func (export \"add\") (param i32 i32) (result i32)\n"
          + "  (i32.add (local.get 0) (local.get 1))))";

  @Test
  void loadsTheSameModuleFromWatBase64AndBytes() {
    GuestModule fromWat = GuestModule.fromWat(ADD_WAT);
    GuestModule fromBase64 =
        GuestModule.fromBase64(Base64.getEncoder().encodeToString(fromWat.bytes()));
    GuestModule fromBytes = GuestModule.fromBytes(fromWat.bytes());
    assertEquals(fromWat.sha256(), fromBase64.sha256());
    assertEquals(fromWat.sha256(), fromBytes.sha256());
    assertArrayEquals(fromWat.bytes(), fromBytes.bytes());
    assertEquals(64, fromWat.sha256().length());
  }

  @Test
  void sqlTextIsWatWhenItStartsWithAParenthesisAndBase64Otherwise() {
    GuestModule wat = GuestModule.fromSqlText("  \n" + ADD_WAT);
    String base64 = Base64.getMimeEncoder().encodeToString(wat.bytes());
    assertTrue(base64.contains("\r\n") || wat.size() < 57, "MIME line breaks are tolerated");
    assertEquals(wat.sha256(), GuestModule.fromSqlText(base64).sha256());
  }

  @Test
  void watSyntaxErrorsCarryWat2wasmsMessageAndLine() {
    ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
        () -> GuestModule.fromWat("(module\n  (func (export \"f\") (result i32)\n    (i32.bogus)))"));
    assertEquals("46000", e.sqlState());
    assertTrue(e.getMessage().contains("module.wat:3:"), e.getMessage());
    assertTrue(e.getMessage().contains("i32.bogus"), e.getMessage());
  }

  @Test
  void watTypeErrorsAreReportedToo() {
    ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
        () -> GuestModule.fromWat("(module (func (result i32) (i64.const 1)))"));
    assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
  }

  @Test
  void refusesBytesThatAreNotWebAssembly() {
    ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
        () -> GuestModule.fromBytes("hello world".getBytes()));
    assertEquals("46000", e.sqlState());
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void refusesTruncatedModules() {
    byte[] good = GuestModule.fromWat(ADD_WAT).bytes();
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
    ModuleRejectedException e =
        assertThrows(ModuleRejectedException.class, () -> GuestModule.fromBytes(truncated));
    assertTrue(e.getMessage().startsWith("module is malformed"), e.getMessage());
  }

  @Test
  void refusesModulesThatFailValidation() {
    byte[] good = GuestModule.fromWat(ADD_WAT).bytes();
    byte[] bad = good.clone();
    // The body's i32.add (0x6a) becomes i64.add (0x7c): the operands no longer type-check.
    for (int i = bad.length - 1; i >= 0; i--) {
      if (bad[i] == 0x6a) {
        bad[i] = 0x7c;
        break;
      }
    }
    ModuleRejectedException e =
        assertThrows(ModuleRejectedException.class, () -> GuestModule.fromBytes(bad));
    assertTrue(e.getMessage().startsWith("module is invalid"), e.getMessage());
  }

  @Test
  void refusesBadBase64() {
    ModuleRejectedException e =
        assertThrows(ModuleRejectedException.class, () -> GuestModule.fromSqlText("not base64!"));
    assertTrue(e.getMessage().contains("base64"), e.getMessage());
  }

  /**
   * A function whose body is {@code blocks} nested blocks: nesting depth {@code blocks + 3}
   * (module, func, and the innermost block's {@code (result i32)}).
   */
  private static String nestedBlocks(int blocks) {
    return "(module (func (export \"f\") (result i32) "
        + "(block (result i32) ".repeat(blocks) + "i32.const 1" + ")".repeat(blocks) + "))";
  }

  @Test
  void watNestedTenThousandDeepIsRefusedWithItsDepth() {
    ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
        () -> GuestModule.fromWat(nestedBlocks(10_000)));
    assertEquals("46000", e.sqlState());
    assertTrue(e.getMessage().contains("nests 10003 levels deep"), e.getMessage());
    assertTrue(e.getMessage().contains("more than the 100"), e.getMessage());
    WasmFunction add = Guests.function(GuestModule.fromWat(ADD_WAT), "add",
        Signature.of(SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER));
    assertEquals(3, add.call(1, 2), "the next module compiles and runs");
  }

  @Test
  void watAtTheDepthLimitCompiles() {
    GuestModule module = GuestModule.fromWat(nestedBlocks(WatCompiler.MAX_DEPTH - 3));
    WasmFunction f = Guests.function(module, "f", Signature.of(SqlType.INTEGER));
    assertEquals(1, f.call());
    assertThrows(ModuleRejectedException.class,
        () -> GuestModule.fromWat(nestedBlocks(WatCompiler.MAX_DEPTH - 2)));
  }

  @Test
  void watNestingIgnoresStringsAndCommentsAndCountsFlatBlocks() {
    assertEquals(2, WatNesting.depth("(module (; ((( (; ( ;) ;) ;; (((\n (data \"((\\\"((\"))"));
    assertEquals(4, WatNesting.depth("(module (func block loop end end (block)))"));
    assertEquals(3, WatNesting.depth("(module (func block end block end))"));
  }
}
