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

/** Unicode White_Space code points (all in the Basic Multilingual Plane). */
export function isWhiteSpace(c: u32): bool {
  return c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
    (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// ── Host API v1: the `calx` imports (docs/abi.md, "Host API v1"). ───────────────────────────────────
// Granted by need: raise and log to every routine, emit* to RETURNS TABLE routines, the SQL imports
// (prepare ... error) to READS / MODIFIES SQL DATA routines. asc compiles only what a module uses, so
// a module imports only the functions it calls. The wrappers below take and return strings and fail
// the call with the host's error when an import reports one (AssemblyScript has no exceptions to
// hand it to you); call `host.*` directly to handle a failure yourself: a negative result, then
// `lastError()`.

/** The raw imports, with the exact types of the host API. */
export namespace host {
  @external("calx", "prepare") export declare function prepare(sql: usize, len: i32): i32;
  @external("calx", "bind_null") export declare function bind_null(h: i32, idx: i32): i32;
  @external("calx", "bind_i32") export declare function bind_i32(h: i32, idx: i32, value: i32): i32;
  @external("calx", "bind_i64") export declare function bind_i64(h: i32, idx: i32, value: i64): i32;
  @external("calx", "bind_f64") export declare function bind_f64(h: i32, idx: i32, value: f64): i32;
  @external("calx", "bind_text") export declare function bind_text(h: i32, idx: i32, ptr: usize, len: i32): i32;
  @external("calx", "execute") export declare function execute(h: i32): i64;
  @external("calx", "next") export declare function next(h: i32): i32;
  @external("calx", "column_null") export declare function column_null(h: i32, col: i32): i32;
  @external("calx", "column_i32") export declare function column_i32(h: i32, col: i32): i32;
  @external("calx", "column_i64") export declare function column_i64(h: i32, col: i32): i64;
  @external("calx", "column_f64") export declare function column_f64(h: i32, col: i32): f64;
  @external("calx", "column_text") export declare function column_text(h: i32, col: i32, buf: usize, cap: i32): i32;
  @external("calx", "close") export declare function close(h: i32): i32;
  @external("calx", "error") export declare function error(buf: usize, cap: i32): i32;
  @external("calx", "raise") export declare function raise(state: usize, msg: usize, len: i32): void;
  @external("calx", "emit_null") export declare function emit_null(col: i32): void;
  @external("calx", "emit_i32") export declare function emit_i32(col: i32, value: i32): void;
  @external("calx", "emit_i64") export declare function emit_i64(col: i32, value: i64): void;
  @external("calx", "emit_f64") export declare function emit_f64(col: i32, value: f64): void;
  @external("calx", "emit_text") export declare function emit_text(col: i32, ptr: usize, len: i32): void;
  @external("calx", "emit_row") export declare function emit_row(): i32;
  @external("calx", "log") export declare function log(level: i32, ptr: usize, len: i32): void;
}

/** Fail the call with `state` (five characters, e.g. "45000") and `message`; never returns. */
export function raise(state: string, message: string): void {
  const s = String.UTF8.encode(state);
  const m = String.UTF8.encode(message);
  if (s.byteLength != 5) unreachable();
  host.raise(changetype<usize>(s), changetype<usize>(m), m.byteLength);
  unreachable(); // the host ends the call; should it return, trap
}

/** The host's last failure as "SQLSTATE: message". */
export function lastError(): string {
  const len = host.error(0, 0);
  if (len <= 0) return "";
  const buf = new ArrayBuffer(len);
  const n = host.error(changetype<usize>(buf), len);
  return String.UTF8.decodeUnsafe(changetype<usize>(buf), <usize>min(n, len));
}

/** Fail the call with the host's last failure: what a routine does with an SQL error it does not handle. */
export function raiseError(): void {
  const text = lastError();
  if (text.length >= 7 && text.charAt(5) == ":" && text.charAt(6) == " ") raise(text.substring(0, 5), text.substring(7));
  raise("45000", text);
}

/** `result` if it is not negative, else fail the call with the host's error. */
function check(result: i64): i64 {
  if (result < 0) raiseError();
  return result;
}

/** A statement prepared on the caller's connection; `?` marks its parameters. Methods fail the call on an SQL error. */
export class Statement {
  private constructor(readonly handle: i32) {}

  static prepare(sql: string): Statement {
    const utf8 = String.UTF8.encode(sql);
    return new Statement(<i32>check(host.prepare(changetype<usize>(utf8), utf8.byteLength)));
  }
  /** Binds parameter `idx` (from 1) to NULL. */
  bindNull(idx: i32): Statement {
    check(host.bind_null(this.handle, idx));
    return this;
  }
  bindI32(idx: i32, value: i32): Statement {
    check(host.bind_i32(this.handle, idx, value));
    return this;
  }
  bindI64(idx: i32, value: i64): Statement {
    check(host.bind_i64(this.handle, idx, value));
    return this;
  }
  bindF64(idx: i32, value: f64): Statement {
    check(host.bind_f64(this.handle, idx, value));
    return this;
  }
  bindText(idx: i32, value: string): Statement {
    return this.bindBytes(idx, String.UTF8.encode(value));
  }
  /** Binds VARBINARY bytes. */
  bindBytes(idx: i32, value: ArrayBuffer): Statement {
    check(host.bind_text(this.handle, idx, changetype<usize>(value), value.byteLength));
    return this;
  }
  /** Runs it: the number of rows changed by a write, 0 for a query (then call `next`). */
  execute(): i64 {
    return check(host.execute(this.handle));
  }
  /** Moves to the next row of a query's result; false once there are no more. */
  next(): bool {
    return check(host.next(this.handle)) == 1;
  }
  /** Whether column `col` (from 1) of the current row is NULL. */
  isNull(col: i32): bool {
    return check(host.column_null(this.handle, col)) == 1;
  }
  columnI32(col: i32): i32 {
    return host.column_i32(this.handle, col);
  }
  columnI64(col: i32): i64 {
    return host.column_i64(this.handle, col);
  }
  columnF64(col: i32): f64 {
    return host.column_f64(this.handle, col);
  }
  /** The TEXT value of a column; null for NULL. */
  columnText(col: i32): string | null {
    if (this.isNull(col)) return null;
    const len = <i32>check(host.column_text(this.handle, col, 0, 0));
    const buf = new ArrayBuffer(len);
    const n = <i32>check(host.column_text(this.handle, col, changetype<usize>(buf), len));
    return String.UTF8.decodeUnsafe(changetype<usize>(buf), <usize>min(n, len));
  }
  /** Releases the statement (the host releases any left open when the call ends). */
  close(): void {
    host.close(this.handle);
  }
}

/** Levels of `log`. */
export enum Level { Debug = 0, Info = 1, Warn = 2, Error = 3 }

/** A line in the server log, tagged with the routine by the host. */
export function log(level: Level, message: string): void {
  const utf8 = String.UTF8.encode(message);
  host.log(level, changetype<usize>(utf8), utf8.byteLength);
}

/** Sets column `col` (from 1) of the row a RETURNS TABLE routine is building to NULL. */
export function emitNull(col: i32): void {
  host.emit_null(col);
}
export function emitI32(col: i32, value: i32): void {
  host.emit_i32(col, value);
}
export function emitI64(col: i32, value: i64): void {
  host.emit_i64(col, value);
}
export function emitF64(col: i32, value: f64): void {
  host.emit_f64(col, value);
}
export function emitText(col: i32, value: string): void {
  const utf8 = String.UTF8.encode(value);
  host.emit_text(col, changetype<usize>(utf8), utf8.byteLength);
}
/** Appends the row built so far to the result; false once the call's row cap is reached (stop then). */
export function emitRow(): bool {
  return host.emit_row() >= 0;
}
