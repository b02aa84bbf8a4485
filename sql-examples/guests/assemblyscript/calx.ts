// calx.ts — helper for writing Calx SQL functions in AssemblyScript (guest ABI version 1, SPEC §3).
//
// Build (see build.sh; the version is pinned in package.json / package-lock.json):
//   npm ci
//   npx asc examples.ts -O3 --runtime incremental --use abort=calx/calxAbort \
//       --outFile ../../src/main/resources/modules/as_examples.wasm
//
// In your entry file:   export { alloc, dealloc } from "./calx";
// then export functions with plain `export function name(...)`. TEXT parameters are
// `(ptr: usize, len: i32)`; a TEXT result is `u64` (packed `(ptr << 32) | len`, see textResult).
//
// ── Imports: none. ────────────────────────────────────────────────────────────────────────────────
// By default asc imports `env.abort` for failed assertions, out-of-bounds array accesses, allocation
// failures, etc. Calx grants `env.abort` only on request, so this module is built with
// `--use abort=calx/calxAbort`, which routes every such abort to `calxAbort` below: it executes
// `unreachable`, i.e. a trap the host reports as SQLSTATE 38000 and after which it discards the
// instance. The message is lost (no import to pass it through); in exchange the module needs no grant.
// Also avoid `Math.random` (imports `env.seed`) and `trace` (imports `env.trace`).
//
// ── Why alloc/dealloc are safe with AssemblyScript's garbage collector. ─────────────────────────
// The module uses the default incremental (ITCMS) runtime, whose GC frees every object it cannot reach
// from globals or from the shadow stack of the function currently running. A buffer the host holds
// between calls is referenced by neither, so:
//   - `alloc` creates an ArrayBuffer with `__new` and PINS it (`__pin` moves it to the pin space, which
//     the collector treats as a root and never frees or moves — AS never moves objects anyway). An
//     allocation made by a later `alloc` or inside the call may run a GC step at any moment; the
//     argument survives it because it is pinned.
//   - `dealloc` UNPINS it (`__unpin`); the collector frees it in a later cycle. `len` is not needed.
//   - `textResult` / `bytesResult` allocate the result and pin it before returning, so it survives
//     until the host has copied it out and called `dealloc` on it.
// Nothing else is pinned, so memory stays bounded over millions of calls (checked by verify.mjs).
// Why not `--runtime stub`: its `__free` only reclaims the most recent allocation, so the host's
// "free the arguments, then the result" order would leak on every call.
// `dealloc` of a pointer that was not returned by `alloc` / a result helper (or freed twice) aborts,
// i.e. traps: the host is then breaking the ABI.

/** The `abort` used instead of the `env.abort` import (selected with `--use abort=calx/calxAbort`). */
export function calxAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  unreachable();
}

/** ABI export: the host allocates every TEXT / VARBINARY argument with it. */
export function alloc(len: i32): usize {
  if (len < 0) unreachable(); // a length above 2 GiB is a host bug
  return __pin(__new(<usize>len, idof<ArrayBuffer>()));
}

/** ABI export: the host frees argument and result buffers with it after each call. */
export function dealloc(ptr: usize, len: i32): void {
  __unpin(ptr);
}

/** Decode a TEXT argument (UTF-8 at ptr, len bytes) into a string. */
export function textArg(ptr: usize, len: i32): string {
  return String.UTF8.decodeUnsafe(ptr, <usize>len);
}

/** Copy a VARBINARY argument into a fresh ArrayBuffer. */
export function bytesArg(ptr: usize, len: i32): ArrayBuffer {
  const buf = new ArrayBuffer(len);
  memory.copy(changetype<usize>(buf), ptr, <usize>len);
  return buf;
}

/** Pack a pinned buffer as the i64 result `(ptr << 32) | len`. */
function pack(ptr: usize, len: i32): u64 {
  return (<u64>ptr << 32) | <u64><u32>len;
}

/** Return a string as TEXT: encodes it as UTF-8 into a fresh, pinned buffer the host frees. */
export function textResult(s: string): u64 {
  const utf8 = String.UTF8.encode(s, false);
  const ptr = __pin(changetype<usize>(utf8));
  return pack(ptr, utf8.byteLength);
}

/** Return bytes as VARBINARY: copies them into a fresh, pinned buffer the host frees. */
export function bytesResult(bytes: ArrayBuffer): u64 {
  const copy = bytes.slice(0);
  const ptr = __pin(changetype<usize>(copy));
  return pack(ptr, copy.byteLength);
}
