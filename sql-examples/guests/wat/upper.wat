;; upper.wat -> modules/wat_upper.wasm: a TEXT -> TEXT function written by hand, with its own tiny
;; allocator.
;;
;;   CREATE FUNCTION upper_ascii(t TEXT) RETURNS TEXT LANGUAGE WASM DETERMINISTIC
;;       FROM FILE 'wat_upper.wasm';
;;
;; Allocator: a bump pointer plus a count of live blocks. The host allocates the arguments, the call
;; allocates its result, and the host then frees arguments and result; when the last live block is
;; freed the whole heap is reset to its start. So memory never grows past the largest single call,
;; however many calls an instance serves. (It relies on the host freeing every buffer it was given,
;; as SPEC §3 says it does; a guest that keeps blocks alive across calls needs a real allocator, see
;; calx.h / calx.rs.)
(module
  (memory (export "memory") 1)

  (global $heap_start i32 (i32.const 1024))  ;; bytes below are free for constants
  (global $top (mut i32) (i32.const 1024))   ;; bump pointer
  (global $live (mut i32) (i32.const 0))     ;; blocks allocated and not yet freed

  ;; alloc(len) -> ptr, 8-byte aligned; grows memory as needed, traps when it cannot.
  (func $alloc (export "alloc") (param $len i32) (result i32)
    (local $ptr i32) (local $end i64) (local $have i64)
    (local.set $ptr (global.get $top))
    ;; end = ptr + align8(len), computed in i64 so huge lengths cannot wrap around
    (local.set $end (i64.add (i64.extend_i32_u (local.get $ptr))
                             (i64.and (i64.add (i64.extend_i32_u (local.get $len)) (i64.const 7))
                                      (i64.const -8))))
    (local.set $have (i64.shl (i64.extend_i32_u (memory.size)) (i64.const 16)))
    (if (i64.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq
              (memory.grow
                (i32.wrap_i64
                  (i64.shr_u (i64.add (i64.sub (local.get $end) (local.get $have)) (i64.const 65535))
                             (i64.const 16))))
              (i32.const -1))
          (then unreachable))))
    (global.set $top (i32.wrap_i64 (local.get $end)))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $ptr))

  ;; dealloc(ptr, len): the last free resets the heap. Foreign pointers are ignored.
  (func (export "dealloc") (param $ptr i32) (param $len i32)
    (if (i32.or (i32.lt_u (local.get $ptr) (global.get $heap_start))
                (i32.gt_u (local.get $ptr) (global.get $top)))
      (then return))
    (if (i32.eqz (global.get $live)) (then return))
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.eqz (global.get $live))
      (then (global.set $top (global.get $heap_start)))))

  ;; upper_ascii(ptr, len) -> (result_ptr << 32) | len: a copy with a-z turned into A-Z. Every other
  ;; byte, including all bytes of multi-byte UTF-8 sequences (always >= 0x80), is copied unchanged, so
  ;; the result is valid UTF-8 whenever the input is.
  (func (export "upper_ascii") (param $ptr i32) (param $len i32) (result i64)
    (local $out i32) (local $i i32) (local $c i32)
    (local.set $out (call $alloc (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $c (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
        (if (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26)) ;; 'a' <= c <= 'z'
          (then (local.set $c (i32.sub (local.get $c) (i32.const 32)))))
        (i32.store8 (i32.add (local.get $out) (local.get $i)) (local.get $c))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32))
            (i64.extend_i32_u (local.get $len)))))
