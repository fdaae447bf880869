;; A guest that loads items one by one through an async host function (a fetch-like loader) and sums
;; their sizes: `(call $load (i32 id)) -> i32 size`. Run with callAsync, it waits for each load without
;; blocking the event loop (see run.ts).
(module
  (import "host" "load" (func $load (param i32) (result i32)))
  (import "host" "log" (func $log (param i32 i32)))
  (func (export "total") (param $count i32) (result i32)
    (local $id i32) (local $size i32) (local $sum i32)
    (loop $next
      (local.set $id (i32.add (local.get $id) (i32.const 1)))
      (local.set $size (call $load (local.get $id)))
      (call $log (local.get $id) (local.get $size))
      (local.set $sum (i32.add (local.get $sum) (local.get $size)))
      (br_if $next (i32.lt_u (local.get $id) (local.get $count))))
    (local.get $sum)))
