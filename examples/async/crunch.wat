;; A CPU-bound guest: counts the primes below $n by trial division. Run with callAsync and a fuel yield
;; interval, it gives the event loop back every few milliseconds, so timers keep firing (see run.ts).
(module
  (func (export "primes") (param $n i32) (result i32)
    (local $i i32) (local $d i32) (local $count i32)
    (local.set $i (i32.const 2))
    (block $done
      (loop $candidate
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $d (i32.const 2))
        (block $composite
          (loop $divisor
            (if (i32.gt_u (i32.mul (local.get $d) (local.get $d)) (local.get $i))
              (then (local.set $count (i32.add (local.get $count) (i32.const 1))) (br $composite)))
            (br_if $composite (i32.eqz (i32.rem_u (local.get $i) (local.get $d))))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $divisor)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $candidate)))
    (local.get $count)))
