;; Bulk memory: each round fills a pseudo-random range of 1 byte to 16 KiB with memory.fill, copies it
;; with memory.copy one to 64 bytes up, then as far down (overlapping both ways, so both copy directions
;; occur), and reads one word back into the checksum; `rounds` rounds, then a checksum of all the memory.
(module
  (memory (export "memory") 1)
  (func (export "bulk") (param $rounds i32) (result i32)
    (local $x i32) (local $len i32) (local $at i32) (local $shift i32) (local $sum i32) (local $p i32)
    (memory.fill (i32.const 0) (i32.const 0) (i32.const 65536))  ;; memory outlives the call: start from zeros
    (local.set $x (i32.const 2463534242))
    (block $done
      (br_if $done (i32.eqz (local.get $rounds)))
      (loop $round
        ;; xorshift32
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
        (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
        ;; length 1 to 4^(rounds mod 8): every eighth round may reach 16 KiB, most are short
        (local.set $len
          (i32.add
            (i32.and (local.get $x)
              (i32.sub
                (i32.shl (i32.const 1) (i32.shl (i32.and (local.get $rounds) (i32.const 7)) (i32.const 1)))
                (i32.const 1)))
            (i32.const 1)))
        ;; start 64 to 32831 and shift 1 to 64 keep every range inside the 64 KiB
        (local.set $at (i32.add (i32.and (i32.shr_u (local.get $x) (i32.const 16)) (i32.const 32767)) (i32.const 64)))
        (local.set $shift (i32.add (i32.and (i32.shr_u (local.get $x) (i32.const 8)) (i32.const 63)) (i32.const 1)))
        (memory.fill (local.get $at) (local.get $rounds) (local.get $len))
        (memory.copy (i32.add (local.get $at) (local.get $shift)) (local.get $at) (local.get $len))
        (memory.copy (i32.sub (local.get $at) (local.get $shift)) (local.get $at) (local.get $len))
        (local.set $sum
          (i32.add (i32.mul (local.get $sum) (i32.const 31))
            (i32.load (i32.add (local.get $at) (i32.shr_u (local.get $len) (i32.const 1))))))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (br_if $round (local.get $rounds))))
    ;; checksum of the whole memory, a word at a time
    (loop $word
      (local.set $sum (i32.add (i32.mul (local.get $sum) (i32.const 31)) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $word (i32.lt_u (local.get $p) (i32.const 65536))))
    (local.get $sum)))
