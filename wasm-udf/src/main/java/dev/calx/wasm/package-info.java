/**
 * The Calx WebAssembly runtime: loads guest modules, checks them against SQL-typed signatures,
 * compiles them to JVM bytecode with Chicory's compiler, and calls them under time and memory limits,
 * with the memory of all instances together held to a {@link dev.calx.wasm.GuestMemoryBudget}.
 *
 * <p>The entry points are {@link dev.calx.wasm.GuestModule} (bytes, base64 or WAT in, a validated
 * module out) and {@link dev.calx.wasm.WasmFunction} (one export bound to one {@link
 * dev.calx.wasm.Signature}, callable from any thread). Every failure is a {@link
 * dev.calx.wasm.WasmUdfException} that carries the SQLSTATE of the product specification.
 * Routines reach the database through the host API of the import module {@code calx}
 * (docs/abi.md), which runs SQL through a {@link dev.calx.wasm.RoutineHost} that the caller
 * provides. This package knows nothing of Calcite or JDBC.
 */
package dev.calx.wasm;
