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
}
