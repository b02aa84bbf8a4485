;; Export names that differ only in case, and a small declared memory maximum.
(module
  (memory (export "memory") 1 2)
  (func (export "Area") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
  (func (export "Twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))
)
