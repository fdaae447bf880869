;; Tight i32 loop: a linear congruential mix of the counter, n iterations.
(module
  (func (export "loop") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        ;; acc = acc * 1664525 + (i ^ 1013904223)
        (local.set $acc
          (i32.add
            (i32.mul (local.get $acc) (i32.const 1664525))
            (i32.xor (local.get $i) (i32.const 1013904223))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
    (local.get $acc)))
