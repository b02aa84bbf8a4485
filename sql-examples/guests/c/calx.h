/*
 * calx.h — single-header helper for writing Calx SQL functions in C (guest ABI version 1, SPEC §3).
 *
 * Build (clang + lld from Debian, no libc, no WASI):
 *   clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--stack-first -Wl,-z,stack-size=65536 \
 *         -o mymodule.wasm mymodule.c
 *
 * What including this header gives you:
 *   - the exports `alloc(len i32) -> i32` and `dealloc(ptr i32, len i32)` the host uses to pass TEXT /
 *     VARBINARY arguments and to free argument and result buffers after each call;
 *   - calx_alloc / calx_free / calx_realloc for your own buffers (same heap);
 *   - calx_text_result / calx_cstr_result / calx_bytes_result / calx_take_result to return TEXT or
 *     VARBINARY as the packed i64 (ptr << 32) | len;
 *   - calx_utf8_next to walk UTF-8 by code point;
 *   - CALX_EXPORT(name) to export a function under a SQL-visible name;
 *   - memcpy / memmove / memset / memcmp, which clang may call implicitly even with -nostdlib;
 *   - the host API v1 (docs/abi.md, "Host API v1"): the `calx` imports calx_prepare ... calx_log and
 *     small wrappers over them (calx_check, calx_prepare_cstr, calx_raise, calx_raise_error, ...), for
 *     routines that run SQL, emit rows, raise their own errors or log.
 *
 * Include it from exactly ONE .c file per module (it defines functions, not just declarations).
 * The module then exports `memory` (wasm-ld exports it by default), `alloc`, `dealloc` and whatever
 * you marked with CALX_EXPORT, and imports only the `calx` functions it calls (none, unless it uses
 * the host API).
 *
 * Allocator: segregated free lists of power-of-two blocks (16 B .. 2 GiB) carved from a bump pointer that
 * starts at __heap_base and grows linear memory with memory.grow. Every block carries an 8-byte header
 * (magic + size class), so:
 *   - dealloc ignores its `len` argument: a result returned with a length shorter than its buffer
 *     (e.g. from calx_take_result) is still freed whole;
 *   - dealloc of 0, of a pointer the allocator does not own (e.g. a static string), or of an already
 *     freed block is a no-op instead of heap corruption;
 *   - a freed block is reused by the next allocation of the same size class, so the host's pattern
 *     "alloc args, call, dealloc args + result" runs millions of times at constant memory. Memory is
 *     bounded by the peak number of simultaneously live blocks per size class (at most 2x the bytes).
 * When memory cannot grow, calx_alloc returns NULL and the exported `alloc` traps (SQLSTATE 38000 on the
 * host) instead of handing the host a bogus pointer.
 * A module instance is single-threaded (SPEC §3), so the allocator has no locks.
 */
#ifndef CALX_H
#define CALX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Export a function to the host under `name` (the name used by CREATE FUNCTION ... EXPORT 'name'). */
#define CALX_EXPORT(name) __attribute__((export_name(#name), used))

/* Functions defined here that the compiler itself may emit calls to; they must not be turned back into
 * calls to themselves by the optimiser. */
#define CALX_NO_BUILTIN(f) __attribute__((no_builtin(f)))

/* ---------------------------------------------------------------- memory primitives (no libc) ------ */

CALX_NO_BUILTIN("memcpy")
void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

CALX_NO_BUILTIN("memmove")
void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d == s || n == 0) return dst;
    if (d < s) {
        while (n--) *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--) *--d = *--s;
    }
    return dst;
}

CALX_NO_BUILTIN("memset")
void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

CALX_NO_BUILTIN("memcmp")
int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y) return *x - *y;
    return 0;
}

/* ---------------------------------------------------------------- allocator ------------------------ */

#define CALX_PAGE 65536u
#define CALX_HEADER 8u
#define CALX_MIN_CLASS 4u  /* 16-byte blocks: 8 header + 8 payload */
#define CALX_MAX_CLASS 31u /* 2 GiB: the whole 32-bit address space is 4 GiB */
#define CALX_MAGIC_USED 0x43414C58u /* "CALX" */
#define CALX_MAGIC_FREE 0x46524545u /* "FREE" */

typedef struct calx_header {
    uint32_t magic;
    uint32_t size_class; /* block size = 1 << size_class, header included */
} calx_header;

extern unsigned char __heap_base; /* defined by wasm-ld: first byte after data and stack */

static uintptr_t calx_heap_start;           /* first block */
static uintptr_t calx_heap_top;             /* bump pointer */
static void *calx_free_list[CALX_MAX_CLASS + 1];

