package dev.calx.wasm;

import static dev.calx.wasm.SqlType.BIGINT;
import static dev.calx.wasm.SqlType.INTEGER;
import static dev.calx.wasm.SqlType.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Export resolution, signature checks, imports and _initialize, all at bind time. */
class BindingTest {
  private static final GuestModule EXPORTS = Guests.wat("exports");

  @Test
  void exportsAreFoundIgnoringCaseUnlessNamedExactly() {
    WasmFunction area = Guests.function(EXPORTS, "AREA", Signature.of(INTEGER, INTEGER, INTEGER));
    assertEquals("Area", area.exportName());
    assertEquals(12, area.call(3, 4));
    ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
        () -> WasmFunction.builder(EXPORTS).name("area").export("AREA")
            .signature(Signature.of(INTEGER, INTEGER, INTEGER)).build());
    assertTrue(e.getMessage().contains("no exported function 'AREA'"), e.getMessage());
    assertTrue(e.getMessage().contains("Area"), "lists what there is: " + e.getMessage());
  }

  @Test
  void anExactMatchWinsAndAnAmbiguousOneIsRefused() {
    Signature sig = Signature.of(INTEGER, INTEGER);
    assertEquals(6, Guests.function(EXPORTS, "twice", sig).call(2));
    assertEquals(4, Guests.function(EXPORTS, "Twice", sig).call(2));
    ModuleRejectedException e =
        assertThrows(ModuleRejectedException.class, () -> Guests.function(EXPORTS, "TWICE", sig));
    assertTrue(e.getMessage().contains("several"), e.getMessage());
    WasmFunction named =
        WasmFunction.builder(EXPORTS).name("double_it").export("Twice").signature(sig).build();
    assertEquals(10, named.call(5));
  }

  @Test
  void aSignatureThatDoesNotFitIs46007AndShowsBoth() {
    SignatureMismatchException e = assertThrows(SignatureMismatchException.class,
        () -> Guests.function(EXPORTS, "area", Signature.of(BIGINT, TEXT)));
    assertEquals("46007", e.sqlState());
    assertTrue(e.getMessage().contains("(TEXT) RETURNS BIGINT"), e.getMessage());
    assertTrue(e.getMessage().contains("(i32, i32) -> (i32)"), e.getMessage());
    assertTrue(e.getMessage().contains("needs (i32 pointer, i32 length) -> (i64)"),
        e.getMessage());
  }

  @Test
  void arityMismatchesAre46007() {
    assertThrows(SignatureMismatchException.class,
        () -> Guests.function(EXPORTS, "twice", Signature.of(INTEGER)));
    assertThrows(SignatureMismatchException.class,
        () -> Guests.function(EXPORTS, "twice", Signature.of(INTEGER, INTEGER, INTEGER)));
  }

  @Test
  void textNeedsMemoryAndAllocExports() {
    GuestModule noAlloc = GuestModule.fromWat(
        "(module (memory (export \"memory\") 1)\n"
            + "(func (export \"len\") (param i32 i32) (result i32) (local.get 1)))");
    ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
        () -> Guests.function(noAlloc, "len", Signature.of(INTEGER, TEXT)));
    assertEquals("46000", e.sqlState());
    assertTrue(e.getMessage().contains("alloc"), e.getMessage());

    GuestModule noMemory = GuestModule.fromWat(
        "(module (func (export \"len\") (param i32 i32) (result i32) (local.get 1)))");
    e = assertThrows(ModuleRejectedException.class,
        () -> Guests.function(noMemory, "len", Signature.of(INTEGER, TEXT)));
    assertTrue(e.getMessage().contains("'memory'"), e.getMessage());
  }

  @Test
  void aWronglyTypedAllocIsRefused() {
    GuestModule module = GuestModule.fromWat(
        "(module (memory (export \"memory\") 1)\n"
            + "(func (export \"alloc\") (param i64) (result i32) (i32.const 0))\n"
            + "(func (export \"len\") (param i32 i32) (result i32) (local.get 1)))");
    ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
        () -> Guests.function(module, "len", Signature.of(INTEGER, TEXT)));
    assertTrue(e.getMessage().contains("'alloc' export has type (i64) -> (i32)"), e.getMessage());
  }

  @Test
  void importsAreRefusedUnlessGrantedNamingTheImport() {
    ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
        () -> Guests.function(Guests.wat("ungranted"), "go", Signature.of(INTEGER, INTEGER)));
    assertEquals("46000", e.sqlState());
    assertTrue(e.getMessage().contains("env.launch_missiles"), e.getMessage());

    e = assertThrows(ModuleRejectedException.class,
        () -> Guests.function(Guests.wat("imports"), "hello", Signature.of(INTEGER, INTEGER)));
    assertTrue(e.getMessage().contains("wasi_snapshot_preview1.fd_write"), e.getMessage());
    assertTrue(e.getMessage().contains("request the import set WASI"), e.getMessage());
  }

  @Test
  void theWasiSubsetWorksWhenGranted() {
    GuestModule module = Guests.wat("imports");
    Signature sig = Signature.of(INTEGER, INTEGER);
    WasmFunction hello =
        WasmFunction.builder(module).name("hello").signature(sig).grant(ImportSet.WASI).build();
    assertEquals(21, hello.call(0), "fd_write reports every byte written");
    WasmFunction clock =
        WasmFunction.builder(module).name("clock_ok").signature(sig).grant(ImportSet.WASI).build();
    assertEquals(1, clock.call(0));
    WasmFunction quit =
        WasmFunction.builder(module).name("quit").signature(sig).grant(ImportSet.WASI).build();
    GuestTrapException e = assertThrows(GuestTrapException.class, () -> quit.call(3));
    assertTrue(e.getMessage().contains("proc_exit(3)"), e.getMessage());
  }

  @Test
  void assemblyScriptAbortIsATrapWithItsMessage() {
    WasmFunction fail = WasmFunction.builder(Guests.wat("abort")).name("fail")
        .signature(Signature.of(INTEGER, INTEGER)).grant(ImportSet.ASSEMBLYSCRIPT).build();
    GuestTrapException e = assertThrows(GuestTrapException.class, () -> fail.call(1));
    assertEquals("38000", e.sqlState());
    assertTrue(e.getMessage().contains("boom at a.ts!:3:7"), e.getMessage());
  }

  @Test
  void initializeRunsOncePerInstanceAndStartNever() {
    WasmFunction ready =
        Guests.function(Guests.wat("initialize"), "ready", Signature.of(INTEGER, INTEGER));
    assertEquals(42, ready.call(0));
    assertEquals(42, ready.call(0));
  }

  @Test
  void sqlTypeNamesAndAliases() {
    assertEquals(INTEGER, SqlType.fromSqlName("int"));
    assertEquals(TEXT, SqlType.fromSqlName("VARCHAR"));
    assertEquals(SqlType.DOUBLE, SqlType.fromSqlName("double  precision"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SqlType.fromSqlName("DATE"));
    assertTrue(e.getMessage().contains("DATE is not supported"), e.getMessage());
  }
}
