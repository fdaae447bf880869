;; f64 loop: Mandelbrot set over [-2, 1] x [-1.5, 1.5] on a size x size grid,
;; returns the total number of iterations over all pixels.
(module
  (func (export "mandelbrot") (param $size i32) (param $maxIter i32) (result i32)
    (local $px i32) (local $py i32) (local $iter i32) (local $total i32)
    (local $cx f64) (local $cy f64) (local $zx f64) (local $zy f64) (local $t f64) (local $scale f64)
    (local.set $scale (f64.div (f64.const 3) (f64.convert_i32_u (local.get $size))))
    (block $rowsDone
      (br_if $rowsDone (i32.eqz (local.get $size)))
      (loop $row
        (local.set $cy (f64.sub (f64.mul (f64.convert_i32_u (local.get $py)) (local.get $scale)) (f64.const 1.5)))
        (local.set $px (i32.const 0))
        (loop $col
          (local.set $cx (f64.sub (f64.mul (f64.convert_i32_u (local.get $px)) (local.get $scale)) (f64.const 2)))
          (local.set $zx (f64.const 0))
          (local.set $zy (f64.const 0))
          (local.set $iter (i32.const 0))
          (block $escaped
            (loop $step
              (br_if $escaped (i32.ge_u (local.get $iter) (local.get $maxIter)))
              (br_if $escaped
                (f64.gt
                  (f64.add (f64.mul (local.get $zx) (local.get $zx)) (f64.mul (local.get $zy) (local.get $zy)))
                  (f64.const 4)))
              ;; z = z^2 + c
              (local.set $t
                (f64.add (f64.sub (f64.mul (local.get $zx) (local.get $zx)) (f64.mul (local.get $zy) (local.get $zy)))
                  (local.get $cx)))
              (local.set $zy (f64.add (f64.mul (f64.mul (f64.const 2) (local.get $zx)) (local.get $zy)) (local.get $cy)))
              (local.set $zx (local.get $t))
              (local.set $iter (i32.add (local.get $iter) (i32.const 1)))
              (br $step)))
          (local.set $total (i32.add (local.get $total) (local.get $iter)))
          (local.set $px (i32.add (local.get $px) (i32.const 1)))
          (br_if $col (i32.lt_u (local.get $px) (local.get $size))))
        (local.set $py (i32.add (local.get $py) (i32.const 1)))
        (br_if $row (i32.lt_u (local.get $py) (local.get $size)))))
    (local.get $total)))
