/*
 * C example library for Calx -> modules/c_examples.wasm
 *
 *   CREATE FUNCTION levenshtein(a TEXT, b TEXT) RETURNS INT LANGUAGE WASM DETERMINISTIC
 *       FROM FILE 'c_examples.wasm';
 *   CREATE FUNCTION luhn_check(n BIGINT) RETURNS BOOLEAN LANGUAGE WASM DETERMINISTIC
 *       FROM FILE 'c_examples.wasm';
 */
#include "calx.h"

/* Edit distance (insertions, deletions, substitutions of one code point each) between two UTF-8
 * strings, counted on Unicode code points, not bytes: levenshtein('été', 'ete') = 2. */
CALX_EXPORT(levenshtein)
int32_t levenshtein(const uint8_t *a, int32_t a_len, const uint8_t *b, int32_t b_len) {
    uint32_t alen = (uint32_t)a_len, blen = (uint32_t)b_len;

    /* Decode both strings into code point arrays (a code point never takes fewer than one byte). */
    if (alen > 0x3FFFFFF0u || blen > 0x3FFFFFF0u) __builtin_trap(); /* n * 4 bytes must not wrap */
    uint32_t *ca = calx_alloc(alen * 4u), *cb = calx_alloc(blen * 4u);
    if (!ca || !cb) __builtin_trap();
    uint32_t n = 0, m = 0;
    for (uint32_t i = 0; i < alen;) ca[n++] = calx_utf8_next(a, alen, &i);
    for (uint32_t i = 0; i < blen;) cb[m++] = calx_utf8_next(b, blen, &i);

    /* Drop the common prefix and suffix: they never change the distance. */
    uint32_t *x = ca, *y = cb;
    while (n && m && *x == *y) { x++; y++; n--; m--; }
    while (n && m && x[n - 1] == y[m - 1]) { n--; m--; }

    /* Keep the shorter string in the row (O(min(n, m)) memory). */
    if (m > n) {
        uint32_t *t = x; x = y; y = t;
        uint32_t tn = n; n = m; m = tn;
    }
    uint32_t *row = calx_alloc((m + 1u) * 4u);
    if (!row) __builtin_trap();
    for (uint32_t j = 0; j <= m; j++) row[j] = j;
    for (uint32_t i = 1; i <= n; i++) {
        uint32_t diag = row[0]; /* row[i-1][j-1] */
        row[0] = i;
        for (uint32_t j = 1; j <= m; j++) {
            uint32_t up = row[j]; /* row[i-1][j] */
            uint32_t best = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    int32_t d = (int32_t)row[m];
    calx_free(row);
    calx_free(ca);
    calx_free(cb);
    return d;
}

/* Luhn (mod 10) checksum of a card / account number given as BIGINT, check digit included.
 * Negative numbers are never valid. */
CALX_EXPORT(luhn_check)
int32_t luhn_check(int64_t number) {
    if (number < 0) return 0;
    uint64_t n = (uint64_t)number;
    uint32_t sum = 0;
    bool twice = false;
    do {
        uint32_t d = (uint32_t)(n % 10u);
        n /= 10u;
        if (twice) {
            d *= 2u;
            if (d > 9u) d -= 9u;
        }
        sum += d;
        twice = !twice;
    } while (n);
    return sum % 10u == 0u;
}
