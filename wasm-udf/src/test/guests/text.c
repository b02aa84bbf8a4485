// TEXT and memory-heavy functions in C, built by build.sh with clang --target=wasm32.
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(#name)))

extern unsigned char __heap_base;

// A bump allocator that starts over whenever every buffer has been freed. The host allocates the
// arguments, calls, and frees arguments and result, so it never grows beyond one call's needs.
static uintptr_t top;
static int live;

EXPORT(alloc) void *alloc(int32_t len) {
  if (top == 0) top = (uintptr_t)&__heap_base;
  uintptr_t p = (top + 7) & ~(uintptr_t)7;
  uintptr_t end = p + (uint32_t)len;
  uintptr_t have = __builtin_wasm_memory_size(0) * 65536;
  if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (uintptr_t)-1) {
    return 0;
  }
  top = end;
  live++;
  return (void *)p;
}

EXPORT(dealloc) void dealloc(void *p, int32_t len) {
  (void)p;
  (void)len;
  if (--live == 0) top = (uintptr_t)&__heap_base;
}

static uint64_t text(const char *p, uint32_t len) {
  return ((uint64_t)(uintptr_t)p << 32) | len;
}

// ASCII upper case; bytes of multi-byte UTF-8 sequences pass through untouched.
EXPORT(upper) uint64_t upper(const char *s, int32_t len) {
  char *out = alloc(len);
  if (!out) __builtin_trap();
  for (int32_t i = 0; i < len; i++) {
    char c = s[i];
    out[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
  }
  return text(out, len);
}

EXPORT(concat) uint64_t concat(const char *a, int32_t alen, const char *b, int32_t blen) {
  char *out = alloc(alen + blen);
  if (!out) __builtin_trap();
  for (int32_t i = 0; i < alen; i++) out[i] = a[i];
  for (int32_t i = 0; i < blen; i++) out[alen + i] = b[i];
  return text(out, alen + blen);
}

// Returns its argument's own buffer: the host must not free it twice.
EXPORT(echo) uint64_t echo(const char *s, int32_t len) { return text(s, len); }

// Unicode code points in UTF-8 text: every byte that is not a continuation byte.
EXPORT(codepoints) int32_t codepoints(const unsigned char *s, int32_t len) {
  int32_t n = 0;
  for (int32_t i = 0; i < len; i++) n += (s[i] & 0xC0) != 0x80;
  return n;
}

// Fills a heap buffer from a seed, then reads it back: two threads sharing one instance would see
// each other's writes and return a wrong sum.
EXPORT(checksum) int32_t checksum(int32_t seed) {
  uint32_t *buf = alloc(4096 * 4);
  if (!buf) __builtin_trap();
  uint32_t x = (uint32_t)seed;
  for (int i = 0; i < 4096; i++) {
    x = x * 1664525u + 1013904223u;
    buf[i] = x;
  }
  uint32_t sum = 0;
  for (int i = 0; i < 4096; i++) sum += buf[i] ^ (uint32_t)i;
  dealloc(buf, 4096 * 4);
  return (int32_t)sum;
}

// Allocates until the allocator fails, then aborts as C programs do.
EXPORT(hog) int32_t hog(int32_t chunk) {
  for (;;) {
    if (!alloc(chunk)) __builtin_trap();
  }
}
