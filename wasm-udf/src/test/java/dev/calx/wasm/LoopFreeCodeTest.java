package dev.calx.wasm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.WasmModule;
import org.junit.jupiter.api.Test;

class LoopFreeCodeTest {
  private static WasmModule module(String wat) {
    return GuestModule.fromWat(wat).wasmModule();
  }

  @Test
  void straightLineCodeAndAcyclicCallsAreLoopFree() {
    WasmModule m = module("(module\n"
        + "(func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))\n"
        + "(func (export \"f\") (param i32) (result i32)\n"
        + "  (if (result i32) (local.get 0) (then (call $sq (local.get 0))) (else (i32.const 1)))))");
    assertTrue(LoopFreeCode.all(m, "f"));
  }

  @Test
  void loopsRecursionAndIndirectCallsAreNot() {
    assertFalse(LoopFreeCode.all(Guests.wat("limits").wasmModule(), "spin"));
    assertFalse(LoopFreeCode.all(Guests.wat("limits").wasmModule(), "deep"), "recursion");
    assertTrue(LoopFreeCode.all(Guests.wat("limits").wasmModule(), "divide"));
    WasmModule m = module("(module (type $t (func (result i32)))\n"
        + "(table 1 funcref) (func $one (result i32) (i32.const 1)) (elem (i32.const 0) $one)\n"
        + "(func $a (result i32) (call $b)) (func $b (result i32) (call $a))\n"
        + "(func (export \"mutual\") (result i32) (call $a))\n"
        + "(func (export \"indirect\") (result i32) (call_indirect (type $t) (i32.const 0))))");
    assertFalse(LoopFreeCode.all(m, "mutual"));
    assertFalse(LoopFreeCode.all(m, "indirect"));
  }

  @Test
  void aTextFunctionCountsItsAllocatorToo() {
    WasmModule text = Guests.wasm("text").wasmModule();
    assertTrue(LoopFreeCode.all(text, "echo"));
    assertFalse(LoopFreeCode.all(text, "echo", "alloc", "upper"));
  }
}
