;; Exception handling as C++ compiled with Emscripten's -fwasm-exceptions uses it (the legacy try/catch
;; form that it emits): each of n calls goes `frames` frames deep; every frame has a cleanup (a destructor:
;; catch_all, count, rethrow); the innermost throws a tag with an i32 payload for about half of the
;; inputs (xorshift32), and the caller catches it and mixes the payload into the checksum.
(module
  (tag $error (param i32))
  (global $cleanups (mut i32) (i32.const 0))

  (func $leaf (param $x i32) (result i32)
    (if (i32.and (local.get $x) (i32.const 1))
      (then (throw $error (i32.shr_u (local.get $x) (i32.const 1)))))
    (i32.shr_u (local.get $x) (i32.const 3)))

  (func $frame (param $x i32) (param $depth i32) (result i32)
    (try (result i32)
      (do
        (if (result i32) (local.get $depth)
          (then
            (i32.add
              (call $frame (local.get $x) (i32.sub (local.get $depth) (i32.const 1)))
              (local.get $depth)))
          (else (call $leaf (local.get $x)))))
      (catch_all
        (global.set $cleanups (i32.add (global.get $cleanups) (i32.const 1)))
        (rethrow 0))))

  (func (export "throws") (param $n i32) (param $frames i32) (result i32)
    (local $x i32) (local $sum i32)
    (global.set $cleanups (i32.const 0))
    (local.set $x (i32.const 2463534242))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
        (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
        (local.set $sum
          (i32.add (i32.mul (local.get $sum) (i32.const 31))
            (try (result i32)
              (do (call $frame (local.get $x) (local.get $frames)))
              (catch $error (i32.xor (i32.const -1))))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $next (local.get $n))))
    (i32.add (local.get $sum) (global.get $cleanups))))
