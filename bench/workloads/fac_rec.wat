;; Plain (non-tail) recursion, linear rather than fib's tree: the rising factorial
;; (k + 1)(k + 2)...(k + n) mod 2^64, one call per factor and the multiply after the call returns;
;; summed over k = 0 .. reps - 1, so (n + 1) * reps calls at depth n + 1.
(module
  (func $fac (param $n i64) (param $k i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 1))
      (else
        (i64.mul
          (i64.add (local.get $n) (local.get $k))
          (call $fac (i64.sub (local.get $n) (i64.const 1)) (local.get $k))))))
  (func (export "fac_rec") (param $n i32) (param $reps i32) (result i64)
    (local $k i64) (local $sum i64)
    (block $done
      (br_if $done (i32.eqz (local.get $reps)))
      (loop $next
        (local.set $sum
          (i64.add (local.get $sum) (call $fac (i64.extend_i32_u (local.get $n)) (local.get $k))))
        (local.set $k (i64.add (local.get $k) (i64.const 1)))
        (br_if $next (i64.lt_u (local.get $k) (i64.extend_i32_u (local.get $reps))))))
    (local.get $sum)))
