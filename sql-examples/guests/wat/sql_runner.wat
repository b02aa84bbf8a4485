;; sql_runner.wat -> modules/wat_sql_runner.wasm: routines that run whatever SQL they are given, for
;; the engine's tests of what a routine may and may not do (docs/abi.md, "Host API v1"). Every failure
;; the host reports is raised again with its own SQLSTATE and message, so a test sees what the host said.
;; All of them need READS SQL DATA at least (they import calx.prepare).
;;
;;   CREATE FUNCTION run_sql(sql VARCHAR) RETURNS BIGINT
;;     LANGUAGE WASM READS SQL DATA FROM FILE 'wat_sql_runner.wasm';
;;   CALL run_sql('INSERT INTO t VALUES (1)');         -- 38002: a write from READS SQL DATA
;;
;;   CREATE PROCEDURE change_sql(sql VARCHAR) RETURNS BIGINT
;;     LANGUAGE WASM MODIFIES SQL DATA EXPORT 'run_sql' FROM FILE 'wat_sql_runner.wasm';
;;   CALL change_sql('INSERT INTO t VALUES (1)');      -- 1 (rows changed)
;;   CALL change_sql('COMMIT');                        -- 38003, as ROLLBACK, CREATE TABLE ... are
;;
;;   CREATE FUNCTION query_i64(sql VARCHAR) RETURNS BIGINT
;;     LANGUAGE WASM READS SQL DATA FROM FILE 'wat_sql_runner.wasm';
;;   CALL query_i64('SELECT COUNT(*) FROM t');
;;
;;   CREATE FUNCTION open_statements(n INT) RETURNS INT
;;     LANGUAGE WASM READS SQL DATA FROM FILE 'wat_sql_runner.wasm';
;;   CALL open_statements(64);                         -- 64
;;   CALL open_statements(65);                         -- the 65th prepare fails: the host's error
;;
;;   CREATE FUNCTION depth(n INT) RETURNS INT
;;     LANGUAGE WASM READS SQL DATA FROM FILE 'wat_sql_runner.wasm';
;;   CALL depth(16);                                   -- 16: sixteen nested calls
;;   CALL depth(17);                                   -- 54001: the seventeenth is one too deep
(module
  (import "calx" "prepare" (func $prepare (param i32 i32) (result i32)))
  (import "calx" "bind_i32" (func $bind_i32 (param i32 i32 i32) (result i32)))
  (import "calx" "execute" (func $execute (param i32) (result i64)))
  (import "calx" "next" (func $next (param i32) (result i32)))
  (import "calx" "column_null" (func $column_null (param i32 i32) (result i32)))
  (import "calx" "column_i32" (func $column_i32 (param i32 i32) (result i32)))
  (import "calx" "column_i64" (func $column_i64 (param i32 i32) (result i64)))
  (import "calx" "close" (func $close (param i32) (result i32)))
  (import "calx" "error" (func $error (param i32 i32) (result i32)))
  (import "calx" "raise" (func $raise (param i32 i32 i32)))

  ;; Page 0: the texts below and, at 1024, the error buffer. From 64 KiB on: the argument buffer.
  (memory (export "memory") 2)
  (data (i32.const 0) "SELECT 1")                         ;; 8 bytes: what open_statements prepares
  (data (i32.const 16) "SELECT depth(?)")                 ;; 15 bytes: how depth calls itself
  (data (i32.const 32) "45000")                           ;; the SQLSTATE of this module's own errors
  (data (i32.const 48) "the query returned no row")       ;; 25 bytes
  (data (i32.const 80) "the value is NULL")               ;; 17 bytes

  ;; alloc(len) -> ptr. A call has at most one TEXT argument and the host frees it before the next
  ;; call, so one buffer at 64 KiB serves every call; memory grows to fit it.
  (func (export "alloc") (param $len i32) (result i32)
    (local $pages i32)
    (if (i32.lt_s (local.get $len) (i32.const 0)) (then unreachable))
    ;; page 0, plus ceil(len / 64 KiB) pages of buffer
    (local.set $pages
      (i32.add (i32.const 1) (i32.shr_u (i32.add (local.get $len) (i32.const 65535)) (i32.const 16))))
    (if (i32.gt_u (local.get $pages) (memory.size))
      (then
        (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1))
          (then unreachable))))
    (i32.const 65536))

  ;; dealloc(ptr, len): nothing to free, the buffer is reused.
  (func (export "dealloc") (param i32 i32))

  ;; Fail the call with the host's last failure. calx.error writes "SQLSTATE: message": the state is
  ;; bytes 0-4, ": " bytes 5-6, the message the rest.
  (func $raise_error
    (local $len i32)
    (local.set $len (call $error (i32.const 1024) (i32.const 1024)))
    (if (i32.gt_s (local.get $len) (i32.const 1024)) (then (local.set $len (i32.const 1024))))
    (if (i32.lt_s (local.get $len) (i32.const 7))
      (then (call $raise (i32.const 0) (i32.const 1024) (i32.const 0))))  ;; no text: plain 45000
    (call $raise (i32.const 1024) (i32.const 1031) (i32.sub (local.get $len) (i32.const 7)))
    unreachable)

  ;; The result of an import, unless it is negative: then the call fails with the host's error.
  (func $check (param $result i32) (result i32)
    (if (i32.lt_s (local.get $result) (i32.const 0)) (then (call $raise_error)))
    (local.get $result))
  (func $check64 (param $result i64) (result i64)
    (if (i64.lt_s (local.get $result) (i64.const 0)) (then (call $raise_error)))
    (local.get $result))

  ;; run_sql(sql) -> rows changed (0 for a query): prepare, execute, close.
  (func (export "run_sql") (param $sql i32) (param $len i32) (result i64)
    (local $h i32) (local $changed i64)
    (local.set $h (call $check (call $prepare (local.get $sql) (local.get $len))))
    (local.set $changed (call $check64 (call $execute (local.get $h))))
    (drop (call $close (local.get $h)))
    (local.get $changed))

  ;; query_i64(sql) -> the first column of the first row, which must exist and not be NULL (45000).
  (func (export "query_i64") (param $sql i32) (param $len i32) (result i64)
    (local $h i32) (local $value i64)
    (local.set $h (call $check (call $prepare (local.get $sql) (local.get $len))))
    (drop (call $check64 (call $execute (local.get $h))))
    (if (i32.eqz (call $check (call $next (local.get $h))))
      (then (call $raise (i32.const 32) (i32.const 48) (i32.const 25))))
    (if (call $check (call $column_null (local.get $h) (i32.const 1)))
      (then (call $raise (i32.const 32) (i32.const 80) (i32.const 17))))
    (local.set $value (call $column_i64 (local.get $h) (i32.const 1)))
    (drop (call $close (local.get $h)))
    (local.get $value))

  ;; open_statements(n) -> n: prepares "SELECT 1" n times and never closes one; the host closes them
  ;; when the call ends. The prepare past the host's limit (64 open statements) fails the call.
  (func (export "open_statements") (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $more
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (drop (call $check (call $prepare (i32.const 0) (i32.const 8))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $more)))
    (local.get $i))

  ;; depth(n) -> n, by n nested calls: depth(n) = depth(n - 1) + 1 through "SELECT depth(?)", and
  ;; depth(1) = 1 without SQL (also n itself for n < 1). So CALL depth(n) nests n routine calls.
  (func (export "depth") (param $n i32) (result i32)
    (local $h i32) (local $inner i32)
    (if (i32.le_s (local.get $n) (i32.const 1)) (then (return (local.get $n))))
    (local.set $h (call $check (call $prepare (i32.const 16) (i32.const 15))))
    (drop (call $check (call $bind_i32 (local.get $h) (i32.const 1)
                                       (i32.sub (local.get $n) (i32.const 1)))))
    (drop (call $check64 (call $execute (local.get $h))))
    (if (i32.eqz (call $check (call $next (local.get $h))))
      (then (call $raise (i32.const 32) (i32.const 48) (i32.const 25))))
    (local.set $inner (call $column_i32 (local.get $h) (i32.const 1)))
    (drop (call $close (local.get $h)))
    (i32.add (local.get $inner) (i32.const 1))))
