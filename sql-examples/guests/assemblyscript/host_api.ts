// Every import of the host API through calx.ts, for the tests -> modules/as_host_api.wasm
// (the same routines as c/host_api.c and rust/host_api.rs, one module per language).
//
//   CREATE FUNCTION as_echo(t VARCHAR)
//     RETURNS TABLE (n INT, i INT, l BIGINT, d DOUBLE, txt VARCHAR)
//     LANGUAGE WASM READS SQL DATA EXPORT 'echo' FROM FILE 'as_host_api.wasm';
//   CREATE FUNCTION as_run(sql VARCHAR) RETURNS TABLE (changed BIGINT)
//     LANGUAGE WASM READS SQL DATA EXPORT 'run' FROM FILE 'as_host_api.wasm';
import {
  Level, Statement, emitF64, emitI32, emitI64, emitNull, emitRow, emitText, log, raise, textArg,
} from "./calx";

export { alloc, dealloc } from "./calx";

/** A row of one value of each type, sent through SQL and back: NULL, 7, 2^40, 0.5 and `t`. */
export function echo(ptr: usize, len: i32): void {
  const s = Statement.prepare(
    "SELECT CAST(? AS INT), CAST(? AS INT), CAST(? AS BIGINT), CAST(? AS DOUBLE), CAST(? AS VARCHAR)");
  s.bindNull(1).bindI32(2, 7).bindI64(3, 1 << 40).bindF64(4, 0.5).bindText(5, textArg(ptr, len));
  s.execute();
  if (!s.next()) raise("45000", "the query returned no row");
  if (s.isNull(1)) emitNull(1);
  else emitI32(1, s.columnI32(1));
  emitI32(2, s.columnI32(2));
  emitI64(3, s.columnI64(3));
  emitF64(4, s.columnF64(4));
  const text = s.columnText(5);
  if (text === null) emitNull(5);
  else emitText(5, text);
  emitRow();
  s.close();
  log(Level.Info, "echo: one row");
}

/**
 * Runs `sql` and emits the number of rows it changed; an SQL error fails the call with the host's
 * SQLSTATE and message, an empty statement with 22023.
 */
export function run(ptr: usize, len: i32): void {
  if (len == 0) raise("22023", "empty statement");
  const s = Statement.prepare(textArg(ptr, len));
  emitI64(1, s.execute());
  emitRow();
  s.close();
}