static inline uint32_t calx_class_for(uint32_t payload) {
    uint64_t need = (uint64_t)payload + CALX_HEADER;
    uint32_t k = CALX_MIN_CLASS;
    while (((uint64_t)1 << k) < need) k++;
    return k;
}

/* Allocate `len` bytes, 8-byte aligned. Returns NULL when linear memory cannot grow. alloc(0) returns a
 * valid, unique pointer (the host allocates empty strings too). */
void *calx_alloc(uint32_t len) {
    if (len > (1u << CALX_MAX_CLASS) - CALX_HEADER) return NULL;
    if (calx_heap_start == 0) {
        calx_heap_start = ((uintptr_t)&__heap_base + 7u) & ~(uintptr_t)7u;
        calx_heap_top = calx_heap_start;
    }
    uint32_t k = calx_class_for(len);
    calx_header *h = calx_free_list[k];
    if (h) {
        calx_free_list[k] = *(void **)(h + 1);
    } else {
        uint64_t size = (uint64_t)1 << k;
        uint64_t end = (uint64_t)calx_heap_top + size;
        uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) * CALX_PAGE;
        if (end > have) {
            uint64_t pages = (end - have + CALX_PAGE - 1) / CALX_PAGE;
            if (end > ((uint64_t)1 << 32) || __builtin_wasm_memory_grow(0, (size_t)pages) == (size_t)-1)
                return NULL;
        }
        h = (calx_header *)calx_heap_top;
        calx_heap_top = (uintptr_t)end;
    }
    h->magic = CALX_MAGIC_USED;
    h->size_class = k;
    return h + 1;
}

/* Free a block from calx_alloc. NULL, foreign pointers and double frees are ignored. */
void calx_free(void *ptr) {
    uintptr_t p = (uintptr_t)ptr;
    if (p < calx_heap_start + CALX_HEADER || p >= calx_heap_top || (p & 7u)) return;
    calx_header *h = (calx_header *)ptr - 1;
    if (h->magic != CALX_MAGIC_USED || h->size_class < CALX_MIN_CLASS || h->size_class > CALX_MAX_CLASS) return;
    h->magic = CALX_MAGIC_FREE;
    *(void **)(h + 1) = calx_free_list[h->size_class];
    calx_free_list[h->size_class] = h;
}

/* Usable size of a block from calx_alloc. */
static inline uint32_t calx_capacity(const void *ptr) {
    const calx_header *h = (const calx_header *)ptr - 1;
    return (uint32_t)(((uint64_t)1 << h->size_class) - CALX_HEADER);
}

/* Grow or shrink a block, keeping min(old, new) bytes. Returns NULL (old block untouched) on failure. */
void *calx_realloc(void *ptr, uint32_t len) {
    if (!ptr) return calx_alloc(len);
    uint32_t cap = calx_capacity(ptr);
    if (len <= cap) return ptr;
    void *q = calx_alloc(len);
    if (!q) return NULL;
    memcpy(q, ptr, cap);
    calx_free(ptr);
    return q;
}

/* The ABI exports. The host writes argument bytes into alloc'ed buffers and frees argument and result
 * buffers with dealloc after each call. */
CALX_EXPORT(alloc)
void *calx_export_alloc(int32_t len) {
    if (len < 0) __builtin_trap(); /* a length above 2 GiB is a host bug */
    void *p = calx_alloc((uint32_t)len);
    if (!p) __builtin_trap(); /* out of memory: a clean trap beats a NULL the host would write to */
    return p;
}

CALX_EXPORT(dealloc)
void calx_export_dealloc(void *ptr, int32_t len) {
    (void)len; /* the block header knows the size */
    calx_free(ptr);
}

/* ---------------------------------------------------------------- results -------------------------- */

/* The packed TEXT / VARBINARY result: (ptr << 32) | len. */
typedef uint64_t calx_result;

static inline calx_result calx_pack(const void *ptr, uint32_t len) {
    return ((uint64_t)(uintptr_t)ptr << 32) | (uint64_t)len;
}

/* Return `len` bytes of a buffer from calx_alloc/calx_realloc WITHOUT copying: the host frees it after
 * reading (the buffer may be larger than `len`). Traps if `buf` is NULL and len > 0. */
static inline calx_result calx_take_result(void *buf, uint32_t len) {
    if (!buf) {
        if (len) __builtin_trap();
        buf = calx_alloc(0);
        if (!buf) __builtin_trap();
    }
    return calx_pack(buf, len);
}

/* Copy `len` bytes into a fresh buffer the host will free, and return it packed. Use this for TEXT
 * (the bytes must be valid UTF-8, or the host fails the call with 39000). */
