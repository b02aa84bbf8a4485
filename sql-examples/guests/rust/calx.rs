//! calx.rs — helper module for writing Calx SQL functions in `#![no_std]` Rust (guest ABI version 1,
//! SPEC §3). Put this file beside your crate root, declare `mod calx;`, and build with Debian's rustc
//! (the rustup one first on PATH has no wasm32 target):
//!
//! ```sh
//! /usr/bin/rustc --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -O \
//!     -C strip=debuginfo -C link-arg=-zstack-size=65536 -o mymodule.wasm mymodule.rs
//! ```
//!
//! What `mod calx;` gives you:
//! - the exports `alloc(len i32) -> i32` and `dealloc(ptr i32, len i32)` the host uses for TEXT /
//!   VARBINARY arguments and to free argument and result buffers after each call;
//! - `text_arg` / `bytes_arg` to view arguments, `text_result` / `bytes_result` / `Buf::into_result`
//!   to return TEXT / VARBINARY as the packed i64 `(ptr << 32) | len` (a Rust `u64`);
//! - `Buf`, a growable byte buffer on the same heap (no `alloc` crate needed);
//! - `math::{sin, cos, asin, atan2, sqrt}` (no_std has no float math);
//! - the `#[panic_handler]`: a panic traps (`unreachable`), which the host reports as SQLSTATE 38000;
//! - the host API v1 (docs/abi.md, "Host API v1"): `sql::Statement` (prepare, bind, execute, next,
//!   column getters; closed when dropped) with `sql::SqlError`, `raise`, `log`, `emit_*` / `emit_row`,
//!   and the raw `calx` imports in `host`, for routines that run SQL, emit rows or raise errors.
//!
//! Export your functions with `#[no_mangle] pub extern "C" fn name(..)` or, under another name,
//! `#[export_name = "sql_name"] pub extern "C" fn ..`. TEXT parameters are `(ptr: *const u8, len: usize)`.
//! Modules built this way export `memory`, `alloc`, `dealloc`, your functions, and two globals rustc
//! always adds, `__heap_base` and `__data_end` (harmless: Calx ignores them). They import only the
//! `calx` functions they call: none, unless they use the host API.
//!
//! Allocator: the same design as calx.h — power-of-two size classes (16 B .. 2 GiB) with one free list
//! each, carved from a bump pointer that starts at `__heap_base` and grows memory with `memory.grow`;
//! an 8-byte header (magic, size class) before every block. `dealloc` therefore ignores `len`, and
//! ignores null, foreign and already-freed pointers; a freed block is reused by the next allocation of
//! its class, so "alloc args, call, dealloc args + result" repeated millions of times runs in constant
//! memory. An instance is single-threaded (SPEC §3), hence no locks.
//!
//! `alloc::` collections: Debian's rustc 1.63 requires `#[alloc_error_handler]`, which is unstable
//! before Rust 1.68 ("error: `#[alloc_error_handler]` function required, but not found"), so the
//! examples use `Buf` instead. With rustc >= 1.68 you can add
//! `#[global_allocator] static A: calx::CalxAlloc = calx::CalxAlloc;` and `extern crate alloc;`.
#![allow(dead_code)]

use core::arch::wasm32;

const PAGE: usize = 65536;
const HEADER: usize = 8;
const MIN_CLASS: u32 = 4; // 16-byte blocks: 8 header + 8 payload
const MAX_CLASS: u32 = 31; // 2 GiB
const MAGIC_USED: u32 = 0x4341_4C58; // "CALX"
const MAGIC_FREE: u32 = 0x4652_4545; // "FREE"

extern "C" {
    static __heap_base: u8; // defined by the linker: first byte after stack and data
}

struct Heap {
    start: usize,
    top: usize,
    free: [usize; MAX_CLASS as usize + 1],
}

static mut HEAP: Heap = Heap { start: 0, top: 0, free: [0; MAX_CLASS as usize + 1] };

