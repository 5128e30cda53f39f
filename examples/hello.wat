;; A WASI "hello world" written by hand: writes one line to stdout and exits 0.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; iovec { buf = 16, len = 13 } at 0, the text at 16
  (data (i32.const 0) "\10\00\00\00\0d\00\00\00")
  (data (i32.const 16) "Hello, Mewz!\0a")
  (func $main (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 0))))
