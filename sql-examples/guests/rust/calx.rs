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
//! - the `#[panic_handler]`: a panic traps (`unreachable`), which the host reports as SQLSTATE 38000.
//!
//! Export your functions with `#[no_mangle] pub extern "C" fn name(..)` or, under another name,
//! `#[export_name = "sql_name"] pub extern "C" fn ..`. TEXT parameters are `(ptr: *const u8, len: usize)`.
//! Modules built this way import nothing and export `memory`, `alloc`, `dealloc`, your functions, and
//! two globals rustc always adds, `__heap_base` and `__data_end` (harmless: Calx ignores them).
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

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    wasm32::unreachable()
}