static inline calx_result calx_text_result(const char *s, uint32_t len) {
    void *buf = calx_alloc(len);
    if (!buf) __builtin_trap();
    if (len) memcpy(buf, s, len);
    return calx_pack(buf, len);
}

/* Same for a NUL-terminated string. */
static inline calx_result calx_cstr_result(const char *s) {
    uint32_t n = 0;
    while (s[n]) n++;
    return calx_text_result(s, n);
}

/* VARBINARY: same as TEXT, any bytes allowed. */
static inline calx_result calx_bytes_result(const void *bytes, uint32_t len) {
    return calx_text_result((const char *)bytes, len);
}

/* ---------------------------------------------------------------- UTF-8 ---------------------------- */

/* Decode the code point at s[*i] and advance *i. The host passes valid UTF-8; should a byte sequence be
 * malformed anyway, each offending byte decodes to U+FFFD and counts as one code point. */
static inline uint32_t calx_utf8_next(const uint8_t *s, uint32_t len, uint32_t *i) {
    uint32_t p = *i;
    uint8_t b = s[p];
    uint32_t cp, need;
    if (b < 0x80) { *i = p + 1; return b; }
    else if ((b & 0xE0) == 0xC0) { cp = b & 0x1F; need = 1; }
    else if ((b & 0xF0) == 0xE0) { cp = b & 0x0F; need = 2; }
    else if ((b & 0xF8) == 0xF0) { cp = b & 0x07; need = 3; }
    else { *i = p + 1; return 0xFFFD; }
    if (p + need >= len) { /* truncated */ *i = p + 1; return 0xFFFD; }
    for (uint32_t k = 1; k <= need; k++) {
        uint8_t c = s[p + k];
        if ((c & 0xC0) != 0x80) { *i = p + 1; return 0xFFFD; }
        cp = (cp << 6) | (c & 0x3F);
    }
    *i = p + 1 + need;
    return cp;
}

/* ---------------------------------------------------------------- host API v1: the `calx` imports -- */
/*
 * Granted by need (docs/abi.md): calx_raise and calx_log to every routine, calx_emit_* to RETURNS TABLE
 * routines, the SQL imports calx_prepare ... calx_error to READS / MODIFIES SQL DATA routines. A module
 * imports only the functions it calls, so including this header never asks for a grant by itself.
 * Statement handles are >= 1, parameter and column indexes start at 1, text is (pointer, byte length)
 * of UTF-8, and a negative result is a failure that calx_error explains as "SQLSTATE: message".
 */
#define CALX_IMPORT(name) __attribute__((import_module("calx"), import_name(#name)))

CALX_IMPORT(prepare) int32_t calx_prepare(const char *sql, int32_t len);
CALX_IMPORT(bind_null) int32_t calx_bind_null(int32_t h, int32_t idx);
CALX_IMPORT(bind_i32) int32_t calx_bind_i32(int32_t h, int32_t idx, int32_t value);
CALX_IMPORT(bind_i64) int32_t calx_bind_i64(int32_t h, int32_t idx, int64_t value);
CALX_IMPORT(bind_f64) int32_t calx_bind_f64(int32_t h, int32_t idx, double value);
CALX_IMPORT(bind_text) int32_t calx_bind_text(int32_t h, int32_t idx, const void *ptr, int32_t len);
CALX_IMPORT(execute) int64_t calx_execute(int32_t h);   /* rows changed by a write; 0 for a query */
CALX_IMPORT(next) int32_t calx_next(int32_t h);         /* 1: a row is current; 0: no more rows */
CALX_IMPORT(column_null) int32_t calx_column_null(int32_t h, int32_t col);
CALX_IMPORT(column_i32) int32_t calx_column_i32(int32_t h, int32_t col);
CALX_IMPORT(column_i64) int64_t calx_column_i64(int32_t h, int32_t col);
CALX_IMPORT(column_f64) double calx_column_f64(int32_t h, int32_t col);
/* The value's byte length; copies at most `cap` bytes of it into `buf`. */
CALX_IMPORT(column_text) int32_t calx_column_text(int32_t h, int32_t col, void *buf, int32_t cap);
CALX_IMPORT(close) int32_t calx_close(int32_t h);
/* The last failure as "SQLSTATE: message": its byte length; copies at most `cap` bytes. */
CALX_IMPORT(error) int32_t calx_error(char *buf, int32_t cap);
CALX_IMPORT(raise) void calx_import_raise(const char *state, const char *msg, int32_t len);
CALX_IMPORT(emit_null) void calx_emit_null(int32_t col);
CALX_IMPORT(emit_i32) void calx_emit_i32(int32_t col, int32_t value);
CALX_IMPORT(emit_i64) void calx_emit_i64(int32_t col, int64_t value);
CALX_IMPORT(emit_f64) void calx_emit_f64(int32_t col, double value);
CALX_IMPORT(emit_text) void calx_emit_text(int32_t col, const void *ptr, int32_t len);
/* Appends the row built with calx_emit_*; negative once the call's row cap is reached. */
CALX_IMPORT(emit_row) int32_t calx_emit_row(void);
CALX_IMPORT(log) void calx_log(int32_t level, const char *msg, int32_t len);

