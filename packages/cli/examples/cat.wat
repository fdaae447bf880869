;; A WASI command: copies the files its arguments name to standard output. It opens them in the
;; first preopened directory (descriptor 3: the first --dir); a file it cannot open is reported on
;; standard error, and it exits with code 1. Run: wasmi-ts run --dir DIR cat.wat FILE...
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))

  ;; 0: an iovec, 8: bytes read or written, 12: the opened descriptor, 16: argc, 20: argv size,
  ;; 32: the error message, 64: "\n", 1024: argv pointers, 4096: argv strings, 16384: read buffer
  (memory (export "memory") 1)
  (data (i32.const 32) "cat: cannot open ")
  (data (i32.const 64) "\n")

  ;; Writes `len` bytes at `ptr` to descriptor `fd`.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))

  (func $strlen (param $s i32) (result i32)
    (local $n i32)
    (block $end
      (loop $next
        (br_if $end (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; Copies descriptor `fd` to standard output, to its end.
  (func $copy (param $fd i32)
    (local $n i32)
    (loop $next
      (i32.store (i32.const 0) (i32.const 16384))
      (i32.store (i32.const 4) (i32.const 32768))
      (if (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)) (then (return)))
      (local.set $n (i32.load (i32.const 8)))
      (if (i32.eqz (local.get $n)) (then (return)))
      (call $write (i32.const 1) (i32.const 16384) (local.get $n))
      (br $next)))

  (func (export "_start")
    (local $i i32) (local $path i32) (local $len i32)
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (drop (call $args_get (i32.const 1024) (i32.const 4096)))
    (local.set $i (i32.const 1))
    (block $end
      (loop $next
        (br_if $end (i32.ge_u (local.get $i) (i32.load (i32.const 16))))
        (local.set $path (i32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $len (call $strlen (local.get $path)))
        ;; path_open(dir 3, no flags, path, no oflags, rights: fd_read, none inherited, no fdflags)
        (if (call $path_open (i32.const 3) (i32.const 0) (local.get $path) (local.get $len)
              (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 12))
          (then
            (call $write (i32.const 2) (i32.const 32) (i32.const 17))
            (call $write (i32.const 2) (local.get $path) (local.get $len))
            (call $write (i32.const 2) (i32.const 64) (i32.const 1))
            (call $proc_exit (i32.const 1))))
        (call $copy (i32.load (i32.const 12)))
        (drop (call $fd_close (i32.load (i32.const 12))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))))
