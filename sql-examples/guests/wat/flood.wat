;; flood.wat -> modules/wat_flood.wasm: table functions that misbehave while emitting rows, for the
;; engine's tests. They import only calx.emit_*, so they need no SQL data access.
;;
;;   CREATE FUNCTION flood(n BIGINT) RETURNS TABLE (i BIGINT)
;;     LANGUAGE WASM FROM FILE 'wat_flood.wasm';
;;   SELECT COUNT(*) FROM TABLE(flood(1000));          -- 1000
;;   SELECT COUNT(*) FROM TABLE(flood(1000001));       -- 54000: past the row cap (1,000,000 by default)
;;   SELECT COUNT(*) FROM TABLE(flood(0));             -- never stops by itself: 54000 if the host fails
;;                                                     -- the call at an emit past the cap, else the
;;                                                     -- time limit stops it (57014)
;;
;;   CREATE FUNCTION emit_to_column(col INT) RETURNS TABLE (i INT)
;;     LANGUAGE WASM FROM FILE 'wat_flood.wasm';
;;   SELECT * FROM TABLE(emit_to_column(1));           -- one row: 1
;;   SELECT * FROM TABLE(emit_to_column(2));           -- 39000: the table has no column 2 (0, -1 too)
;;
;;   CREATE FUNCTION emit_bad_text(how INT) RETURNS TABLE (t VARCHAR)
;;     LANGUAGE WASM FROM FILE 'wat_flood.wasm';
;;   SELECT * FROM TABLE(emit_bad_text(1));            -- 39000: text outside memory
;;   SELECT * FROM TABLE(emit_bad_text(2));            -- 39000: text that is not UTF-8
(module
  (import "calx" "emit_i32" (func $emit_i32 (param i32 i32)))
  (import "calx" "emit_i64" (func $emit_i64 (param i32 i64)))
  (import "calx" "emit_text" (func $emit_text (param i32 i32 i32)))
  (import "calx" "emit_row" (func $emit_row (result i32)))

  (memory (export "memory") 1)
  (data (i32.const 0) "\ff\fe")                           ;; 2 bytes that are not UTF-8

  ;; flood(n): emits the rows 1 .. n, or without end when n <= 0, and ignores what emit_row says
  ;; (negative once the row cap is reached), as a careless guest would.
  (func (export "flood") (param $n i64)
    (local $i i64)
    (block $done
      (loop $more
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br_if $done (i32.and (i64.gt_s (local.get $n) (i64.const 0))
                              (i64.gt_s (local.get $i) (local.get $n))))
        (call $emit_i64 (i32.const 1) (local.get $i))
        (drop (call $emit_row))
        (br $more))))

  ;; emit_to_column(col): sets column `col` to 1 and emits the row.
  (func (export "emit_to_column") (param $col i32)
    (call $emit_i32 (local.get $col) (i32.const 1))
    (drop (call $emit_row)))

  ;; emit_bad_text(1): text outside memory; emit_bad_text(2): text that is not UTF-8.
  (func (export "emit_bad_text") (param $how i32)
    (if (i32.eq (local.get $how) (i32.const 1))
      (then (call $emit_text (i32.const 1) (i32.const 0xFFFFFF00) (i32.const 4)))
      (else (call $emit_text (i32.const 1) (i32.const 0) (i32.const 2))))
    (drop (call $emit_row))))