fn class_for(payload: usize) -> u32 {
    let need = payload as u64 + HEADER as u64;
    let mut k = MIN_CLASS;
    while (1u64 << k) < need {
        k += 1;
    }
    k
}

/// Allocate `len` bytes, 8-byte aligned; null when memory cannot grow. `alloc_bytes(0)` is a valid,
/// unique pointer.
pub fn alloc_bytes(len: usize) -> *mut u8 {
    if len as u64 > (1u64 << MAX_CLASS) - HEADER as u64 {
        return core::ptr::null_mut();
    }
    unsafe {
        let heap = &mut *core::ptr::addr_of_mut!(HEAP);
        if heap.start == 0 {
            heap.start = (&__heap_base as *const u8 as usize + 7) & !7;
            heap.top = heap.start;
        }
        let k = class_for(len);
        let block = heap.free[k as usize];
        let h = if block != 0 {
            heap.free[k as usize] = *((block + HEADER) as *const usize);
            block
        } else {
            let size = 1u64 << k;
            let end = heap.top as u64 + size;
            let have = (wasm32::memory_size(0) * PAGE) as u64;
            if end > have {
                let pages = (end - have + PAGE as u64 - 1) / PAGE as u64;
                if end > (1u64 << 32) || wasm32::memory_grow(0, pages as usize) == usize::MAX {
                    return core::ptr::null_mut();
                }
            }
            let b = heap.top;
            heap.top = end as usize;
            b
        };
        *(h as *mut u32) = MAGIC_USED;
        *((h + 4) as *mut u32) = k;
        (h + HEADER) as *mut u8
    }
}

/// Free a block from `alloc_bytes`. Null, foreign pointers and double frees are ignored.
pub fn free_bytes(ptr: *mut u8) {
    unsafe {
        let heap = &mut *core::ptr::addr_of_mut!(HEAP);
        let p = ptr as usize;
        if p < heap.start + HEADER || p >= heap.top || p & 7 != 0 {
            return;
        }
        let h = p - HEADER;
        let k = *((h + 4) as *const u32);
        if *(h as *const u32) != MAGIC_USED || k < MIN_CLASS || k > MAX_CLASS {
            return;
        }
        *(h as *mut u32) = MAGIC_FREE;
        *(p as *mut usize) = heap.free[k as usize];
        heap.free[k as usize] = h;
    }
}

/// Usable bytes of a block from `alloc_bytes`.
pub fn capacity(ptr: *const u8) -> usize {
    unsafe { (1usize << *((ptr as usize - 4) as *const u32)) - HEADER }
}

/// The ABI export the host calls to place each TEXT / VARBINARY argument. Traps when out of memory
/// (or for a negative length, which would be a host bug).
#[no_mangle]
pub extern "C" fn alloc(len: i32) -> *mut u8 {
    let p = if len < 0 { core::ptr::null_mut() } else { alloc_bytes(len as usize) };
    if p.is_null() {
        wasm32::unreachable();
    }
    p
}

fn alloc_or_trap(len: usize) -> *mut u8 {
    let p = alloc_bytes(len);
    if p.is_null() {
        wasm32::unreachable();
    }
    p
}

/// The ABI export the host calls to free argument and result buffers. `len` is not needed.
#[no_mangle]
pub extern "C" fn dealloc(ptr: *mut u8, _len: i32) {
    free_bytes(ptr)
}

/// A `GlobalAlloc` over the same heap, for rustc >= 1.68 (see the module comment).
pub struct CalxAlloc;

unsafe impl core::alloc::GlobalAlloc for CalxAlloc {
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        if layout.align() > 8 {
            // Blocks are 8-aligned and the header must sit right before the pointer: refuse more.
            return core::ptr::null_mut();
        }
        alloc_bytes(layout.size())
    }
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: core::alloc::Layout) {
        free_bytes(ptr)
    }
}

/// Pack a result buffer: `(ptr << 32) | len`, the i64 TEXT / VARBINARY result.
pub fn pack(ptr: *const u8, len: usize) -> u64 {
    ((ptr as usize as u64) << 32) | len as u64
}

