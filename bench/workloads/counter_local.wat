;; A counter kept in a local, bumped by one per iteration until it reaches n; returns it (n).
;; With counter_param and counter_global: what the place of a loop's state costs.
(module
  (func (export "count") (param $n i32) (result i32)
    (local $count i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $bump
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br_if $bump (i32.ne (local.get $count) (local.get $n)))))
    (local.get $count)))
