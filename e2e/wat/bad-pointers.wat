;; WASI calls with pointers outside the app's memory must fail with EFAULT (21), never
;; crash: prints the errno of each call as two digits, space separated.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0: iovec, 8: n, 16: output cursor, 64: output
  (func $put (param $errno i32)
    (local $at i32)
    (local.set $at (i32.add (i32.const 64) (i32.load (i32.const 16))))
    (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.div_u (local.get $errno) (i32.const 10))))
    (i32.store8 (i32.add (local.get $at) (i32.const 1)) (i32.add (i32.const 48) (i32.rem_u (local.get $errno) (i32.const 10))))
    (i32.store8 (i32.add (local.get $at) (i32.const 2)) (i32.const 32))
    (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (i32.const 3))))
  (func $main (export "_start")
    ;; iovec array beyond the end of memory
    (call $put (call $fd_write (i32.const 1) (i32.const 0xfffffff8) (i32.const 1) (i32.const 8)))
    ;; a buffer that runs past the end
    (i32.store (i32.const 0) (i32.const 65530))
    (i32.store (i32.const 4) (i32.const 100))
    (call $put (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    ;; the result pointer out of bounds
    (i32.store (i32.const 4) (i32.const 1))
    (call $put (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 65535)))
    (call $put (call $args_sizes_get (i32.const 65536) (i32.const 0)))
    (call $put (call $args_get (i32.const 0xffff0000) (i32.const 100)))
    (call $put (call $random_get (i32.const 100) (i32.const 0xffffff00)))
    (call $put (call $clock_time_get (i32.const 0) (i64.const 0) (i32.const 65532)))
    (i32.store (i32.const 0) (i32.const 65000))
    (i32.store (i32.const 4) (i32.const 1000))
    (call $put (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
    ;; a bad fd and an unknown clock
    (call $put (call $fd_write (i32.const 9) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $put (call $clock_time_get (i32.const 99) (i64.const 0) (i32.const 8)))
    ;; a valid call still works afterwards: print the line
    (i32.store8 (i32.add (i32.const 63) (i32.load (i32.const 16))) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.load (i32.const 16)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
