;; Guests that misbehave: loops, traps, memory bombs, deep recursion.
(module
  (memory (export "memory") 1)
  (global $calls (mut i32) (i32.const 0))
  (func (export "spin") (param i32) (result i32)
    (loop $forever (br $forever))
    (i32.const 0))
  (func (export "trap") (param i32) (result i32)
    (unreachable))
  (func (export "divide") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (export "peek") (param i32) (result i32)
    (i32.load (local.get 0)))
  ;; Grows memory a page at a time until refused, then traps as C's abort() would.
  (func (export "grow_bomb") (param i32) (result i32)
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    (unreachable))
  ;; Grows memory by n pages and reports the new size: the instance passes its high-water mark.
  (func (export "grow") (param i32) (result i32)
    (drop (memory.grow (local.get 0)))
    (memory.size))
  ;; Loops n times: a call whose length the caller chooses.
  (func (export "countdown") (param $n i32) (result i32)
    (loop $again
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $again (i32.gt_s (local.get $n) (i32.const 0))))
    (local.get $n))
  (func $deep (export "deep") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
  ;; Counts calls in instance state, so a test can see whether an instance was kept or replaced.
  (func (export "count") (param i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (global.get $calls))
)