/// View a TEXT argument. Traps on invalid UTF-8 (the host always sends valid UTF-8).
///
/// # Safety
/// `ptr..ptr+len` must be the argument buffer the host passed to this call.
pub unsafe fn text_arg<'a>(ptr: *const u8, len: usize) -> &'a str {
    match core::str::from_utf8(bytes_arg(ptr, len)) {
        Ok(s) => s,
        Err(_) => wasm32::unreachable(),
    }
}

/// View a VARBINARY argument.
///
/// # Safety
/// `ptr..ptr+len` must be the argument buffer the host passed to this call.
pub unsafe fn bytes_arg<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        core::slice::from_raw_parts(ptr, len)
    }
}

/// Copy bytes into a fresh buffer the host frees after the call, and return it packed.
pub fn bytes_result(b: &[u8]) -> u64 {
    let p = alloc_or_trap(b.len());
    unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), p, b.len()) };
    pack(p, b.len())
}

/// Copy a string into a fresh buffer the host frees after the call, and return it packed.
pub fn text_result(s: &str) -> u64 {
    bytes_result(s.as_bytes())
}

/// A growable byte buffer on the Calx heap; `into_result` hands it to the host without copying.
pub struct Buf {
    ptr: *mut u8,
    len: usize,
}

impl Buf {
    pub fn with_capacity(cap: usize) -> Buf {
        Buf { ptr: alloc_or_trap(cap), len: 0 }
    }
    pub fn new() -> Buf {
        Buf::with_capacity(0)
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn as_bytes(&self) -> &[u8] {
        unsafe { core::slice::from_raw_parts(self.ptr, self.len) }
    }
    fn reserve(&mut self, extra: usize) {
        let cap = capacity(self.ptr);
        if self.len + extra <= cap {
            return;
        }
        let want = core::cmp::max(self.len + extra, cap * 2);
        let q = alloc_or_trap(want);
        unsafe { core::ptr::copy_nonoverlapping(self.ptr, q, self.len) };
        free_bytes(self.ptr);
        self.ptr = q;
    }
    pub fn push(&mut self, b: u8) {
        self.reserve(1);
        unsafe { *self.ptr.add(self.len) = b };
        self.len += 1;
    }
    pub fn push_bytes(&mut self, b: &[u8]) {
        self.reserve(b.len());
        unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), self.ptr.add(self.len), b.len()) };
        self.len += b.len();
    }
    pub fn push_str(&mut self, s: &str) {
        self.push_bytes(s.as_bytes())
    }
    pub fn push_char(&mut self, c: char) {
        let mut tmp = [0u8; 4];
        self.push_str(c.encode_utf8(&mut tmp));
    }
    pub fn truncate(&mut self, len: usize) {
        if len < self.len {
            self.len = len;
        }
    }
    /// The bytes as text; traps if they are not UTF-8 (text from the host always is).
    pub fn as_str(&self) -> &str {
        match core::str::from_utf8(self.as_bytes()) {
            Ok(s) => s,
            Err(_) => wasm32::unreachable(),
        }
    }
    /// The whole capacity as a writable slice, for the host to fill (then set `len`).
    fn spare(&mut self) -> &mut [u8] {
        unsafe { core::slice::from_raw_parts_mut(self.ptr, capacity(self.ptr)) }
    }
    /// Hand the buffer to the host as a TEXT / VARBINARY result (the host frees it).
    pub fn into_result(self) -> u64 {
        let r = pack(self.ptr, self.len);
        core::mem::forget(self);
        r
    }
}

impl Drop for Buf {
    fn drop(&mut self) {
        free_bytes(self.ptr)
    }
}

