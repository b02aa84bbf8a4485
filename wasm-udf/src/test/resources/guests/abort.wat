;; AssemblyScript-style abort: strings are UTF-16LE with their byte length just before them.
(module
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 12) "\08\00\00\00b\00o\00o\00m\00")
  (data (i32.const 28) "\0a\00\00\00a\00.\00t\00s\00!\00")
  (func (export "fail") (param i32) (result i32)
    (call $abort (i32.const 16) (i32.const 32) (i32.const 3) (i32.const 7))
    (i32.const 0))
)
