;; hostile.wat -> modules/wat_hostile.wasm: a guest that abuses the host API, for the engine's tests.
;; Each export makes one bad call and returns what the import returned, so a host that let it through
;; shows a number instead of an error. Whatever a guest passes must not crash the host or leak into
;; another call: each of these calls fails with 39000 (the guest broke the ABI). All need READS SQL
;; DATA (they import calx.prepare); each is `() RETURNS INT` except stale_handle.
;;
;;   CREATE FUNCTION unknown_handle() RETURNS INT
;;     LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';
;;   CALL unknown_handle();                            -- 39000
;;
;;   CREATE FUNCTION stale_handle(step INT) RETURNS INT
;;     LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';
;;   CALL stale_handle(1);                             -- a handle (>= 1), kept in a global
;;   CALL stale_handle(2);                             -- 39000: that handle died with the last call
(module
  (import "calx" "prepare" (func $prepare (param i32 i32) (result i32)))
  (import "calx" "bind_text" (func $bind_text (param i32 i32 i32 i32) (result i32)))
  (import "calx" "execute" (func $execute (param i32) (result i64)))
  (import "calx" "next" (func $next (param i32) (result i32)))
  (import "calx" "column_text" (func $column_text (param i32 i32 i32 i32) (result i32)))
  (import "calx" "close" (func $close (param i32) (result i32)))
  (import "calx" "error" (func $error (param i32 i32) (result i32)))
  (import "calx" "raise" (func $raise (param i32 i32 i32)))
  (import "calx" "log" (func $log (param i32 i32 i32)))

  ;; One page: 64 KiB. Every address from 65536 on is outside memory.
  (memory (export "memory") 1)
  (data (i32.const 0) "SELECT 1")                         ;; 8 bytes
  (data (i32.const 16) "SELECT CAST(? AS VARCHAR(10))")   ;; 29 bytes
  (data (i32.const 48) "SELECT 'abc'")                    ;; 12 bytes
  (data (i32.const 64) "NOT SQL AT ALL")                  ;; 14 bytes: prepare fails (negative)
  (data (i32.const 80) "\ff\fe")                          ;; 2 bytes that are not UTF-8
  (data (i32.const 96) "45000")
  (data (i32.const 101) "00000")

  ;; A handle a previous call left behind (stale_handle).
  (global $kept (mut i32) (i32.const 0))

  ;; --- bad handles --------------------------------------------------------------------------------

  ;; next on handle 7 when this call prepared nothing.
  (func (export "unknown_handle") (result i32)
    (call $next (i32.const 7)))

  ;; execute on a handle after closing it.
  (func (export "closed_handle") (result i32)
    (local $h i32)
    (local.set $h (call $prepare (i32.const 0) (i32.const 8)))
    (drop (call $close (local.get $h)))
    (i32.wrap_i64 (call $execute (local.get $h))))

  ;; stale_handle(1) prepares a statement, keeps its handle and returns it without closing it;
  ;; stale_handle(2) uses the kept handle: the host closed it when the first call ended.
  (func (export "stale_handle") (param $step i32) (result i32)
    (if (i32.eq (local.get $step) (i32.const 1))
      (then
        (global.set $kept (call $prepare (i32.const 0) (i32.const 8)))
        (return (global.get $kept))))
    (call $next (global.get $kept)))

  ;; --- bad pointers, lengths and text ---------------------------------------------------------------

  ;; The statement text starts far outside memory.
  (func (export "sql_out_of_range") (result i32)
    (call $prepare (i32.const 0xFFFFFF00) (i32.const 16)))

  ;; The statement text starts inside memory and runs past its end.
  (func (export "sql_past_memory_end") (result i32)
    (call $prepare (i32.const 65530) (i32.const 16)))

  ;; A length of 2 GiB - 1.
  (func (export "sql_huge_length") (result i32)
    (call $prepare (i32.const 0) (i32.const 0x7FFFFFFF)))

  ;; A negative length.
  (func (export "sql_negative_length") (result i32)
    (call $prepare (i32.const 0) (i32.const -1)))

  ;; Statement text that is not UTF-8.
  (func (export "sql_bad_utf8") (result i32)
    (call $prepare (i32.const 80) (i32.const 2)))

  ;; A TEXT parameter outside memory. (Bytes that are not UTF-8 are no abuse: they bind as VARBINARY.)
  (func (export "bind_text_out_of_range") (result i32)
    (call $bind_text (call $prepare (i32.const 16) (i32.const 29))
                     (i32.const 1) (i32.const 0xFFFFFF00) (i32.const 4)))

  ;; Parameter 0: parameters count from 1.
  (func (export "bind_parameter_zero") (result i32)
    (call $bind_text (call $prepare (i32.const 16) (i32.const 29))
                     (i32.const 0) (i32.const 48) (i32.const 3)))

  ;; A column buffer outside memory.
  (func (export "column_text_out_of_range") (result i32)
    (local $h i32)
    (local.set $h (call $prepare (i32.const 48) (i32.const 12)))
    (drop (call $execute (local.get $h)))
    (drop (call $next (local.get $h)))
    (call $column_text (local.get $h) (i32.const 1) (i32.const 0xFFFFFF00) (i32.const 64)))

  ;; An error buffer outside memory, after a prepare that failed.
  (func (export "error_out_of_range") (result i32)
    (drop (call $prepare (i32.const 64) (i32.const 14)))
    (call $error (i32.const 0xFFFFFF00) (i32.const 64)))

  ;; A SQLSTATE pointer outside memory.
  (func (export "raise_out_of_range") (result i32)
    (call $raise (i32.const 0xFFFFFF00) (i32.const 0) (i32.const 0))
    (i32.const 0))

  ;; A message that is not UTF-8.
  (func (export "raise_bad_utf8") (result i32)
    (call $raise (i32.const 96) (i32.const 80) (i32.const 2))
    (i32.const 0))

  ;; An SQLSTATE of class 00, which means success.
  (func (export "raise_success") (result i32)
    (call $raise (i32.const 101) (i32.const 96) (i32.const 5))
    (i32.const 0))

  ;; A log line outside memory.
  (func (export "log_out_of_range") (result i32)
    (call $log (i32.const 1) (i32.const 0xFFFFFF00) (i32.const 16))
    (i32.const 0)))
