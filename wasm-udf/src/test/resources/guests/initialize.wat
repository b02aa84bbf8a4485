;; A reactor module: _initialize must run once per instance before any call.
(module
  (global $ready (mut i32) (i32.const 0))
  (global $calls (mut i32) (i32.const 0))
  (func (export "_initialize")
    (global.set $ready (i32.add (global.get $ready) (i32.const 42))))
  (func (export "_start") (unreachable))
  (func (export "ready") (param i32) (result i32)
    (global.get $ready))
)
