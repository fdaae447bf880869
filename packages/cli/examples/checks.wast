;; A spec test script: wasmi-ts wast checks.wast
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "sqrt") (param f32) (result f32) (f32.sqrt (local.get 0))))

(assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 5))
(assert_return (invoke "sqrt" (f32.const -1)) (f32.const nan:canonical))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")
(assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 5))
