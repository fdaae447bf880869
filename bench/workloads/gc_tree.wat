;; GC: binary trees of structs, as a program in a managed language makes them. Each round builds a full
;; tree of the given depth (struct.new, values from xorshift32), walks it with an explicit stack that is
;; an array of anyref (array.get/set, ref.cast on each pop, as a generic collection of objects does),
;; counts its nodes recursively (br_on_null), and drops it; the checksum mixes walk and count.
(module
  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node)) (field $value i32)))
  (type $stack (array (mut anyref)))
  (global $seed (mut i32) (i32.const 1))

  (func $next (result i32)
    (local $x i32)
    (local.set $x (global.get $seed))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
    (global.set $seed (local.get $x))
    (local.get $x))

  ;; left subtree, right subtree, then the node's value
  (func $build (param $depth i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $depth))
      (then (struct.new $node (ref.null $node) (ref.null $node) (call $next)))
      (else
        (struct.new $node
          (call $build (i32.sub (local.get $depth) (i32.const 1)))
          (call $build (i32.sub (local.get $depth) (i32.const 1)))
          (call $next)))))

  (func $count (param $n (ref null $node)) (result i32)
    (block $null
      (local.set $n (br_on_null $null (local.get $n)))
      (return
        (i32.add (i32.const 1)
          (i32.add (call $count (struct.get $node $left (local.get $n)))
                   (call $count (struct.get $node $right (local.get $n)))))))
    (i32.const 0))

  ;; preorder: sum = sum * 31 + value
  (func $walk (param $root (ref $node)) (result i32)
    (local $stack (ref $stack)) (local $sp i32) (local $n (ref $node)) (local $sum i32)
    (local.set $stack (array.new $stack (local.get $root) (i32.const 64)))
    (local.set $sp (i32.const 1))
    (loop $pop
      (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
      (local.set $n (ref.cast (ref $node) (array.get $stack (local.get $stack) (local.get $sp))))
      (local.set $sum
        (i32.add (i32.mul (local.get $sum) (i32.const 31)) (struct.get $node $value (local.get $n))))
      (block $leaf
        (array.set $stack (local.get $stack) (local.get $sp)
          (br_on_null $leaf (struct.get $node $right (local.get $n))))
        (array.set $stack (local.get $stack) (i32.add (local.get $sp) (i32.const 1))
          (struct.get $node $left (local.get $n)))
        (local.set $sp (i32.add (local.get $sp) (i32.const 2))))
      (br_if $pop (local.get $sp)))
    (local.get $sum))

  (func (export "trees") (param $depth i32) (param $rounds i32) (result i32)
    (local $r i32) (local $tree (ref null $node)) (local $sum i32)
    (loop $round
      (global.set $seed (i32.add (local.get $r) (i32.const 1)))
      (local.set $tree (call $build (local.get $depth)))
      (local.set $sum
        (i32.add
          (i32.mul (local.get $sum) (i32.const 31))
          (i32.xor (call $walk (ref.as_non_null (local.get $tree))) (call $count (local.get $tree)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (local.get $rounds))))
    (local.get $sum)))
