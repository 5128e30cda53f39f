;; Memory isolation: grows the linear memory a page at a time until memory.grow refuses,
;; then either
;; - (no argument) writes every byte of it with a pattern that depends on the address,
;;   reads it all back, uses the kernel (fd_write, clocks, random_get), checks the pattern
;;   again above the first 64 KiB (where the WASI calls wrote nothing) and exits with 7; or
;; - (argv[1] = a|b|c|d|e) stores out of bounds, which must trap: a the first byte past the
;;   end, b a word straddling the end, c address 0xffffffff, d an offset immediate that takes
;;   the address past 4 GiB, e past the end and past the 64 KiB guard.
;; Its strings are passive segments, copied in just before printing, since the fill
;; overwrites everything.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data $pages "pages ")
  (data $mismatches "mismatches ")
  (data $clocks "clocks ok ")
  (data $random "random ok ")
  (data $intact "intact after calls ")
  (global $k i64 (i64.const 0x9e3779b97f4a7c15))

  ;; prints the passive segment `seg` (copied to 128) followed by `n` in decimal and a newline
  (func $line (param $len i32) (param $n i32)
    (local $p i32)
    ;; digits right to left ending at 255, newline at 255
    (i32.store8 (i32.const 255) (i32.const 10))
    (local.set $p (i32.const 255))
    (loop $digits
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digits (local.get $n)))
    ;; iovecs at 0: the label at 128, then the digits
    (i32.store (i32.const 0) (i32.const 128))
    (i32.store (i32.const 4) (local.get $len))
    (i32.store (i32.const 8) (local.get $p))
    (i32.store (i32.const 12) (i32.sub (i32.const 256) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 2) (i32.const 16))))

  (func $pattern (param $addr i32) (result i64)
    (i64.mul (i64.extend_i32_u (local.get $addr)) (global.get $k)))

  ;; writes the pattern from `from` to the end of memory, 8 bytes at a time
  (func $fill (param $from i32)
    (local $a i32) (local $end i32)
    (local.set $end (i32.shl (memory.size) (i32.const 16)))
    (local.set $a (local.get $from))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
      (i64.store (local.get $a) (call $pattern (local.get $a)))
      (local.set $a (i32.add (local.get $a) (i32.const 8)))
      (br $next))))

  ;; counts the 8-byte words from `from` to the end that do not hold the pattern
  (func $check (param $from i32) (result i32)
    (local $a i32) (local $end i32) (local $bad i32)
    (local.set $end (i32.shl (memory.size) (i32.const 16)))
    (local.set $a (local.get $from))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
      (if (i64.ne (i64.load (local.get $a)) (call $pattern (local.get $a)))
        (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
      (local.set $a (i32.add (local.get $a) (i32.const 8)))
      (br $next)))
    (local.get $bad))

  (func $poke_end (i32.store8 (i32.shl (memory.size) (i32.const 16)) (i32.const 1)))
  (func $poke_straddle (i32.store (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 1)) (i32.const 1)))
  (func $poke_top (i32.store8 (i32.const -1) (i32.const 1)))
  (func $poke_offset (i32.store8 offset=0xffffffff (i32.const 0xfffffff0) (i32.const 1)))
  (func $poke_guard (i32.store8 (i32.add (i32.shl (memory.size) (i32.const 16)) (i32.const 0x11000)) (i32.const 1)))

  (func $kernel_works (result i32)
    (local $t1 i64) (local $t2 i64) (local $ok i32) (local $i i32)
    ;; monotonic twice (the second not earlier), realtime after 2020-01-01
    (local.set $ok (i32.const 1))
    (if (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 512)) (then (local.set $ok (i32.const 0))))
    (local.set $t1 (i64.load (i32.const 512)))
    (if (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 512)) (then (local.set $ok (i32.const 0))))
    (local.set $t2 (i64.load (i32.const 512)))
    (if (i64.lt_u (local.get $t2) (local.get $t1)) (then (local.set $ok (i32.const 0))))
    (if (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 512)) (then (local.set $ok (i32.const 0))))
    (if (i64.lt_u (i64.load (i32.const 512)) (i64.const 1577836800000000000)) (then (local.set $ok (i32.const 0))))
    (memory.init $clocks (i32.const 128) (i32.const 0) (i32.const 10))
    (call $line (i32.const 10) (local.get $ok))
    ;; 32 random bytes at 512 (zeroed first): success and not all zero
    (memory.fill (i32.const 512) (i32.const 0) (i32.const 32))
    (local.set $ok (i32.eqz (call $random_get (i32.const 512) (i32.const 32))))
    (local.set $i (i32.or
      (i64.ne (i64.or (i64.load (i32.const 512)) (i64.load (i32.const 520))) (i64.const 0))
      (i64.ne (i64.or (i64.load (i32.const 528)) (i64.load (i32.const 536))) (i64.const 0))))
    (memory.init $random (i32.const 128) (i32.const 0) (i32.const 10))
    (call $line (i32.const 10) (i32.and (local.get $ok) (local.get $i)))
    (i32.const 0))

  (func $main (export "_start")
    (local $kind i32)
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (if (i32.ge_u (i32.load (i32.const 16)) (i32.const 2))
      (then
        (drop (call $args_get (i32.const 64) (i32.const 256)))
        (local.set $kind (i32.load8_u (i32.load (i32.const 68))))))
    ;; grow to the maximum, one page at a time
    (block $full (loop $grow
      (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
      (br $grow)))
    (memory.init $pages (i32.const 128) (i32.const 0) (i32.const 6))
    (call $line (i32.const 6) (memory.size))
    (if (i32.eq (local.get $kind) (i32.const 0x61)) (then (call $poke_end)))
    (if (i32.eq (local.get $kind) (i32.const 0x62)) (then (call $poke_straddle)))
    (if (i32.eq (local.get $kind) (i32.const 0x63)) (then (call $poke_top)))
    (if (i32.eq (local.get $kind) (i32.const 0x64)) (then (call $poke_offset)))
    (if (i32.eq (local.get $kind) (i32.const 0x65)) (then (call $poke_guard)))
    (if (local.get $kind) (then (unreachable)))
    (call $fill (i32.const 0))
    (local.set $kind (call $check (i32.const 0)))
    (memory.init $mismatches (i32.const 128) (i32.const 0) (i32.const 11))
    (call $line (i32.const 11) (local.get $kind))
    (drop (call $kernel_works))
    (memory.init $intact (i32.const 128) (i32.const 0) (i32.const 19))
    (call $line (i32.const 19) (i32.eqz (call $check (i32.const 65536))))
    (call $proc_exit (i32.const 7))))
