;; Small functions for trying the CLI:
;;   wasmi-ts examples/add.wat --invoke add 2 3        prints 5
;;   wasmi-ts examples/add.wat --invoke fib 90         prints 2880067194370816120 (i64)
;;   wasmi-ts examples/add.wat --invoke div 1 0        prints "trap: integer divide by zero", exits 3
;;   wasmi-ts --timeout 100 examples/add.wat --invoke spin   stops the endless loop after 100 ms
(module
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))

  ;; Iterative Fibonacci over i64.
  (func (export "fib") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))

  (func (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))

  (func (export "hypot") (param f64 f64) (result f64)
    (f64.sqrt (f64.add (f64.mul (local.get 0) (local.get 0)) (f64.mul (local.get 1) (local.get 1)))))

  ;; Two results.
  (func (export "divmod") (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1)))

  ;; Never returns: for --timeout and --fuel.
  (func (export "spin") (loop (br 0))))
