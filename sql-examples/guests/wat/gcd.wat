;; gcd.wat -> modules/wat_gcd.wasm: the smallest useful Calx module. INT-only, so it needs no memory,
;; no alloc and no imports.
;;
;;   wat2wasm gcd.wat -o wat_gcd.wasm
;;
;;   CREATE FUNCTION gcd(a INT, b INT) RETURNS INT LANGUAGE WASM DETERMINISTIC FROM FILE 'wat_gcd.wasm';
;;   CREATE FUNCTION add_one(x INT) RETURNS INT LANGUAGE WASM DETERMINISTIC FROM FILE 'wat_gcd.wasm';
(module
  ;; Greatest common divisor of |a| and |b| (Euclid); gcd(0, 0) = 0.
  ;; Works on unsigned magnitudes, so gcd(-2147483648, 0) = -2147483648 as i32 (2^31 does not fit INT).
  (func $gcd (export "gcd") (param $a i32) (param $b i32) (result i32)
    (local $t i32)
    ;; a = |a|, b = |b|
    (if (i32.lt_s (local.get $a) (i32.const 0))
      (then (local.set $a (i32.sub (i32.const 0) (local.get $a)))))
    (if (i32.lt_s (local.get $b) (i32.const 0))
      (then (local.set $b (i32.sub (i32.const 0) (local.get $b)))))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $b)))
        (local.set $t (i32.rem_u (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (br $next)))
    (local.get $a))

  ;; x + 1 (wraps at 2^31 - 1 like Java int arithmetic).
  (func (export "add_one") (param $x i32) (result i32)
    (i32.add (local.get $x) (i32.const 1))))
