;; i64 loop: xorshift64* generator, returns the wrapping sum of n outputs.
(module
  (func (export "xorshift") (param $n i32) (result i64)
    (local $x i64) (local $sum i64)
    (local.set $x (i64.const 88172645463325252))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 12))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 25))))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 27))))
        (local.set $sum
          (i64.add (local.get $sum)
            (i64.mul (local.get $x) (i64.const 0x2545F4914F6CDD1D))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $next (local.get $n))))
    (local.get $sum)))
