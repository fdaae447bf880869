;; br_table dispatch, the shape of an interpreter's or a parser's main loop: each step takes an opcode
;; (low 3 bits) and an operand (the other bits) from a xorshift32 stream and runs one of eight small
;; operations on two registers a and b; n steps, returns a ^ b.
(module
  (func (export "dispatch") (param $n i32) (result i32)
    (local $x i32) (local $operand i32) (local $a i32) (local $b i32) (local $t i32)
    (local.set $x (i32.const 2463534242))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $step
        ;; xorshift32
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
        (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
        (local.set $operand (i32.shr_u (local.get $x) (i32.const 3)))
        (block $next
          (block $accumulate
            (block $rotl
              (block $shift
                (block $swap
                  (block $mul
                    (block $xor
                      (block $sub
                        (block $add
                          (br_table $add $sub $xor $mul $swap $shift $rotl $accumulate
                            (i32.and (local.get $x) (i32.const 7))))
                        ;; 0: a += operand
                        (local.set $a (i32.add (local.get $a) (local.get $operand)))
                        (br $next))
                      ;; 1: a -= b
                      (local.set $a (i32.sub (local.get $a) (local.get $b)))
                      (br $next))
                    ;; 2: b ^= operand
                    (local.set $b (i32.xor (local.get $b) (local.get $operand)))
                    (br $next))
                  ;; 3: a *= b | 1
                  (local.set $a (i32.mul (local.get $a) (i32.or (local.get $b) (i32.const 1))))
                  (br $next))
                ;; 4: swap a and b
                (local.set $t (local.get $a))
                (local.set $a (local.get $b))
                (local.set $b (local.get $t))
                (br $next))
              ;; 5: a += b >> (operand mod 32)
              (local.set $a (i32.add (local.get $a) (i32.shr_u (local.get $b) (local.get $operand))))
              (br $next))
            ;; 6: b = rotl(b, a)
            (local.set $b (i32.rotl (local.get $b) (local.get $a)))
            (br $next))
          ;; 7 (and br_table's default): b += a
          (local.set $b (i32.add (local.get $b) (local.get $a))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $step (local.get $n))))
    (i32.xor (local.get $a) (local.get $b))))