/// Float math for no_std. sin/cos/asin/atan2 come from compiler_builtins (musl's libm, linked into
/// every wasm32 Rust module); compiler_builtins does not provide `sqrt` on wasm32 (LLVM lowers it to
/// `f64.sqrt`, but the stable intrinsic is std-only in 1.63), so `sqrt` is computed here.
/// verify.mjs checks that no module imports anything: an unresolved symbol would show up there as an
/// `env` import.
pub mod math {
    extern "C" {
        #[link_name = "sin"]
        fn c_sin(x: f64) -> f64;
        #[link_name = "cos"]
        fn c_cos(x: f64) -> f64;
        #[link_name = "asin"]
        fn c_asin(x: f64) -> f64;
        #[link_name = "atan2"]
        fn c_atan2(y: f64, x: f64) -> f64;
    }
    pub fn sin(x: f64) -> f64 {
        unsafe { c_sin(x) }
    }
    pub fn cos(x: f64) -> f64 {
        unsafe { c_cos(x) }
    }
    pub fn asin(x: f64) -> f64 {
        unsafe { c_asin(x) }
    }
    pub fn atan2(y: f64, x: f64) -> f64 {
        unsafe { c_atan2(y, x) }
    }
    /// Square root: Newton's iteration from a bit-level estimate, then a final rounding correction.
    pub fn sqrt(x: f64) -> f64 {
        if x.is_nan() || x < 0.0 {
            return f64::NAN;
        }
        if x == 0.0 || x == f64::INFINITY {
            return x;
        }
        // Scale subnormals up so the bit estimate works; sqrt(x * 2^104) = sqrt(x) * 2^52.
        let (x, scale) = if x < f64::MIN_POSITIVE { (x * 2f64.powi_(104), 2f64.powi_(-52)) } else { (x, 1.0) };
        let mut y = f64::from_bits((x.to_bits() >> 1) + 0x1FF8_0000_0000_0000);
        for _ in 0..6 {
            y = 0.5 * (y + x / y);
        }
        // y is within an ulp; pick the neighbour whose square is closest to x.
        let down = f64::from_bits(y.to_bits() - 1);
        let up = f64::from_bits(y.to_bits() + 1);
        let err = |v: f64| (v * v - x).abs_();
        let mut best = y;
        if err(down) < err(best) {
            best = down;
        }
        if err(up) < err(best) {
            best = up;
        }
        best * scale
    }

    trait F64Ext {
        fn powi_(self, n: i32) -> f64;
        fn abs_(self) -> f64;
    }
    impl F64Ext for f64 {
        fn powi_(self, n: i32) -> f64 {
            let (mut b, mut e, mut r) = (if n < 0 { 1.0 / self } else { self }, n.unsigned_abs(), 1.0);
            while e > 0 {
                if e & 1 == 1 {
                    r *= b;
                }
                b *= b;
                e >>= 1;
            }
            r
        }
        fn abs_(self) -> f64 {
            f64::from_bits(self.to_bits() & !(1u64 << 63))
        }
    }
}

/// The `calx` import module (docs/abi.md, "Host API v1"). Granted by need: `raise` and `log` to every
/// routine, `emit_*` to RETURNS TABLE routines, the SQL imports (`prepare` ... `error`) to READS /
/// MODIFIES SQL DATA routines. A module imports only what it calls. Prefer the safe wrappers below:
/// `sql::Statement`, `raise`, `log`, `emit_*`.
pub mod host {
    #[link(wasm_import_module = "calx")]
    extern "C" {
        pub fn prepare(sql: *const u8, len: usize) -> i32;
        pub fn bind_null(h: i32, idx: i32) -> i32;
        pub fn bind_i32(h: i32, idx: i32, value: i32) -> i32;
        pub fn bind_i64(h: i32, idx: i32, value: i64) -> i32;
        pub fn bind_f64(h: i32, idx: i32, value: f64) -> i32;
        pub fn bind_text(h: i32, idx: i32, ptr: *const u8, len: usize) -> i32;
        pub fn execute(h: i32) -> i64;
        pub fn next(h: i32) -> i32;
        pub fn column_null(h: i32, col: i32) -> i32;
        pub fn column_i32(h: i32, col: i32) -> i32;
        pub fn column_i64(h: i32, col: i32) -> i64;
        pub fn column_f64(h: i32, col: i32) -> f64;
        pub fn column_text(h: i32, col: i32, buf: *mut u8, cap: usize) -> i32;
        pub fn close(h: i32) -> i32;
        pub fn error(buf: *mut u8, cap: usize) -> i32;
        pub fn raise(state: *const u8, msg: *const u8, len: usize);
        pub fn emit_null(col: i32);
        pub fn emit_i32(col: i32, value: i32);
        pub fn emit_i64(col: i32, value: i64);
        pub fn emit_f64(col: i32, value: f64);
        pub fn emit_text(col: i32, ptr: *const u8, len: usize);
        pub fn emit_row() -> i32;
        pub fn log(level: i32, ptr: *const u8, len: usize);
    }
}

