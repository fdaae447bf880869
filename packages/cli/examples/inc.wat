;; Imports `add` from a module named "math": run it with that module preloaded:
;;   wasmi-ts run --preload math=examples/add.wat --invoke inc packages/cli/examples/inc.wat 41
(module
  (import "math" "add" (func $add (param i32 i32) (result i32)))
  (func (export "inc") (param i32) (result i32)
    (call $add (local.get 0) (i32.const 1))))
