;; Iterative Fibonacci on i64: two locals updated in a loop, n iterations; returns fib(n) mod 2^64.
(module
  (func (export "fib_iter") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $sum i64)
    (local.set $b (i64.const 1))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $step
        ;; (a, b) = (b, a + b)
        (local.set $sum (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $sum))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $step (local.get $n))))
    (local.get $a)))
