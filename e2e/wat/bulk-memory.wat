;; memory.copy with overlapping ranges in both directions, memory.fill, and memory.grow;
;; prints the bytes, then the memory size in pages before and after growing.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1 4)
  (data (i32.const 100) "0123456789abcdef")
  ;; 0: iovec, 8: n, 100: text
  (func $print (param $at i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $at))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func $main (export "_start")
    ;; dst above src, overlapping: "0123456789abcdef" → "01230123456789ef"
    (memory.copy (i32.const 104) (i32.const 100) (i32.const 10))
    (i32.store8 (i32.const 116) (i32.const 10))
    (call $print (i32.const 100) (i32.const 17))
    ;; dst below src, overlapping: → "30123456789ef..."
    (memory.copy (i32.const 100) (i32.const 103) (i32.const 12))
    (call $print (i32.const 100) (i32.const 17))
    ;; fill the middle with '*'
    (memory.fill (i32.const 104) (i32.const 42) (i32.const 5))
    (call $print (i32.const 100) (i32.const 17))
    ;; grow by 2 pages: old size 1; then 3; beyond the maximum fails with -1
    (i32.store8 (i32.const 200) (i32.add (i32.const 48) (memory.grow (i32.const 2))))
    (i32.store8 (i32.const 201) (i32.add (i32.const 48) (memory.size)))
    (i32.store8 (i32.const 202) (i32.add (i32.const 48) (i32.add (memory.grow (i32.const 5)) (i32.const 2))))
    ;; the new pages are usable and zero
    (i32.store8 (i32.const 203) (i32.add (i32.const 48) (i32.load8_u (i32.const 196000))))
    (i32.store8 (i32.const 196001) (i32.const 10))
    (memory.copy (i32.const 204) (i32.const 196001) (i32.const 1))
    (call $print (i32.const 200) (i32.const 5))))