/* Levels of calx_log. */
enum { CALX_LOG_DEBUG = 0, CALX_LOG_INFO = 1, CALX_LOG_WARN = 2, CALX_LOG_ERROR = 3 };

static inline int32_t calx_cstr_len(const char *s) {
    int32_t n = 0;
    while (s[n]) n++;
    return n;
}

/* Fail the call with SQLSTATE `state` (5 characters; NULL means 45000) and a message. The host ends
 * the call and undoes what its SQL wrote; it never returns here, and if it did, the call traps. */
_Noreturn static inline void calx_raise(const char *state, const char *msg, int32_t len) {
    calx_import_raise(state, msg, len);
    __builtin_trap();
}

/* calx_raise with a NUL-terminated message. */
_Noreturn static inline void calx_raise_cstr(const char *state, const char *msg) {
    calx_raise(state, msg, calx_cstr_len(msg));
}

/* Fail the call with the host's last failure, its SQLSTATE and message as calx_error reports them:
 * what a routine does with an SQL error it does not handle. */
_Noreturn static inline void calx_raise_error(void) {
    int32_t len = calx_error(NULL, 0);
    if (len < 0) len = 0;
    char *text = calx_alloc((uint32_t)len); /* never freed: the call ends here */
    if (!text) __builtin_trap();
    int32_t copied = calx_error(text, len);
    if (copied >= 0 && copied < len) len = copied;
    if (len >= 7 && text[5] == ':' && text[6] == ' ') calx_raise(text, text + 7, len - 7);
    calx_raise(NULL, text, len);
}

/* `result` if it is not negative, else fail the call with the host's error (calx_raise_error). */
static inline int64_t calx_check(int64_t result) {
    if (result < 0) calx_raise_error();
    return result;
}

/* Prepare a NUL-terminated statement: its handle, or negative. */
static inline int32_t calx_prepare_cstr(const char *sql) {
    return calx_prepare(sql, calx_cstr_len(sql));
}

/* Bind a NUL-terminated string as TEXT. */
static inline int32_t calx_bind_cstr(int32_t h, int32_t idx, const char *s) {
    return calx_bind_text(h, idx, s, calx_cstr_len(s));
}

/* The whole TEXT value of a column in a fresh calx_alloc buffer, NUL-terminated (free it with
 * calx_free); its byte length in *len. NULL if the value is NULL or reading it failed. */
static inline char *calx_column_dup(int32_t h, int32_t col, uint32_t *len) {
    if (calx_column_null(h, col) != 0) return NULL;
    int32_t n = calx_column_text(h, col, NULL, 0);
    if (n < 0) return NULL;
    char *buf = calx_alloc((uint32_t)n + 1u);
    if (!buf) __builtin_trap();
    if (calx_column_text(h, col, buf, n) != n) {
        calx_free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = (uint32_t)n;
    return buf;
}

/* Emit a NUL-terminated string into column `col` of the row being built. */
static inline void calx_emit_cstr(int32_t col, const char *s) {
    calx_emit_text(col, s, calx_cstr_len(s));
}

/* Log a NUL-terminated line, tagged with the routine by the host. */
static inline void calx_log_cstr(int32_t level, const char *msg) {
    calx_log(level, msg, calx_cstr_len(msg));
}

/* Message building without libc: write at `out`, return the end. The caller sizes the buffer (an
 * int64_t takes at most 20 bytes). */
static inline char *calx_put_cstr(char *out, const char *s) {
    while (*s) *out++ = *s++;
    return out;
}

static inline char *calx_put_i64(char *out, int64_t value) {
    char digits[20];
    uint64_t n = value < 0 ? 0u - (uint64_t)value : (uint64_t)value;
    int k = 0;
    do {
        digits[k++] = (char)('0' + n % 10u);
        n /= 10u;
    } while (n);
    if (value < 0) *out++ = '-';
    while (k) *out++ = digits[--k];
    return out;
}

#endif /* CALX_H */
