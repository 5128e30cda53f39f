// The machine component under the real kernel components (kernel, kernel-mm, wasi): WASI
// apps' output, exit status, arguments and environment, input, traps and sleeps.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_EOF } from '@mewz/core';
import { flatImage, L3_TABLE_ROOM, parseArm64Header, qemuCommand } from '../src/index';
import { boot, buildApp, qemuAvailable } from './real-image';

const haveQemu = qemuAvailable();
if (!haveQemu) console.warn('machine tests with the real kernel skipped: qemu-system-aarch64 is not installed');
const describeReal = haveQemu ? describe : describe.skip;

const HELLO = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\\40\\00\\00\\00\\19\\00\\00\\00\\60\\00\\00\\00\\0b\\00\\00\\00")
  (data (i32.const 64) "hello from the unikernel\\n")
  (data (i32.const 96) "to stderr!\\n")
  (func (export "_start")
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 128)))
    (drop (call $write (i32.const 2) (i32.const 8) (i32.const 1) (i32.const 128)))
    (call $exit (i32.const 42))))`;

/** Writes its arguments' bytes, then its environment's (each NUL-terminated), to stdout. */
const ARGS = `(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $env (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $out (param $at i32) (param $len i32)
    (i32.store (i32.const 8) (local.get $at))
    (i32.store (i32.const 12) (local.get $len))
    (drop (call $write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 16))))
  (func (export "_start")
    (drop (call $args_sizes (i32.const 0) (i32.const 4)))
    (drop (call $args (i32.const 1024) (i32.const 4096)))
    (call $out (i32.const 4096) (i32.load (i32.const 4)))
    (drop (call $env_sizes (i32.const 0) (i32.const 4)))
    (drop (call $env (i32.const 1024) (i32.const 8192)))
    (call $out (i32.const 8192) (i32.load (i32.const 4)))))`;

/** Echoes stdin to stdout until end of input, in reads of up to 64 bytes; exits with the number of reads. */
const ECHO = `(module
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\\40\\00\\00\\00\\40\\00\\00\\00")
  (func (export "_start") (local $reads i32)
    (block $done
      (loop $more
        (br_if $done (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 32)))
        (br_if $done (i32.eqz (i32.load (i32.const 32))))
        (local.set $reads (i32.add (local.get $reads) (i32.const 1)))
        (i32.store (i32.const 16) (i32.const 64))
        (i32.store (i32.const 20) (i32.load (i32.const 32)))
        (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 36)))
        (br $more)))
    (call $exit (local.get $reads))))`;

const TRAP = `(module
  (memory (export "memory") 1)
  (func $deep (export "deep") (param i32) (result i32)
    (i32.div_s (i32.const 7) (local.get 0)))
  (func (export "_start") (drop (call $deep (i32.const 0)))))`;

/** Recurses until the stack runs out. */
const RECURSE = `(module
  (func $down (param i32) (result i32) (i32.add (call $down (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "_start") (drop (call $down (i32.const 0)))))`;

/** Sleeps 300 ms through poll_oneoff (a relative monotonic clock subscription), then exits with the event count. */
const SLEEP = `(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $now (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (local $t0 i64)
    (drop (call $now (i32.const 1) (i64.const 1) (i32.const 512)))
    (local.set $t0 (i64.load (i32.const 512)))
    ;; subscription at 0: userdata, tag 0 (clock), clock id 1 (monotonic), timeout, precision, flags 0 (relative)
    (i64.store (i32.const 0) (i64.const 7))
    (i32.store8 (i32.const 8) (i32.const 0))
    (i32.store (i32.const 16) (i32.const 1))
    (i64.store (i32.const 24) (i64.const 300000000))
    (i64.store (i32.const 32) (i64.const 0))
    (i32.store16 (i32.const 40) (i32.const 0))
    (drop (call $poll (i32.const 0) (i32.const 128) (i32.const 1) (i32.const 256)))
    (drop (call $now (i32.const 1) (i64.const 1) (i32.const 512)))
    ;; 1 when at least 300 ms of monotonic time passed, else 2
    (call $exit (select (i32.const 1) (i32.const 2)
      (i64.ge_u (i64.sub (i64.load (i32.const 512)) (local.get $t0)) (i64.const 300000000))))))`;

describeReal('the machine component with the real kernel', () => {
  let dir: string;
  const images: Record<string, Uint8Array> = {};
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mewz-a64-real-'));
    for (const [name, wat] of Object.entries({ HELLO, ARGS, ECHO, TRAP, SLEEP, RECURSE })) images[name] = await buildApp(wat, join(dir, 'cache'));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('carries the arm64 image header at the start of its first segment, with the image size', () => {
    const elf = images.HELLO!;
    const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
    const phoff = Number(view.getBigUint64(32, true));
    // The first program header: PT_LOAD of the text segment at the load address.
    expect(view.getUint32(phoff, true)).toBe(1);
    const offset = Number(view.getBigUint64(phoff + 8, true));
    const vaddr = view.getBigUint64(phoff + 16, true);
    expect(view.getBigUint64(24, true)).toBe(vaddr); // e_entry: code0, the header's branch
    const header = parseArm64Header(elf.subarray(offset));
    if (header instanceof Error) throw header;
    expect(vaddr - header.textOffset).toBe(0x4000_0000n);
    expect(header.flags).toBe(0b0010n);
    expect(header.code0 >>> 26).toBe(0b000101); // b <imm26>
    // image_size reaches the end of the last PT_LOAD (bss included), page aligned.
    const phnum = view.getUint16(56, true);
    let end = 0n;
    for (let i = 0; i < phnum; i++) {
      const at = phoff + i * view.getUint16(54, true);
      if (view.getUint32(at, true) === 1) {
        const segEnd = view.getBigUint64(at + 16, true) + view.getBigUint64(at + 40, true);
        if (segEnd > end) end = segEnd;
      }
    }
    expect(header.imageSize).toBe(((end - vaddr + 4095n) / 4096n) * 4096n + BigInt(L3_TABLE_ROOM));
  });

  it('runs a WASI app: stdout on the PL011, stderr on the semihosting console, its exit status', () => {
    const r = boot(images.HELLO!);
    expect(r.stdout).toBe('hello from the unikernel\n');
    expect(r.stderr).toBe('to stderr!\n');
    expect(r.status).toBe('exit 42\n');
    expect(r.code).toBe(42);
    // The same when QEMU's fd 2 is a socket (a socket chardev on fd 2 instead of a file).
    const socket = boot(images.HELLO!, { stderrToSocket: true });
    expect([socket.stdout, socket.stderr, socket.status]).toEqual(['hello from the unikernel\n', 'to stderr!\n', 'exit 42\n']);
  }, 90_000);

  it('boots as a raw arm64 Image too (the Linux boot protocol: QEMU places it by text_offset and passes the device tree in x0)', () => {
    const raw = flatImage(images.HELLO!);
    expect(parseArm64Header(raw)).not.toBeInstanceOf(Error);
    const r = boot(raw);
    expect(r.stdout).toBe('hello from the unikernel\n');
    expect(r.stderr).toBe('to stderr!\n');
    expect(r.status).toBe('exit 42\n');
  }, 90_000);

  it('passes arguments and environment from the command line, percent-encoding included', () => {
    const r = boot(images.ARGS!, { args: ['app', 'two words', '100%'], env: { HOME: '/root', ODD: 'a=b c' } });
    expect(r.stdout).toBe(['app', 'two words', '100%', 'HOME=/root', 'ODD=a=b c', ''].join('\x00'));
    expect(r.status).toBe('exit 0\n');
  }, 90_000);

  it('reads stdin until the end of input', () => {
    const r = boot(images.ECHO!, { input: `piped input\n${String.fromCharCode(CONSOLE_EOF)}` });
    expect(r.stdout).toBe('piped input\n');
    expect(r.status).toMatch(/^exit [1-9]\d*\n$/);
  }, 90_000);

  it('reports a trap with its kind and function and ends with the trap status', () => {
    const r = boot(images.TRAP!);
    expect(r.stderr).toBe("trap: integer divide by zero in deep\n");
    expect(r.status).toBe('trap\n');
    expect(r.code).toBe(134);
  }, 90_000);

  it('reports stack exhaustion as a trap, reported from a fresh stack', () => {
    const r = boot(images.RECURSE!);
    expect(r.stderr).toMatch(/^trap: .*stack.* in down\n$/);
    expect(r.status).toBe('trap\n');
  }, 90_000);

  it('sleeps through poll_oneoff until the deadline', () => {
    const r = boot(images.SLEEP!);
    expect(r.status).toBe('exit 1\n');
  }, 90_000);

  it('wakes the kernel\'s blocking read when console input arrives', async () => {
    writeFileSync(join(dir, 'echo.elf'), images.ECHO!);
    const statusFile = join(dir, 'status-echo');
    writeFileSync(statusFile, '');
    const run = qemuCommand({ image: join(dir, 'echo.elf'), isa: 'aarch64', memory: 64 << 20, accel: 'tcg', args: ['echo'], env: {}, statusFile }, 'path');
    const child = spawn(run.command, [...run.args], { stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    // Each piece goes in after the previous one is echoed, so the guest is blocked (halted, no timer) when it arrives.
    const pieces = ['one ', 'two ', 'three', '\x04'];
    let expected = pieces.shift()!;
    child.stdin!.write(expected);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString('latin1');
      if (stdout.endsWith(expected) && pieces.length > 0) {
        const next = pieces.shift()!;
        expected += next;
        child.stdin!.write(next);
      }
    });
    // A hung VM is killed after a minute: a safety net, not a measurement.
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    expect(stdout).toBe('one two three');
    const status = readFileSync(statusFile, 'utf8');
    expect(Number(/^exit (\d+)\n$/.exec(status)![1])).toBeGreaterThanOrEqual(3);
  }, 90_000);
});
