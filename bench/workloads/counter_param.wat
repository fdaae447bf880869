;; A counter kept in a function parameter (reassigned with local.set), bumped by one per iteration
;; until it reaches n; returns it (n). See counter_local.
(module
  (func $count_from (param $count i32) (param $n i32) (result i32)
    (block $done
      (br_if $done (i32.eq (local.get $count) (local.get $n)))
      (loop $bump
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br_if $bump (i32.ne (local.get $count) (local.get $n)))))
    (local.get $count))
  (func (export "count") (param $n i32) (result i32)
    (call $count_from (i32.const 0) (local.get $n))))
