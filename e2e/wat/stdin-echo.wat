;; Copies stdin to stdout in reads of up to 7 bytes, then writes the byte count to stderr as one character.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0: iovec, 8: n, 64: buffer
  (func $main (export "_start")
    (local $total i32)
    (block $eof
      (loop $more
        (i32.store (i32.const 0) (i32.const 64))
        (i32.store (i32.const 4) (i32.const 7))
        (br_if $eof (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
        (br_if $eof (i32.eqz (i32.load (i32.const 8))))
        (local.set $total (i32.add (local.get $total) (i32.load (i32.const 8))))
        (i32.store (i32.const 4) (i32.load (i32.const 8)))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (br $more)))
    (i32.store8 (i32.const 64) (i32.add (i32.const 48) (local.get $total)))
    (i32.store (i32.const 4) (i32.const 1))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))))
