/*
 * initials.c — the module of the C tutorial (docs/tutorial-c.md) -> modules/c_initials.wasm
 *
 * Build (build.sh runs the same command, with -Wall -Wextra -Werror added):
 *   clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--stack-first -Wl,-z,stack-size=65536 \
 *         -o c_initials.wasm initials.c
 *
 *   CREATE FUNCTION initials(name TEXT) RETURNS TEXT LANGUAGE WASM DETERMINISTIC
 *       FROM FILE 'c_initials.wasm';
 */
#include "calx.h"

/* The first letter of every word, ASCII letters upper-cased:
 * initials('Ada King-Lovelace') = 'AKL', initials('émile zola') = 'éZ'. */
CALX_EXPORT(initials)
calx_result initials(const uint8_t *name, int32_t len) {
    uint8_t *out = calx_alloc((uint32_t)len);       /* initials never outgrow the name */
    if (!out) __builtin_trap();                     /* out of memory: SQLSTATE 38000 */
    uint32_t n = 0;
    bool word_start = true;
    for (uint32_t i = 0; i < (uint32_t)len;) {
        uint32_t start = i;
        uint32_t c = calx_utf8_next(name, (uint32_t)len, &i);   /* one code point; advances i */
        if (c == ' ' || c == '-') {
            word_start = true;
        } else if (word_start) {
            for (uint32_t k = start; k < i; k++) out[n++] = name[k];   /* all its UTF-8 bytes */
            if (c >= 'a' && c <= 'z') out[n - 1] -= 'a' - 'A';
            word_start = false;
        }
    }
    return calx_take_result(out, n);                /* the host frees the buffer */
}
