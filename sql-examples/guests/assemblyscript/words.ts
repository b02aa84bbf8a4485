// A table function -> modules/as_words.wasm (script: scripts/table_functions.sql)
//
// Build (from this directory, after `npm ci`; build.sh runs the same command):
//   npx asc words.ts -O3 --runtime incremental --use abort=calx/calxAbort --exportStart _initialize \
//       --outFile as_words.wasm
//
//   CREATE FUNCTION split_words(phrase VARCHAR) RETURNS TABLE ("position" INT, word VARCHAR)
//     LANGUAGE WASM DETERMINISTIC
//     COMMENT 'one row per whitespace-separated word, numbered from 1'
//     FROM FILE 'as_words.wasm';
import { emitI32, emitRow, emitText, isWhiteSpace, textArg } from "./calx";

// The ABI exports the host needs for the TEXT argument.
export { alloc, dealloc } from "./calx";

/** Emits one row ("position", word) per whitespace-separated word of the phrase, positions from 1. */
export function split_words(ptr: usize, len: i32): void {
  const phrase = textArg(ptr, len);
  const n = phrase.length; // UTF-16 code units; White_Space is all in the BMP, so no surrogate is one
  let position = 0;
  let start = 0;
  while (start < n) {
    while (start < n && isWhiteSpace(<u32>phrase.charCodeAt(start))) start++;
    let end = start;
    while (end < n && !isWhiteSpace(<u32>phrase.charCodeAt(end))) end++;
    if (end > start) {
      emitI32(1, ++position);
      emitText(2, phrase.substring(start, end));
      if (!emitRow()) return; // the row cap is reached: the host fails the call (54000)
    }
    start = end;
  }
}
