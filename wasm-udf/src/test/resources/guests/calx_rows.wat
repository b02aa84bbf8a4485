;; Emits rows, logs and raises through the calx host API.
(module
  (import "calx" "emit_null" (func $emit_null (param i32)))
  (import "calx" "emit_i32" (func $emit_i32 (param i32 i32)))
  (import "calx" "emit_i64" (func $emit_i64 (param i32 i64)))
  (import "calx" "emit_f64" (func $emit_f64 (param i32 f64)))
  (import "calx" "emit_text" (func $emit_text (param i32 i32 i32)))
  (import "calx" "emit_row" (func $emit_row (result i32)))
  (import "calx" "log" (func $log (param i32 i32 i32)))
  (import "calx" "raise" (func $raise (param i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "gr\c3\bc\c3\9fe")
  (data (i32.const 16) "\c3\28")
  (data (i32.const 32) "a line from the guest")
  (data (i32.const 64) "22012")
  (data (i32.const 80) "cannot divide by zero")

  ;; (n INT, mode INT) RETURNS TABLE (id INT, name TEXT, half DOUBLE, big BIGINT, even BOOLEAN):
  ;; n rows (i, 'grüße', i / 2, i * 10^10, true if i is even, else never set). When emit_row
  ;; refuses a row, mode 0 stops, mode 1 traps, mode 2 goes on emitting.
  (func (export "rows") (param $n i32) (param $mode i32)
    (local $i i32)
    (block $done
      (loop $more
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (call $emit_i32 (i32.const 1) (local.get $i))
        (call $emit_text (i32.const 2) (i32.const 0) (i32.const 7))
        (call $emit_f64 (i32.const 3) (f64.div (f64.convert_i32_s (local.get $i)) (f64.const 2)))
        (call $emit_i64 (i32.const 4)
          (i64.mul (i64.extend_i32_s (local.get $i)) (i64.const 10000000000)))
        (if (i32.eqz (i32.and (local.get $i) (i32.const 1)))
          (then (call $emit_i32 (i32.const 5) (i32.const 1))))
        (if (i32.lt_s (call $emit_row) (i32.const 0))
          (then
            (br_if $done (i32.eqz (local.get $mode)))
            (if (i32.eq (local.get $mode) (i32.const 1)) (then unreachable))))
        (br $more))))

  ;; (col INT, kind INT) RETURNS TABLE (...): one row with one column set by one emit_*:
  ;; 0 emit_i32 1, 1 emit_i64 2^40, 2 emit_f64 2.5, 3 emit_f64 7.0, 4 emit_text 'grüße',
  ;; 5 emit_text of bytes that are not UTF-8, 6 emit_text outside memory, 7 emit_i32 1 and then
  ;; emit_null, 8 emit_i32 -1.
  (func (export "emit_one") (param $col i32) (param $kind i32)
    (block $set
      (block $k8 (block $k7 (block $k6 (block $k5 (block $k4 (block $k3 (block $k2 (block $k1
        (block $k0 (br_table $k0 $k1 $k2 $k3 $k4 $k5 $k6 $k7 $k8 (local.get $kind)))
        (call $emit_i32 (local.get $col) (i32.const 1)) (br $set))
        (call $emit_i64 (local.get $col) (i64.const 1099511627776)) (br $set))
        (call $emit_f64 (local.get $col) (f64.const 2.5)) (br $set))
        (call $emit_f64 (local.get $col) (f64.const 7)) (br $set))
        (call $emit_text (local.get $col) (i32.const 0) (i32.const 7)) (br $set))
        (call $emit_text (local.get $col) (i32.const 16) (i32.const 2)) (br $set))
        (call $emit_text (local.get $col) (i32.const 65530) (i32.const 10)) (br $set))
        (call $emit_i32 (local.get $col) (i32.const 1))
        (call $emit_null (local.get $col)) (br $set))
      (call $emit_i32 (local.get $col) (i32.const -1)))
    (drop (call $emit_row)))

  ;; (level INT), returning nothing: logs 'a line from the guest' at that level.
  (func (export "log_at") (param $level i32)
    (call $log (local.get $level) (i32.const 32) (i32.const 21)))

  ;; (), returning nothing: logs bytes that are not UTF-8.
  (func (export "log_bytes")
    (call $log (i32.const 1) (i32.const 16) (i32.const 2)))

  ;; (), returning nothing: raises 22012 'cannot divide by zero'.
  (func (export "raise_22012")
    (call $raise (i32.const 64) (i32.const 80) (i32.const 21)))

  ;; (x INT) -> INT, for signatures that do not fit.
  (func (export "value") (param i32) (result i32)
    (local.get 0))
)
