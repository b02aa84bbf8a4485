// AssemblyScript example library for Calx -> modules/as_examples.wasm
//
// Build (from this directory, after `npm ci`; build.sh runs the same command):
//   npx asc examples.ts -O3 --runtime incremental --use abort=calx/calxAbort --exportStart _initialize \
//       --outFile as_examples.wasm
//
//   CREATE FUNCTION calculate_discount(price DOUBLE, tier INT) RETURNS DOUBLE LANGUAGE WASM
//       DETERMINISTIC FROM FILE 'as_examples.wasm';
//   CREATE FUNCTION word_count(t TEXT) RETURNS INT LANGUAGE WASM DETERMINISTIC
//       FROM FILE 'as_examples.wasm';
//   CREATE FUNCTION title_case(t TEXT) RETURNS TEXT LANGUAGE WASM DETERMINISTIC
//       FROM FILE 'as_examples.wasm';
import { textArg, textResult } from "./calx";

// The ABI exports the host needs for TEXT arguments and results.
export { alloc, dealloc } from "./calx";

/** Price after the loyalty-tier discount: tier 1 → 5 %, 2 → 10 %, 3 → 15 % off, any other tier → unchanged. */
export function calculate_discount(price: f64, tier: i32): f64 {
  let percent: f64 = 0;
  if (tier == 1) percent = 5;
  else if (tier == 2) percent = 10;
  else if (tier == 3) percent = 15;
  // price * (100 - p) / 100 rather than price * 0.9: exact for whole-number prices (100, 2 → 90).
  return price * (100 - percent) / 100;
}

// Unicode White_Space code points, as split_words (words.ts) sees them too.
import { isWhiteSpace as isSpace } from "./calx";

/** Number of whitespace-separated words. Reads the UTF-8 argument in place: no allocation at all. */
export function word_count(ptr: usize, len: i32): i32 {
  let words = 0;
  let inWord = false;
  let i: usize = 0;
  const n = <usize>len;
  while (i < n) {
    let c = <u32>load<u8>(ptr + i);
    let size: usize = 1;
    if (c >= 0xF0 && i + 3 < n) {
      c = ((c & 0x07) << 18) | ((<u32>load<u8>(ptr + i + 1) & 0x3F) << 12) |
          ((<u32>load<u8>(ptr + i + 2) & 0x3F) << 6) | (<u32>load<u8>(ptr + i + 3) & 0x3F);
      size = 4;
    } else if (c >= 0xE0 && i + 2 < n) {
      c = ((c & 0x0F) << 12) | ((<u32>load<u8>(ptr + i + 1) & 0x3F) << 6) | (<u32>load<u8>(ptr + i + 2) & 0x3F);
      size = 3;
    } else if (c >= 0xC0 && i + 1 < n) {
      c = ((c & 0x1F) << 6) | (<u32>load<u8>(ptr + i + 1) & 0x3F);
      size = 2;
    }
    if (isSpace(c)) {
      inWord = false;
    } else if (!inWord) {
      inWord = true;
      words++;
    }
    i += size;
  }
  return words;
}

/** Capitalises the first letter of every whitespace-separated word and lower-cases the rest (Unicode). */
export function title_case(ptr: usize, len: i32): u64 {
  const s = textArg(ptr, len);
  const n = s.length; // UTF-16 code units
  const parts = new Array<string>();
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && isSpace(<u32>s.codePointAt(j))) j++; // White_Space is all in the BMP
    if (j > i) parts.push(s.substring(i, j));
    if (j >= n) break;
    const first = j + (s.codePointAt(j) > 0xFFFF ? 2 : 1);
    let end = first;
    while (end < n && !isSpace(<u32>s.codePointAt(end))) end++;
    parts.push(s.substring(j, first).toUpperCase());
    parts.push(s.substring(first, end).toLowerCase());
    i = end;
  }
  return textResult(parts.join(""));
}
