;; Memory loop: fill 1 MiB with i32 words, then sum them back, `reps` times.
(module
  (memory (export "memory") 16)
  (func (export "memsum") (param $reps i32) (result i32)
    (local $r i32) (local $p i32) (local $sum i32)
    (block $done
      (br_if $done (i32.eqz (local.get $reps)))
      (loop $rep
        ;; fill: word at byte offset p = p * 7 + r
        (local.set $p (i32.const 0))
        (loop $fill
          (i32.store (local.get $p)
            (i32.add (i32.mul (local.get $p) (i32.const 7)) (local.get $r)))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br_if $fill (i32.lt_u (local.get $p) (i32.const 1048576))))
        ;; sum
        (local.set $p (i32.const 0))
        (loop $add
          (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br_if $add (i32.lt_u (local.get $p) (i32.const 1048576))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $rep (i32.lt_u (local.get $r) (local.get $reps)))))
    (local.get $sum)))
