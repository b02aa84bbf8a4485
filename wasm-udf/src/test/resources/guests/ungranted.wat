;; Imports a host function Calx never grants.
(module
  (import "env" "launch_missiles" (func $launch (param i32) (result i32)))
  (func (export "go") (param i32) (result i32)
    (call $launch (local.get 0)))
)
