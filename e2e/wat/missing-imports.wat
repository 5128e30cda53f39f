;; Imports two functions no kernel component provides; exits with the result of one.
(module
  (import "env" "now" (func $now (result i32)))
  (import "wasi_snapshot_preview1" "not_in_preview1" (func $nope (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func $main (export "_start")
    (call $proc_exit (i32.add (call $now) (call $nope (i32.const 0))))))
