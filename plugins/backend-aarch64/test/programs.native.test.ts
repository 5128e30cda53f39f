/**
 * Whole programs compiled, linked with the test runtime and run natively: control flow,
 * memory, calls of every shape, tables, globals, bulk memory, and each trap's exit status
 * (100 + trap code). Runs under qemu-aarch64 (or on an aarch64 Linux host).
 */
import { TrapCode } from '@mewz/compiler';
import { canRunAarch64, cannotRunReason, runWat } from './native.js';

const describeHere = canRunAarch64 ? describe : describe.skip;
if (!canRunAarch64) console.log(`skipped aarch64 program tests: ${cannotRunReason}`);

const trap = (code: number) => ({ status: 100 + code, signal: null });
const exit = (status: number) => ({ status, signal: null });

describeHere('compiled aarch64 programs', () => {
  it('loops, recursion and br_table', async () => {
    const r = await runWat(`(module
      (func $fib (param i32) (result i32)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func $sum (param i32) (result i32) (local i32)
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get 0)))
          (local.set 1 (i32.add (local.get 1) (local.get 0)))
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (br $l)))
        (local.get 1))
      (func $classify (param i32) (result i32)
        (block $d (block $c (block $b (block $a
          (br_table $a $b $c $a $d (local.get 0)))
          (return (i32.const 10))) (return (i32.const 20))) (return (i32.const 30))) (i32.const 40))
      (func (export "main") (result i32)
        (if (i32.ne (call $fib (i32.const 20)) (i32.const 6765)) (then (return (i32.const 1))))
        (if (i32.ne (call $sum (i32.const 1000)) (i32.const 500500)) (then (return (i32.const 2))))
        (if (i32.ne (call $classify (i32.const 0)) (i32.const 10)) (then (return (i32.const 3))))
        (if (i32.ne (call $classify (i32.const 1)) (i32.const 20)) (then (return (i32.const 4))))
        (if (i32.ne (call $classify (i32.const 2)) (i32.const 30)) (then (return (i32.const 5))))
        (if (i32.ne (call $classify (i32.const 3)) (i32.const 10)) (then (return (i32.const 6))))
        (if (i32.ne (call $classify (i32.const 4)) (i32.const 40)) (then (return (i32.const 7))))
        (if (i32.ne (call $classify (i32.const -1)) (i32.const 40)) (then (return (i32.const 8))))
        (i32.const 0)))`);
    expect(r).toEqual(exit(0));
  });

  it('memory: every load and store width, offsets, data segments, grow, fill and copy', async () => {
    const r = await runWat(`(module (memory 1 4)
      (data (i32.const 16) "\\01\\02\\03\\04\\05\\06\\07\\88")
      (func (export "main") (result i32)
        (if (i64.ne (i64.load offset=16 (i32.const 0)) (i64.const 0x8807060504030201)) (then (return (i32.const 1))))
        (if (i32.ne (i32.load8_s offset=7 (i32.const 16)) (i32.const -120)) (then (return (i32.const 2))))
        (if (i32.ne (i32.load8_u offset=7 (i32.const 16)) (i32.const 0x88)) (then (return (i32.const 3))))
        (if (i64.ne (i64.load16_s (i32.const 22)) (i64.const -30713)) (then (return (i32.const 4))))
        (if (i64.ne (i64.load32_u (i32.const 20)) (i64.const 0x88070605)) (then (return (i32.const 5))))
        (if (i64.ne (i64.load32_s (i32.const 20)) (i64.const -2012805627)) (then (return (i32.const 6))))
        (i64.store32 (i32.const 100) (i64.const 0x1122334455667788))
        (if (i32.ne (i32.load (i32.const 100)) (i32.const 0x55667788)) (then (return (i32.const 7))))
        (i32.store16 (i32.const 65534) (i32.const 0xabcd))
        (if (i32.ne (i32.load16_u (i32.const 65534)) (i32.const 0xabcd)) (then (return (i32.const 8))))
        (f64.store (i32.const 200) (f64.const -2.5))
        (if (f64.ne (f64.load (i32.const 200)) (f64.const -2.5)) (then (return (i32.const 9))))
        (if (i32.ne (memory.grow (i32.const 2)) (i32.const 1)) (then (return (i32.const 10))))
        (if (i32.ne (memory.size) (i32.const 3)) (then (return (i32.const 11))))
        (i32.store (i32.const 0x2fffc) (i32.const 77))
        (if (i32.ne (i32.load (i32.const 0x2fffc)) (i32.const 77)) (then (return (i32.const 12))))
        (if (i32.ne (memory.grow (i32.const 2)) (i32.const -1)) (then (return (i32.const 13))))
        (memory.fill (i32.const 300) (i32.const 0x5a) (i32.const 10))
        (memory.copy (i32.const 302) (i32.const 16) (i32.const 4))
        (if (i64.ne (i64.load (i32.const 300)) (i64.const 0x5a5a04030201_5a5a)) (then (return (i32.const 14))))
        (memory.copy (i32.const 17) (i32.const 16) (i32.const 4))
        (if (i32.ne (i32.load (i32.const 16)) (i32.const 0x03020101)) (then (return (i32.const 15))))
        (i32.const 0)))`);
    expect(r).toEqual(exit(0));
  });

  it('calls with stack arguments, mixed register files and results in the return area', async () => {
    const r = await runWat(`(module
      (func $many (param i32 i64 f32 f64 i32 i64 i32 i64 f64 f32 i32 f64 f64 f64 f64 f64 f64 f64 i64) (result i64)
        (i64.add
          (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1))
          (i64.add
            (i64.trunc_f64_s (f64.add (f64.promote_f32 (local.get 2)) (local.get 3)))
            (i64.add (i64.add (i64.extend_i32_s (local.get 4)) (local.get 5))
              (i64.add (i64.add (i64.extend_i32_s (local.get 6)) (local.get 7))
                (i64.add (i64.trunc_f64_s (f64.add (local.get 8) (f64.promote_f32 (local.get 9))))
                  (i64.add (i64.extend_i32_s (local.get 10))
                    (i64.add (i64.trunc_f64_s (f64.add (f64.add (local.get 11) (local.get 17)) (local.get 16)))
                      (local.get 18)))))))))
      (func $multi (param i32) (result i32 i64 f32 f64 i32 i64 f32 f64 f64)
        (local.get 0) (i64.extend_i32_u (local.get 0)) (f32.convert_i32_s (local.get 0)) (f64.convert_i32_s (local.get 0))
        (i32.mul (local.get 0) (i32.const 2)) (i64.const -5) (f32.const 0.5) (f64.const 1e100) (f64.const -0.25))
      (func (export "main") (result i32)
        (local i32 i64 f32 f64 i32 i64 f32 f64 f64)
        (if (i64.ne
              (call $many (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4) (i32.const 5) (i64.const 6) (i32.const 7) (i64.const 8)
                (f64.const 9) (f32.const 10) (i32.const 11) (f64.const 12) (f64.const 13) (f64.const 14) (f64.const 15) (f64.const 16)
                (f64.const 17) (f64.const 18) (i64.const 19))
              (i64.const 132))
          (then (return (i32.const 1))))
        (call $multi (i32.const 21))
        (local.set 8) (local.set 7) (local.set 6) (local.set 5) (local.set 4) (local.set 3) (local.set 2) (local.set 1) (local.set 0)
        (if (i32.ne (local.get 0) (i32.const 21)) (then (return (i32.const 2))))
        (if (i64.ne (local.get 1) (i64.const 21)) (then (return (i32.const 3))))
        (if (f32.ne (local.get 2) (f32.const 21)) (then (return (i32.const 4))))
        (if (f64.ne (local.get 3) (f64.const 21)) (then (return (i32.const 5))))
        (if (i32.ne (local.get 4) (i32.const 42)) (then (return (i32.const 6))))
        (if (i64.ne (local.get 5) (i64.const -5)) (then (return (i32.const 7))))
        (if (f32.ne (local.get 6) (f32.const 0.5)) (then (return (i32.const 8))))
        (if (f64.ne (local.get 7) (f64.const 1e100)) (then (return (i32.const 9))))
        (if (f64.ne (local.get 8) (f64.const -0.25)) (then (return (i32.const 10))))
        (i32.const 0)))`);
    expect(r).toEqual(exit(0));
  });

  it('call_indirect, tables, globals and select', async () => {
    const r = await runWat(`(module
      (type $bin (func (param i32 i32) (result i32)))
      (table 4 funcref)
      (elem (i32.const 0) $add $sub $mul)
      (global $g (mut i64) (i64.const 40))
      (global $k f64 (f64.const 2.5))
      (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
      (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
      (func $mul (type $bin) (i32.mul (local.get 0) (local.get 1)))
      (func $apply (param i32 i32 i32) (result i32) (call_indirect (type $bin) (local.get 1) (local.get 2) (local.get 0)))
      (func (export "main") (result i32)
        (if (i32.ne (call $apply (i32.const 0) (i32.const 6) (i32.const 7)) (i32.const 13)) (then (return (i32.const 1))))
        (if (i32.ne (call $apply (i32.const 1) (i32.const 6) (i32.const 7)) (i32.const -1)) (then (return (i32.const 2))))
        (if (i32.ne (call $apply (i32.const 2) (i32.const 6) (i32.const 7)) (i32.const 42)) (then (return (i32.const 3))))
        (global.set $g (i64.add (global.get $g) (i64.const 2)))
        (if (i64.ne (global.get $g) (i64.const 42)) (then (return (i32.const 4))))
        (if (f64.ne (select (global.get $k) (f64.const 1) (i32.const 1)) (f64.const 2.5)) (then (return (i32.const 5))))
        (if (f64.ne (select (global.get $k) (f64.const 1) (i32.const 0)) (f64.const 1)) (then (return (i32.const 6))))
        (if (i32.ne (table.size) (i32.const 4)) (then (return (i32.const 7))))
        (if (i32.ne (table.grow (ref.null func) (i32.const 2)) (i32.const 4)) (then (return (i32.const 8))))
        (if (i32.eqz (ref.is_null (table.get (i32.const 5)))) (then (return (i32.const 9))))
        (i32.const 0)))`);
    expect(r).toEqual(exit(0));
  });

  it.each([
    ['unreachable', '(unreachable)', TrapCode.Unreachable],
    ['divide by zero', '(drop (i32.div_u (i32.const 1) (i32.sub (i32.const 2) (i32.const 2))))', TrapCode.IntegerDivideByZero],
    ['signed overflow', '(drop (i64.div_s (i64.const 0x8000000000000000) (i64.sub (i64.const 0) (i64.const 1))))', TrapCode.IntegerOverflow],
    ['invalid conversion', '(drop (i32.trunc_f64_u (f64.div (f64.const 0) (f64.const 0))))', TrapCode.InvalidConversion],
    ['conversion overflow', '(drop (i32.trunc_f32_s (f32.const 3e9)))', TrapCode.IntegerOverflow],
    ['out of bounds load', '(drop (i32.load (i32.const 65533)))', TrapCode.OutOfBoundsMemory],
    ['out of bounds with offset', '(drop (i64.load offset=0xffffffff (i32.const 0)))', TrapCode.OutOfBoundsMemory],
    ['out of bounds store', '(i32.store8 (i32.const -1) (i32.const 0))', TrapCode.OutOfBoundsMemory],
    ['table index', '(drop (call_indirect (result i32) (i32.const 9)))', TrapCode.UndefinedElement],
    ['null entry', '(drop (call_indirect (result i32) (i32.const 1)))', TrapCode.UninitializedElement],
    ['signature mismatch', '(drop (call_indirect (result i64) (i32.const 0)))', TrapCode.IndirectCallTypeMismatch],
    ['stack exhaustion', '(drop (call $deep (i32.const 0)))', TrapCode.CallStackExhausted],
  ])('traps: %s', async (_name, body, code) => {
    const r = await runWat(`(module (memory 1) (table 2 funcref) (elem (i32.const 0) $seven)
      (func $seven (result i32) (i32.const 7))
      (func $deep (param i32) (result i32) (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
      (func (export "main") (result i32) ${body} (i32.const 0)))`);
    expect(r).toEqual(trap(code));
  });

  it('performs the inline intrinsics in trusted code: syscalls, device memory, barriers, the counter and its frequency', async () => {
    const r = await runWat(
      `(module
        (import "mewz:intrinsics" "syscall6" (func $syscall6 (param i64 i64 i64 i64 i64 i64 i64) (result i64)))
        (import "mewz:intrinsics" "syscall3" (func $syscall3 (param i64 i64 i64 i64) (result i64)))
        (import "mewz:intrinsics" "mmio_store8" (func $st8 (param i64 i32)))
        (import "mewz:intrinsics" "mmio_store16" (func $st16 (param i64 i32)))
        (import "mewz:intrinsics" "mmio_store32" (func $st32 (param i64 i32)))
        (import "mewz:intrinsics" "mmio_store64" (func $st64 (param i64 i64)))
        (import "mewz:intrinsics" "mmio_load8" (func $ld8 (param i64) (result i32)))
        (import "mewz:intrinsics" "mmio_load16" (func $ld16 (param i64) (result i32)))
        (import "mewz:intrinsics" "mmio_load64" (func $ld64 (param i64) (result i64)))
        (import "mewz:intrinsics" "cycle_counter" (func $cycles (result i64)))
        (import "mewz:intrinsics" "fence" (func $fence))
        (import "mewz:intrinsics" "fence_load" (func $lfence))
        (import "mewz:intrinsics" "fence_store" (func $sfence))
        (import "mewz:intrinsics" "spin_hint" (func $pause))
        (import "mewz:intrinsics" "cycle_counter_frequency" (func $frequency (result i64)))
        (import "mewz:intrinsics" "instruction_barrier" (func $isb))
        (import "mewz:intrinsics" "sysreg_read_cntvct_el0" (func $cntvct (result i64)))
        (func (export "main") (result i32) (local $page i64) (local $t0 i64)
          (local.set $t0 (call $cycles))
          ;; mmap (222 on aarch64)(0, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)
          (local.set $page (call $syscall6 (i64.const 222) (i64.const 0) (i64.const 4096) (i64.const 3) (i64.const 0x22) (i64.const -1) (i64.const 0)))
          (call $st64 (local.get $page) (i64.const 0x0a21216b6f2d2d2d)) ;; ---ok!! and a newline
          (call $st8 (local.get $page) (i32.const 0x6f))               ;; o
          (call $st16 (i64.add (local.get $page) (i64.const 1)) (i32.const 0x1ffff)) ;; two bytes of 0xff
          (call $st16 (i64.add (local.get $page) (i64.const 1)) (i32.const 0x2020))  ;; two spaces
          (call $fence) (call $lfence) (call $sfence) (call $pause) (call $isb)
          (if (i32.ne (call $ld8 (local.get $page)) (i32.const 0x6f)) (then (return (i32.const 1))))
          (if (i32.ne (call $ld16 (i64.add (local.get $page) (i64.const 1))) (i32.const 0x2020)) (then (return (i32.const 2))))
          (if (i64.ne (call $ld64 (local.get $page)) (i64.const 0x0a21216b6f20206f)) (then (return (i32.const 3))))
          ;; write (64 on aarch64)(1, page, 8)
          (if (i64.ne (call $syscall3 (i64.const 64) (i64.const 1) (local.get $page) (i64.const 8)) (i64.const 8)) (then (return (i32.const 4))))
          (if (i64.lt_u (call $cntvct) (local.get $t0)) (then (return (i32.const 5))))
          (if (i64.eqz (call $frequency)) (then (return (i32.const 6))))
          (call $st32 (local.get $page) (i32.const 7))
          (i32.const 0)))`,
      { trusted: true },
    );
    expect(r).toEqual({ status: 0, signal: null, stdout: 'o  ok!!\n' });
  });

  it('keeps i32 values zero-extended through wrap, shifts by 32, calls and block parameters', async () => {
    const r = await runWat(`(module (memory 1)
      (func $id (param i32) (result i32) (local.get 0))
      (func $wide (param i64) (result i64)
        (i64.extend_i32_u (i32.shl (i32.wrap_i64 (local.get 0)) (i32.const 32))))
      (func $pick (param i64 i32) (result i64) (local i32)
        (local.set 2 (if (result i32) (local.get 1) (then (i32.wrap_i64 (local.get 0))) (else (i32.const 7))))
        (i64.extend_i32_u (local.get 2)))
      (func (export "main") (result i32)
        (if (i64.ne (call $wide (i64.const 0x100000005)) (i64.const 5)) (then (return (i32.const 1))))
        (if (i64.ne (call $pick (i64.const 0xffffffff00000009) (i32.const 1)) (i64.const 9)) (then (return (i32.const 2))))
        (i32.store8 (i32.wrap_i64 (i64.const 0x1_0000_0010)) (i32.const 42))
        (i32.load8_u (call $id (i32.const 16)))))`);
    expect(r).toEqual(exit(42));
  });

  it('keeps floats and integers live across calls in callee-saved registers (d8–d15, x19–x28) and spill slots', async () => {
    // $clobber uses many registers of both files itself; main keeps 12 floats and 12
    // integers live across each call, more than the callee-saved registers hold.
    const locals = Array.from({ length: 12 }, (_, i) => i);
    const r = await runWat(`(module
      (func $clobber (param f64 i64) (result f64)
        ${locals.map((i) => `(local $f${i} f64) (local $i${i} i64)`).join(' ')}
        ${locals.map((i) => `(local.set $f${i} (f64.mul (local.get 0) (f64.const ${i + 1}))) (local.set $i${i} (i64.mul (local.get 1) (i64.const ${i + 3})))`).join('\n')}
        (f64.add ${locals.map((i) => `(f64.add (local.get $f${i}) (f64.convert_i64_s (local.get $i${i})))`).reduce((a, b) => `(f64.add ${a} ${b})`)} (f64.const 0)))
      (func (export "main") (result i32)
        ${locals.map((i) => `(local $f${i} f64) (local $i${i} i64)`).join(' ')} (local $acc f64)
        ${locals.map((i) => `(local.set $f${i} (f64.convert_i32_s (i32.const ${i + 10}))) (local.set $i${i} (i64.const ${1000 + i}))`).join('\n')}
        (local.set $acc (call $clobber (f64.const 1.5) (i64.const 2)))
        (local.set $acc (f64.add (local.get $acc) (call $clobber (f64.const 0.5) (i64.const 1))))
        (if (f64.ne (local.get $acc) (f64.const ${[1.5, 0.5].reduce((s, f, k) => s + locals.reduce((t, i) => t + f * (i + 1) + [2, 1][k]! * (i + 3), 0), 0)})) (then (return (i32.const 1))))
        ${locals.map((i) => `(if (f64.ne (local.get $f${i}) (f64.const ${i + 10})) (then (return (i32.const ${i + 2}))))`).join('\n')}
        ${locals.map((i) => `(if (i64.ne (local.get $i${i}) (i64.const ${1000 + i})) (then (return (i32.const ${i + 20}))))`).join('\n')}
        (i32.const 0)))`);
    expect(r).toEqual(exit(0));
  });

  it('reaches memory offsets no addressing mode takes and rotates by registers', async () => {
    const r = await runWat(`(module (memory 2)
      (func $rotl (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
      (func $rotl64 (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.get 1)))
      (func (export "main") (result i32)
        (i64.store offset=0x1fff1 (i32.const 7) (i64.const 0x0102030405060708))
        (if (i64.ne (i64.load offset=0x1fff8 (i32.const 0)) (i64.const 0x0102030405060708)) (then (return (i32.const 1))))
        (if (i32.ne (i32.load8_u offset=70000 (i32.const 61066)) (i32.const 0x06)) (then (return (i32.const 2))))
        (if (i32.ne (call $rotl (i32.const 0x80000001) (i32.const 1)) (i32.const 3)) (then (return (i32.const 3))))
        (if (i32.ne (call $rotl (i32.const 0x12345678) (i32.const 36)) (i32.const 0x23456781)) (then (return (i32.const 4))))
        (if (i64.ne (call $rotl64 (i64.const 0x8000000000000001) (i64.const 65)) (i64.const 3)) (then (return (i32.const 5))))
        (i32.const 0)))`);
    expect(r).toEqual(exit(0));
  });

  it('copies and fills memory of every length and overlap with the backend\'s memmove and memset', async () => {
    // For each length 0…40 and shift −17…17: fill a pattern, copy within it, compare with
    // the bytes a simple byte loop would give (computed from the pattern, not copied).
    const r = await runWat(`(module (memory 1)
      (func $pattern (local i32)
        (loop $l (i32.store8 (i32.add (i32.const 1000) (local.get 0)) (i32.add (local.get 0) (i32.const 1)))
          (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br_if $l (i32.lt_u (local.get 0) (i32.const 200)))))
      (func (export "main") (result i32) (local $n i32) (local $d i32) (local $i i32) (local $want i32)
        (loop $lengths
          (local.set $d (i32.const -17))
          (loop $shifts
            (call $pattern)
            (memory.copy (i32.add (i32.const 1050) (local.get $d)) (i32.const 1050) (local.get $n))
            (local.set $i (i32.const 0))
            (loop $check
              ;; byte at 1000 + i: copied when 1050 + d <= 1000 + i < 1050 + d + n
              (local.set $want (i32.add (local.get $i) (i32.const 1)))
              (if (i32.and (i32.ge_s (local.get $i) (i32.add (i32.const 50) (local.get $d)))
                           (i32.lt_s (local.get $i) (i32.add (i32.add (i32.const 50) (local.get $d)) (local.get $n))))
                (then (local.set $want (i32.add (i32.sub (local.get $i) (local.get $d)) (i32.const 1)))))
              (if (i32.ne (i32.load8_u (i32.add (i32.const 1000) (local.get $i))) (local.get $want)) (then (return (i32.const 1))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $check (i32.lt_u (local.get $i) (i32.const 200))))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br_if $shifts (i32.le_s (local.get $d) (i32.const 17))))
          (memory.fill (i32.add (i32.const 3001) (local.get $n)) (i32.const 0x1a5) (local.get $n))
          (local.set $i (i32.const 0))
          (if (local.get $n) (then (loop $fill
            (if (i32.ne (i32.load8_u (i32.add (i32.add (i32.const 3001) (local.get $n)) (local.get $i))) (i32.const 0xa5)) (then (return (i32.const 2))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $fill (i32.lt_u (local.get $i) (local.get $n))))))
          (if (i32.ne (i32.load8_u (i32.add (i32.const 3001) (i32.add (local.get $n) (local.get $n)))) (i32.const 0)) (then (return (i32.const 3))))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br_if $lengths (i32.le_u (local.get $n) (i32.const 40))))
        (i32.const 0)))`);
    expect(r).toEqual(exit(0));
  });

  it('computes shifted operands, multiply-adds and branches on single bits, with garbage above i32 operands', async () => {
    const r = await runWat(`(module
      (func $addsh (param i64 i64) (result i32) (i32.add (i32.wrap_i64 (local.get 0)) (i32.shl (i32.wrap_i64 (local.get 1)) (i32.const 3))))
      (func $subsh (param i64 i64) (result i32) (i32.sub (i32.wrap_i64 (local.get 0)) (i32.shr_s (i32.wrap_i64 (local.get 1)) (i32.const 33))))
      (func $xorsh (param i64 i64) (result i64) (i64.xor (i64.shr_u (local.get 0) (i64.const 60)) (local.get 1)))
      (func $madd (param i64 i64 i64) (result i32) (i32.add (i32.mul (i32.wrap_i64 (local.get 0)) (i32.wrap_i64 (local.get 1))) (i32.wrap_i64 (local.get 2))))
      (func $msub (param i64 i64 i64) (result i64) (i64.sub (local.get 2) (i64.mul (local.get 0) (local.get 1))))
      (func $bit (param i64 i32) (result i32)
        (block (br_if 0 (i64.eqz (i64.and (local.get 0) (i64.const 0x8000000000000000)))) (return (i32.const 1)))
        (block (br_if 0 (i32.and (local.get 1) (i32.const 0x80000000))) (return (i32.const 2)))
        (if (result i32) (i32.and (local.get 1) (i32.const 1)) (then (i32.const 3)) (else (i32.const 4))))
      (func (export "main") (result i32)
        (if (i32.ne (call $addsh (i64.const 0xdead00000005) (i64.const 0xbeef00000002)) (i32.const 21)) (then (return (i32.const 1))))
        ;; -8 >> (33 & 31) = -4; 10 - -4 = 14
        (if (i32.ne (call $subsh (i64.const 0x70000000a) (i64.const 0x1fffffff8)) (i32.const 14)) (then (return (i32.const 2))))
        (if (i64.ne (call $xorsh (i64.const 0xf000000000000000) (i64.const 0x10)) (i64.const 0x1f)) (then (return (i32.const 3))))
        (if (i32.ne (call $madd (i64.const 0x100010000) (i64.const 0x200010000) (i64.const 0x300000007)) (i32.const 7)) (then (return (i32.const 7))))
        (if (i32.ne (call $madd (i64.const 0xff00000003) (i64.const 0xff00000005) (i64.const 0xff00000007)) (i32.const 22)) (then (return (i32.const 8))))
        (if (i64.ne (call $msub (i64.const 0x100000000) (i64.const 0x100000003) (i64.const 5)) (i64.const -0x2fffffffb)) (then (return (i32.const 9))))
        (if (i32.ne (call $bit (i64.const 0x8000000000000000) (i32.const 0)) (i32.const 1)) (then (return (i32.const 4))))
        (if (i32.ne (call $bit (i64.const 1) (i32.const 0x80000001)) (i32.const 3)) (then (return (i32.const 5))))
        (if (i32.ne (call $bit (i64.const 0) (i32.const 0x7ffffffe)) (i32.const 2)) (then (return (i32.const 6))))
        (i32.const 0)))`);
    expect(r).toEqual(exit(0));
  });

  it('dispatches a br_table with more cases than a compare immediate holds', async () => {
    // 5000 cases (the bound is no 12-bit immediate) over 7 blocks: case i returns i % 7 + 1, the default 99.
    const targets = Array.from({ length: 5000 }, (_, i) => `$c${i % 7}`);
    let body = `(br_table ${targets.join(' ')} $dflt (local.get 0))`;
    for (let i = 0; i < 7; i++) body = `(block $c${i} ${body}) (return (i32.const ${i + 1}))`;
    const r = await runWat(`(module
      (func $dispatch (param i32) (result i32) (block $dflt ${body}) (i32.const 99))
      (func (export "main") (result i32)
        (if (i32.ne (call $dispatch (i32.const 0)) (i32.const 1)) (then (return (i32.const 1))))
        (if (i32.ne (call $dispatch (i32.const 4999)) (i32.const ${(4999 % 7) + 1})) (then (return (i32.const 2))))
        (if (i32.ne (call $dispatch (i32.const 4096)) (i32.const ${(4096 % 7) + 1})) (then (return (i32.const 3))))
        (if (i32.ne (call $dispatch (i32.const 5000)) (i32.const 99)) (then (return (i32.const 4))))
        (if (i32.ne (call $dispatch (i32.const -1)) (i32.const 99)) (then (return (i32.const 5))))
        (i32.const 0)))`);
    expect(r).toEqual(exit(0));
  }, 120_000);

  it('does not trap at the last byte in bounds', async () => {
    const r = await runWat(`(module (memory 1)
      (func (export "main") (result i32) (i32.store (i32.const 65532) (i32.const 5)) (i32.load offset=65532 (i32.const 0))))`);
    expect(r).toEqual(exit(5));
  });
});
