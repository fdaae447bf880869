;; A counter kept in a mutable global (global.get, add, global.set per iteration), bumped by one until
;; it reaches n; returns it (n). See counter_local.
(module
  (global $count (mut i32) (i32.const 0))
  (func (export "count") (param $n i32) (result i32)
    (global.set $count (i32.const 0))  ;; the global outlives the call: every call starts from zero
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $bump
        (global.set $count (i32.add (global.get $count) (i32.const 1)))
        (br_if $bump (i32.ne (global.get $count) (local.get $n)))))
    (global.get $count)))
