;; Runs SQL through the calx host API. The tests' host (TableHost) answers a small command
;; language; the SQL text is always the first argument, so the module needs no strings of its own
;; but the few it passes on purpose.
(module
  (import "calx" "prepare" (func $prepare (param i32 i32) (result i32)))
  (import "calx" "bind_null" (func $bind_null (param i32 i32) (result i32)))
  (import "calx" "bind_i32" (func $bind_i32 (param i32 i32 i32) (result i32)))
  (import "calx" "bind_i64" (func $bind_i64 (param i32 i32 i64) (result i32)))
  (import "calx" "bind_f64" (func $bind_f64 (param i32 i32 f64) (result i32)))
  (import "calx" "bind_text" (func $bind_text (param i32 i32 i32 i32) (result i32)))
  (import "calx" "execute" (func $execute (param i32) (result i64)))
  (import "calx" "next" (func $next (param i32) (result i32)))
  (import "calx" "column_null" (func $column_null (param i32 i32) (result i32)))
  (import "calx" "column_i32" (func $column_i32 (param i32 i32) (result i32)))
  (import "calx" "column_i64" (func $column_i64 (param i32 i32) (result i64)))
  (import "calx" "column_f64" (func $column_f64 (param i32 i32) (result f64)))
  (import "calx" "column_text" (func $column_text (param i32 i32 i32 i32) (result i32)))
  (import "calx" "close" (func $close (param i32) (result i32)))
  (import "calx" "error" (func $error (param i32 i32) (result i32)))
  (import "calx" "raise" (func $raise (param i32 i32 i32)))
  (memory (export "memory") 4)
  (data (i32.const 16) "\c3\28")
  (data (i32.const 32) "P0001")
  (data (i32.const 40) "p0001")
  (data (i32.const 48) "the routine gave up")
  (global $heap (mut i32) (i32.const 4096))
  (global $calls (mut i32) (i32.const 0))

  ;; A bump allocator that starts over near the end of its memory: enough for tests.
  (func $alloc (export "alloc") (param $n i32) (result i32)
    (local $p i32)
    (if (i32.gt_u (i32.add (global.get $heap) (local.get $n)) (i32.const 250000))
      (then (global.set $heap (i32.const 4096))))
    (local.set $p (global.get $heap))
    (global.set $heap (i32.and (i32.add (i32.add (local.get $p) (local.get $n)) (i32.const 7))
      (i32.const -8)))
    (local.get $p))

  (func $pack (param $p i32) (param $n i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32))
      (i64.extend_i32_u (local.get $n))))

  ;; Prepares and executes, trapping on a failure: the failures have exports of their own.
  (func $run (param $sql i32) (param $len i32) (result i32)
    (local $h i32)
    (local.set $h (call $prepare (local.get $sql) (local.get $len)))
    (if (i32.lt_s (local.get $h) (i32.const 0)) (then unreachable))
    (if (i64.lt_s (call $execute (local.get $h)) (i64.const 0)) (then unreachable))
    (local.get $h))

  ;; As $run, then moves to the first row, which must exist.
  (func $first (param $sql i32) (param $len i32) (result i32)
    (local $h i32)
    (local.set $h (call $run (local.get $sql) (local.get $len)))
    (if (i32.ne (call $next (local.get $h)) (i32.const 1)) (then unreachable))
    (local.get $h))

  ;; (sql TEXT, col INT) -> BIGINT: the sum of a column over all rows; closes the statement.
  (func (export "query_sum") (param $sql i32) (param $len i32) (param $col i32) (result i64)
    (local $h i32) (local $sum i64)
    (local.set $h (call $run (local.get $sql) (local.get $len)))
    (block $done
      (loop $rows
        (br_if $done (i32.eqz (call $next (local.get $h))))
        (local.set $sum (i64.add (local.get $sum)
          (call $column_i64 (local.get $h) (local.get $col))))
        (br $rows)))
    (drop (call $close (local.get $h)))
    (local.get $sum))

  ;; (sql TEXT, col INT): a column of the first row as i32, i64, f64, null flag, text length.
  (func (export "first_i32") (param i32 i32 i32) (result i32)
    (call $column_i32 (call $first (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "first_i64") (param i32 i32 i32) (result i64)
    (call $column_i64 (call $first (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "first_f64") (param i32 i32 i32) (result f64)
    (call $column_f64 (call $first (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "first_null") (param i32 i32 i32) (result i32)
    (call $column_null (call $first (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "text_length") (param i32 i32 i32) (result i32)
    (call $column_text (call $first (local.get 0) (local.get 1)) (local.get 2) (i32.const 0)
      (i32.const 0)))

  ;; (sql TEXT, col INT) -> TEXT: a column of the first row as text, asked for its length first.
  (func (export "first_text") (param i32 i32 i32) (result i64)
    (local $h i32) (local $n i32) (local $p i32)
    (local.set $h (call $first (local.get 0) (local.get 1)))
    (local.set $n (call $column_text (local.get $h) (local.get 2) (i32.const 0) (i32.const 0)))
    (local.set $p (call $alloc (local.get $n)))
    (drop (call $column_text (local.get $h) (local.get 2) (local.get $p) (local.get $n)))
    (call $pack (local.get $p) (local.get $n)))

  ;; (sql TEXT, col INT, cap INT) -> VARBINARY: what a buffer of cap bytes receives.
  (func (export "first_prefix") (param i32 i32 i32) (param $cap i32) (result i64)
    (local $p i32) (local $n i32)
    (local.set $p (call $alloc (local.get $cap)))
    (local.set $n (call $column_text (call $first (local.get 0) (local.get 1)) (local.get 2)
      (local.get $p) (local.get $cap)))
    (call $pack (local.get $p)
      (select (local.get $cap) (local.get $n) (i32.lt_s (local.get $cap) (local.get $n)))))

  ;; (sql TEXT, i INT, l BIGINT, d DOUBLE, t TEXT) -> BIGINT: binds NULL, i, l, d, t as 1 to 5.
  (func (export "bind_all") (param $sql i32) (param $len i32) (param $i i32) (param $l i64)
      (param $d f64) (param $t i32) (param $tl i32) (result i64)
    (local $h i32)
    (local.set $h (call $prepare (local.get $sql) (local.get $len)))
    (drop (call $bind_null (local.get $h) (i32.const 1)))
    (drop (call $bind_i32 (local.get $h) (i32.const 2) (local.get $i)))
    (drop (call $bind_i64 (local.get $h) (i32.const 3) (local.get $l)))
    (drop (call $bind_f64 (local.get $h) (i32.const 4) (local.get $d)))
    (drop (call $bind_text (local.get $h) (i32.const 5) (local.get $t) (local.get $tl)))
    (call $execute (local.get $h)))

  ;; (sql TEXT) -> BIGINT: binds the bytes C3 28, which are not UTF-8, as parameter 1.
  (func (export "bind_bytes") (param $sql i32) (param $len i32) (result i64)
    (local $h i32)
    (local.set $h (call $prepare (local.get $sql) (local.get $len)))
    (drop (call $bind_text (local.get $h) (i32.const 1) (i32.const 16) (i32.const 2)))
    (call $execute (local.get $h)))

  ;; (sql TEXT, idx INT) -> INT: what bind_i32 of parameter idx returns.
  (func (export "bind_at") (param $sql i32) (param $len i32) (param $idx i32) (result i32)
    (call $bind_i32 (call $prepare (local.get $sql) (local.get $len)) (local.get $idx)
      (i32.const 1)))

  ;; (sql TEXT) -> TEXT: calx.error after prepare or execute failed; '' if neither did.
  (func (export "error_after") (param $sql i32) (param $len i32) (result i64)
    (local $h i32) (local $n i32) (local $p i32)
    (local.set $h (call $prepare (local.get $sql) (local.get $len)))
    (if (i32.ge_s (local.get $h) (i32.const 0))
      (then (if (i64.ge_s (call $execute (local.get $h)) (i64.const 0))
        (then (return (i64.const 0))))))
    (local.set $n (call $error (i32.const 0) (i32.const 0)))
    (local.set $p (call $alloc (local.get $n)))
    (drop (call $error (local.get $p) (local.get $n)))
    (call $pack (local.get $p) (local.get $n)))

  ;; (sql TEXT, n INT) -> TEXT: prepares n statements and closes none; '' if all were prepared,
  ;; else calx.error after the first that was not.
  (func (export "prepare_many") (param $sql i32) (param $len i32) (param $count i32) (result i64)
    (local $n i32) (local $p i32)
    (block $failed
      (loop $more
        (br_if $failed (i32.lt_s (call $prepare (local.get $sql) (local.get $len)) (i32.const 0)))
        (local.tee $count (i32.sub (local.get $count) (i32.const 1)))
        (br_if $more)
        (return (i64.const 0))))
    (local.set $n (call $error (i32.const 0) (i32.const 0)))
    (local.set $p (call $alloc (local.get $n)))
    (drop (call $error (local.get $p) (local.get $n)))
    (call $pack (local.get $p) (local.get $n)))

  ;; (sql TEXT, arg INT) -> BIGINT: executes with arg bound as parameter 1 and leaves the
  ;; statement open. No loop, no call but to the host: the code is loop-free.
  (func (export "leave_open") (param $sql i32) (param $len i32) (param $arg i32) (result i64)
    (local $h i32)
    (local.set $h (call $prepare (local.get $sql) (local.get $len)))
    (drop (call $bind_i32 (local.get $h) (i32.const 1) (local.get $arg)))
    (call $execute (local.get $h)))

  ;; (sql TEXT, arg INT, how INT) -> BIGINT: as leave_open, then ends as how says: 1 traps,
  ;; 2 spins for ever, 3 raises, anything else returns.
  (func (export "leave_open_then") (param $sql i32) (param $len i32) (param $arg i32)
      (param $how i32) (result i64)
    (local $h i32)
    (local.set $h (call $prepare (local.get $sql) (local.get $len)))
    (drop (call $bind_i32 (local.get $h) (i32.const 1) (local.get $arg)))
    (drop (call $execute (local.get $h)))
    (if (i32.eq (local.get $how) (i32.const 1)) (then unreachable))
    (if (i32.eq (local.get $how) (i32.const 2)) (then (loop $forever (br $forever))))
    (if (i32.eq (local.get $how) (i32.const 3))
      (then (call $raise (i32.const 0) (i32.const 48) (i32.const 19))))
    (i64.const 7))

  ;; (state INT) -> INT: raises 'the routine gave up' with the SQLSTATE at that address.
  (func (export "raise_at") (param $state i32) (result i32)
    (call $raise (local.get $state) (i32.const 48) (i32.const 19))
    (i32.const 0))

  ;; (ptr INT, len INT) -> INT: prepare with whatever the test passes.
  (func (export "prepare_raw") (param i32 i32) (result i32)
    (call $prepare (local.get 0) (local.get 1)))

  ;; (h INT) -> INT: next on a handle that was never prepared.
  (func (export "next_raw") (param i32) (result i32)
    (call $next (local.get 0)))

  ;; (sql TEXT) -> INT: closes a statement twice.
  (func (export "close_twice") (param $sql i32) (param $len i32) (result i32)
    (local $h i32)
    (local.set $h (call $run (local.get $sql) (local.get $len)))
    (drop (call $close (local.get $h)))
    (call $close (local.get $h)))

  ;; (sql TEXT, col INT, rows INT) -> BIGINT: column_i64 after moving rows times with next.
  (func (export "column_after") (param $sql i32) (param $len i32) (param $col i32)
      (param $rows i32) (result i64)
    (local $h i32)
    (local.set $h (call $run (local.get $sql) (local.get $len)))
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $rows)))
        (drop (call $next (local.get $h)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $more)))
    (call $column_i64 (local.get $h) (local.get $col)))

  ;; (sql TEXT, buf INT, cap INT) -> INT: column_text of column 1 into the test's buffer.
  (func (export "text_into") (param i32 i32) (param $buf i32) (param $cap i32) (result i32)
    (call $column_text (call $first (local.get 0) (local.get 1)) (i32.const 1) (local.get $buf)
      (local.get $cap)))

  ;; (buf INT, cap INT) -> INT: calx.error into the test's buffer.
  (func (export "error_into") (param i32 i32) (result i32)
    (call $error (local.get 0) (local.get 1)))

  ;; (sql TEXT, depth INT) -> INT: depth nested calls of itself through the host (which runs
  ;; sql with depth - 1), returning depth. Traps if a nested call ran on this very instance,
  ;; which would have counted its call in $calls while this one was still running.
  (func (export "nest") (param $sql i32) (param $len i32) (param $depth i32) (result i32)
    (local $mine i32) (local $h i32) (local $result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (local.set $mine (global.get $calls))
    (if (i32.gt_s (local.get $depth) (i32.const 0))
      (then
        (local.set $h (call $prepare (local.get $sql) (local.get $len)))
        (drop (call $bind_i32 (local.get $h) (i32.const 1)
          (i32.sub (local.get $depth) (i32.const 1))))
        (local.set $result (i32.add (i32.wrap_i64 (call $execute (local.get $h)))
          (i32.const 1)))))
    (if (i32.ne (global.get $calls) (local.get $mine)) (then unreachable))
    (local.get $result))
)