/// Fail the call with `state` (five characters, e.g. "45000") and `message`. The host ends the call
/// and undoes what its SQL wrote; this never returns.
pub fn raise(state: &str, message: &str) -> ! {
    if state.len() != 5 {
        wasm32::unreachable();
    }
    unsafe { host::raise(state.as_ptr(), message.as_ptr(), message.len()) };
    wasm32::unreachable()
}

/// Levels of `log`.
#[derive(Clone, Copy)]
pub enum Level {
    Debug = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
}

/// A line in the server log, tagged with the routine by the host.
pub fn log(level: Level, message: &str) {
    unsafe { host::log(level as i32, message.as_ptr(), message.len()) }
}

/// Set column `col` (from 1) of the row a RETURNS TABLE routine is building to NULL.
pub fn emit_null(col: i32) {
    unsafe { host::emit_null(col) }
}
/// Set column `col` of the row being built.
pub fn emit_i32(col: i32, value: i32) {
    unsafe { host::emit_i32(col, value) }
}
/// Set column `col` of the row being built.
pub fn emit_i64(col: i32, value: i64) {
    unsafe { host::emit_i64(col, value) }
}
/// Set column `col` of the row being built.
pub fn emit_f64(col: i32, value: f64) {
    unsafe { host::emit_f64(col, value) }
}
/// Set TEXT column `col` of the row being built.
pub fn emit_text(col: i32, value: &str) {
    unsafe { host::emit_text(col, value.as_ptr(), value.len()) }
}
/// Append the row built so far to the result; false once the call's row cap is reached (stop then).
pub fn emit_row() -> bool {
    unsafe { host::emit_row() >= 0 }
}

/// Running SQL from a READS / MODIFIES SQL DATA routine, on the caller's connection and transaction.
pub mod sql {
    use super::{capacity, host, Buf};

    /// A failure the host reported, read from `calx.error` when it happened: `SQLSTATE: message`.
    pub struct SqlError {
        text: Buf,
    }

    impl SqlError {
        fn last() -> SqlError {
            let mut text = Buf::with_capacity(256);
            let mut len = unsafe { host::error(text.ptr, capacity(text.ptr)) };
            if len > 0 && len as usize > capacity(text.ptr) {
                text = Buf::with_capacity(len as usize);
                len = unsafe { host::error(text.ptr, capacity(text.ptr)) };
            }
            text.len = if len < 0 { 0 } else { core::cmp::min(len as usize, capacity(text.ptr)) };
            SqlError { text }
        }
        fn has_state(&self) -> bool {
            let b = self.text.as_bytes();
            b.len() >= 7 && &b[5..7] == b": "
        }
        /// The SQLSTATE, e.g. "23505"; "45000" if the host gave none.
        pub fn state(&self) -> &str {
            if self.has_state() { &self.text.as_str()[..5] } else { "45000" }
        }
        /// The message without the SQLSTATE.
        pub fn message(&self) -> &str {
            if self.has_state() { &self.text.as_str()[7..] } else { self.text.as_str() }
        }
        /// Fail the call with this error: what a routine does with an SQL error it does not handle.
        pub fn raise(self) -> ! {
            super::raise(self.state(), self.message())
        }
    }

    fn check(result: i64) -> Result<i64, SqlError> {
        if result < 0 {
            Err(SqlError::last())
        } else {
            Ok(result)
        }
    }

