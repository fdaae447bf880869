;; Tail-recursive Fibonacci: each step is a return_call carrying i64 accumulators, so the call stack
;; stays flat however large n is; n + 1 calls, returns fib(n) mod 2^64.
(module
  (func $fib (param $n i32) (param $a i64) (param $b i64) (result i64)
    (if (result i64) (i32.eqz (local.get $n))
      (then (local.get $a))
      (else
        (return_call $fib
          (i32.sub (local.get $n) (i32.const 1))
          (local.get $b)
          (i64.add (local.get $a) (local.get $b))))))
  (func (export "fib_tail") (param $n i32) (result i64)
    (call $fib (local.get $n) (i64.const 0) (i64.const 1))))
