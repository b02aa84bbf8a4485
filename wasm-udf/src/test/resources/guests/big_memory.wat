;; Starts with 32 MiB of memory, more than the default limit of 16 MiB.
(module
  (memory (export "memory") 512)
  (func (export "one") (result i32) (i32.const 1))
)