    /// A prepared statement; `?` marks its parameters. Closed when dropped (and by the host when the
    /// call ends, however it ends).
    pub struct Statement {
        handle: i32,
    }

    impl Statement {
        pub fn prepare(sql: &str) -> Result<Statement, SqlError> {
            let handle = check(unsafe { host::prepare(sql.as_ptr(), sql.len()) } as i64)?;
            Ok(Statement { handle: handle as i32 })
        }
        /// Bind parameter `idx` (from 1) to NULL.
        pub fn bind_null(&self, idx: i32) -> Result<(), SqlError> {
            check(unsafe { host::bind_null(self.handle, idx) } as i64).map(|_| ())
        }
        pub fn bind_i32(&self, idx: i32, value: i32) -> Result<(), SqlError> {
            check(unsafe { host::bind_i32(self.handle, idx, value) } as i64).map(|_| ())
        }
        pub fn bind_i64(&self, idx: i32, value: i64) -> Result<(), SqlError> {
            check(unsafe { host::bind_i64(self.handle, idx, value) } as i64).map(|_| ())
        }
        pub fn bind_f64(&self, idx: i32, value: f64) -> Result<(), SqlError> {
            check(unsafe { host::bind_f64(self.handle, idx, value) } as i64).map(|_| ())
        }
        pub fn bind_text(&self, idx: i32, value: &str) -> Result<(), SqlError> {
            self.bind_bytes(idx, value.as_bytes())
        }
        /// Bind VARBINARY bytes.
        pub fn bind_bytes(&self, idx: i32, value: &[u8]) -> Result<(), SqlError> {
            let r = unsafe { host::bind_text(self.handle, idx, value.as_ptr(), value.len()) };
            check(r as i64).map(|_| ())
        }
        /// Run it: the number of rows changed by a write, 0 for a query (then call `next`).
        pub fn execute(&self) -> Result<i64, SqlError> {
            check(unsafe { host::execute(self.handle) })
        }
        /// Move to the next row of a query's result; false once there are no more.
        pub fn next(&self) -> Result<bool, SqlError> {
            check(unsafe { host::next(self.handle) } as i64).map(|r| r == 1)
        }
        /// Whether column `col` (from 1) of the current row is NULL.
        pub fn is_null(&self, col: i32) -> Result<bool, SqlError> {
            check(unsafe { host::column_null(self.handle, col) } as i64).map(|r| r == 1)
        }
        pub fn column_i32(&self, col: i32) -> i32 {
            unsafe { host::column_i32(self.handle, col) }
        }
        pub fn column_i64(&self, col: i32) -> i64 {
            unsafe { host::column_i64(self.handle, col) }
        }
        pub fn column_f64(&self, col: i32) -> f64 {
            unsafe { host::column_f64(self.handle, col) }
        }
        /// Copy at most `buf.len()` bytes of a TEXT / VARBINARY column into `buf`; the value's length.
        pub fn column_text(&self, col: i32, buf: &mut [u8]) -> Result<usize, SqlError> {
            let len = unsafe { host::column_text(self.handle, col, buf.as_mut_ptr(), buf.len()) };
            check(len as i64).map(|n| n as usize)
        }
        /// The whole TEXT value of a column as an owned buffer (`as_str()` reads it); None for NULL.
        pub fn column_string(&self, col: i32) -> Result<Option<Buf>, SqlError> {
            if self.is_null(col)? {
                return Ok(None);
            }
            let mut buf = Buf::with_capacity(64);
            let mut len = self.column_text(col, buf.spare())?;
            if len > capacity(buf.ptr) {
                buf = Buf::with_capacity(len);
                len = self.column_text(col, buf.spare())?;
            }
            buf.len = core::cmp::min(len, capacity(buf.ptr));
            Ok(Some(buf))
        }
    }

    impl Drop for Statement {
        fn drop(&mut self) {
            unsafe { host::close(self.handle) };
        }
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    wasm32::unreachable()
}
