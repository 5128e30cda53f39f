import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { x86_64Backend } from '@mewz/backend-x86_64';
import { buildImage, type BuiltImage, type ComponentPlugin, type PlatformPlugin } from '@mewz/core';

type LinkedImage = BuiltImage['image'];
import { MACHINE_SERVICES, qemuX86_64Machine } from '../src/machine-component';
import { qemuCommand, qemuX86_64Platform } from '../src/index';

// The machine component booted in QEMU under a fixture kernel component instead of the
// real kernel: the fixture provides what the machine requires (a bump page allocator, a
// panic that prints and exits) and the entries the build needs (mewz_init, mewz_trap),
// and runs one scenario, named by the last `mewz.arg=` word of the command line, printing
// `key value` lines the tests read.

const MACHINE_MODULE = 'mewz:machine';

const FIXTURE_SOURCE = `
@external("mewz:intrinsics", "mmio_load32") declare function mmio_load32(a: u64): u32;
@external("mewz:intrinsics", "mmio_load64") declare function mmio_load64(a: u64): u64;
@external("mewz:intrinsics", "mmio_store64") declare function mmio_store64(a: u64, v: u64): void;
@external("mewz:intrinsics", "cycle_counter") declare function cycle_counter(): u64;
@external("mewz:intrinsics", "port_in8") declare function port_in8(p: u32): u32;
@external("mewz:intrinsics", "port_out8") declare function port_out8(p: u32, v: u32): void;

@external("${MACHINE_MODULE}", "machine_init") declare function machine_init(b: u64): void;
@external("${MACHINE_MODULE}", "machine_cmdline") declare function machine_cmdline(): u64;
@external("${MACHINE_MODULE}", "machine_ram_count") declare function machine_ram_count(): u32;
@external("${MACHINE_MODULE}", "machine_ram_base") declare function machine_ram_base(i: u32): u64;
@external("${MACHINE_MODULE}", "machine_ram_size") declare function machine_ram_size(i: u32): u64;
@external("${MACHINE_MODULE}", "machine_app_region_base") declare function machine_app_region_base(): u64;
@external("${MACHINE_MODULE}", "machine_app_region_size") declare function machine_app_region_size(): u64;
@external("${MACHINE_MODULE}", "machine_map") declare function machine_map(v: u64, p: u64, n: u64): bool;
@external("${MACHINE_MODULE}", "machine_console_write") declare function machine_console_write(s: u32, a: u64, n: u32): void;
@external("${MACHINE_MODULE}", "machine_console_read") declare function machine_console_read(): i32;
@external("${MACHINE_MODULE}", "machine_monotonic_ns") declare function machine_monotonic_ns(): u64;
@external("${MACHINE_MODULE}", "machine_wall_ns") declare function machine_wall_ns(): u64;
@external("${MACHINE_MODULE}", "machine_clock_resolution_ns") declare function machine_clock_resolution_ns(): u64;
@external("${MACHINE_MODULE}", "machine_wait") declare function machine_wait(d: u64): void;
@external("${MACHINE_MODULE}", "machine_entropy") declare function machine_entropy(): u64;
@external("${MACHINE_MODULE}", "machine_exit") declare function machine_exit(k: u32, s: u32): void;
@external("${MACHINE_MODULE}", "machine_virtio_mmio_count") declare function machine_virtio_mmio_count(): u32;
@external("${MACHINE_MODULE}", "machine_virtio_mmio_base") declare function machine_virtio_mmio_base(i: u32): u64;
@external("${MACHINE_MODULE}", "machine_pci_read32") declare function machine_pci_read32(bdf: u32, off: u32): u32;

const out = memory.data(512, 8);
let outLen: u32 = 0;
function put(b: u32): void { if (outLen < 512) store<u8>(out + outLen++, <u8>b); }
function str(s: string): void { for (let i = 0; i < s.length; i++) put(<u32>s.charCodeAt(i)); }
function num(v: u64): void {
  const d = memory.data(24); let n = 0;
  do { store<u8>(d + n++, <u8>(48 + <u32>(v % 10))); v /= 10; } while (v != 0);
  while (n > 0) put(load<u8>(d + --n));
}
function hexnum(v: u64): void {
  str("0x");
  for (let s: i32 = 60; s >= 0; s -= 4) { const x = <u32>((v >> <u64>s) & 15); put(x < 10 ? 48 + x : 87 + x); }
}
function flush(stream: u32): void { machine_console_write(stream, <u64>out, outLen); outLen = 0; }
function line(key: string, v: u64): void { str(key); put(32); num(v); put(10); flush(1); }
function hexline(key: string, v: u64): void { str(key); put(32); hexnum(v); put(10); flush(1); }

let bootInfo: u64 = 0;
let rangeIndex: u32 = 0;
let nextPage: u64 = 0;
let rangeEnd: u64 = 0;

export function mm_alloc_page(): u64 {
  while (nextPage >= rangeEnd) {
    if (rangeIndex >= machine_ram_count()) return 0;
    nextPage = machine_ram_base(rangeIndex);
    rangeEnd = nextPage + machine_ram_size(rangeIndex);
    rangeIndex++;
  }
  const page = nextPage;
  nextPage += 4096;
  for (let i: u64 = 0; i < 4096; i += 8) mmio_store64(page + i, 0);
  return page;
}

export function kernel_panic(message: u64, len: u32): void {
  str("mewz: kernel panic: "); flush(2);
  machine_console_write(2, message, len);
  put(10); flush(2);
  machine_exit(2, 0);
}

export function mewz_trap(code: u32, func: u32, info: u64): void {
  str("trap "); num(code); put(10); flush(2);
  machine_exit(1, 0);
}

/** The value of the last mewz.arg= word, copied to scenario (NUL-free, at most 31 bytes). */
const scenario = memory.data(32);
let scenarioLen: u32 = 0;
function readScenario(): void {
  const c = machine_cmdline();
  if (c == 0) return;
  const key = "mewz.arg=";
  let i: u64 = 0;
  while (mmio_load32(c + i) & 0xff) {
    let match = true;
    for (let k = 0; k < key.length; k++) if ((mmio_load32(c + i + <u64>k) & 0xff) != <u32>key.charCodeAt(k)) { match = false; break; }
    if (match && (i == 0 || (mmio_load32(c + i - 1) & 0xff) == 32)) {
      i += <u64>key.length;
      scenarioLen = 0;
      while (true) {
        const b = mmio_load32(c + i) & 0xff;
        if (b == 0 || b == 32) break;
        if (scenarioLen < 31) store<u8>(scenario + scenarioLen++, <u8>b);
        i++;
      }
      continue;
    }
    i++;
  }
}
function is(name: string): bool {
  if (<u32>name.length != scenarioLen) return false;
  for (let k = 0; k < name.length; k++) if (load<u8>(scenario + k) != <u8>name.charCodeAt(k)) return false;
  return true;
}

function clock(): void {
  line("resolution", machine_clock_resolution_ns());
  line("wall", machine_wall_ns());
  const t0 = machine_monotonic_ns();
  const c0 = cycle_counter();
  const deadline = t0 + 200_000_000;
  let wakeups: u64 = 0;
  while (machine_monotonic_ns() < deadline) { machine_wait(deadline); wakeups++; }
  const t1 = machine_monotonic_ns();
  const c1 = cycle_counter();
  line("waited", t1 - t0);
  line("late", t1 - deadline);
  line("wakeups", wakeups);
  line("cycles", c1 - c0);
  // An independent check of the calibration: PIT channel 0 (left counting in mode 2 by
  // the machine) against monotonic time over about 100 ms.
  port_out8(0x43, 0); let last = port_in8(0x40) | (port_in8(0x40) << 8);
  const p0 = machine_monotonic_ns();
  let ticks: u64 = 0;
  while (ticks < 119318) {
    port_out8(0x43, 0); const now = port_in8(0x40) | (port_in8(0x40) << 8);
    ticks += <u64>((last - now) & 0xffff); last = now;
  }
  const p1 = machine_monotonic_ns();
  line("pit_ticks", ticks);
  line("pit_monotonic_ns", p1 - p0);
  machine_exit(0, 0);
}

function ram(): void {
  line("image_end", mmio_load64(bootInfo + 16));
  const n = machine_ram_count();
  line("ranges", n);
  for (let i: u32 = 0; i < n; i++) { hexline("base", machine_ram_base(i)); hexline("size", machine_ram_size(i)); }
  machine_exit(0, 0);
}

function mapping(): void {
  const base = machine_app_region_base();
  hexline("region_base", base);
  hexline("region_size", machine_app_region_size());
  const a = mm_alloc_page();
  const b = mm_alloc_page();
  // Two pages on either side of a 2 MiB boundary: two page tables.
  const v = base + 0x20_0000 - 0x1000;
  line("map", machine_map(v, a, 0x1000) && machine_map(v + 0x1000, b, 0x1000) ? 1 : 0);
  mmio_store64(v + 8, 0x1122_3344_5566_7788);
  mmio_store64(v + 0x1000 + 16, 0x99);
  line("through_a", mmio_load64(a + 8) == 0x1122_3344_5566_7788 ? 1 : 0);
  line("through_b", mmio_load64(b + 16) == 0x99 ? 1 : 0);
  line("below_region", machine_map(base - 0x1000, a, 0x1000) ? 1 : 0);
  line("unaligned", machine_map(v + 8, a, 0x1000) ? 1 : 0);
  line("past_region", machine_map(base + machine_app_region_size() - 0x1000, a, 0x2000) ? 1 : 0);
  machine_exit(0, 0);
}

function stdin(): void {
  let count: u32 = 0;
  let waits: u64 = 0;
  let announced = false;
  while (true) {
    const b = machine_console_read();
    if (b < 0) {
      // "ready" only once the console was seen empty, right before waiting: input the
      // test sends on seeing it can only arrive while (or just before) this wait.
      if (!announced) { str("ready\\n"); flush(1); announced = true; }
      machine_wait(u64.MAX_VALUE); waits++; continue;
    }
    if (b == 113) break; // 'q'
    put(<u32>b); flush(1);
    count++;
  }
  put(10); flush(1);
  line("waits", waits);
  machine_exit(0, count);
}

export function mewz_init(info: u64): void {
  bootInfo = info;
  machine_init(info);
  readScenario();
  if (is("console")) {
    str("hello stdout\\n"); flush(1);
    str("hello stderr\\n"); flush(2);
    machine_exit(0, 7);
  } else if (is("exit200")) {
    machine_exit(0, 200);
  } else if (is("trap")) {
    machine_exit(1, 0);
  } else if (is("clock")) {
    clock();
  } else if (is("ram")) {
    ram();
  } else if (is("map")) {
    mapping();
  } else if (is("pagefault")) {
    mmio_load32(machine_app_region_base() + 0x1234_5000);
  } else if (is("guard")) {
    mmio_load64(mmio_load64(bootInfo + 24) - 64);
  } else if (is("noncanonical")) {
    mmio_load64(0x8000_0000_0000_0000);
  } else if (is("stdin")) {
    stdin();
  } else if (is("entropy")) {
    hexline("entropy", machine_entropy());
    hexline("entropy", machine_entropy());
    machine_exit(0, 0);
  } else if (is("devices")) {
    line("virtio", machine_virtio_mmio_count());
    hexline("virtio0", machine_virtio_mmio_base(0));
    hexline("pci0", machine_pci_read32(0, 0));
    hexline("pci_absent", machine_pci_read32(20 << 3, 0));
    hexline("pci_bad_offset", machine_pci_read32(0, 2));
    machine_exit(0, 0);
  }
  str("unknown scenario\\n"); flush(2);
  machine_exit(0, 99);
}
`;


/** The smallest WASI-less app: `(module (func (export "_start")))`. */
const APP = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x0a, 0x01, 0x06, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00,
  0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
]);

const haveQemu = spawnSync('qemu-system-x86_64', ['--version']).status === 0;
const describeQemu = haveQemu ? describe : describe.skip;
if (!haveQemu) console.warn('machine boot tests skipped: qemu-system-x86_64 is not installed');

interface Run {
  stdout: string;
  stderr: string;
  status: string;
  code: number | null;
}

/** Key-value lines (`key value`) of a scenario's stdout; repeated keys keep every value. */
function values(stdout: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const m = /^(\w+) (\S+)$/.exec(line.trim());
    if (m) map.set(m[1]!, [...(map.get(m[1]!) ?? []), m[2]!]);
  }
  return map;
}

function one(v: Map<string, string[]>, key: string): bigint {
  const all = v.get(key);
  if (all === undefined) throw new Error(`no "${key}" line`);
  return BigInt(all[0]!);
}

/**
 * Disassembles x86_64 code with capstone in a plain Node process (capstone-wasm loads
 * itself with a dynamic import, which jest's sandbox refuses): one instruction a line.
 */
function disassemble(code: Uint8Array): string[] {
  const script = `
    const { Capstone, Const, loadCapstone } = require('capstone-wasm');
    loadCapstone().then(() => {
      const cs = new Capstone(Const.CS_ARCH_X86, Const.CS_MODE_64);
      const bytes = Buffer.from(process.argv[1], 'hex');
      for (const i of cs.disasm(bytes, { address: 0 })) console.log(i.mnemonic + (i.opStr ? ' ' + i.opStr : ''));
      cs.close();
    });`;
  return execFileSync(process.execPath, ['-e', script, Buffer.from(code).toString('hex')], { cwd: __dirname, encoding: 'utf8' }).trim().split('\n');
}

/** The machine code of the function whose (display) symbol ends with `/name`. */
function functionCode(image: LinkedImage, name: string): Uint8Array {
  const sym = image.symbols.find((s) => s.type === 'func' && s.name.endsWith(`/${name}`));
  if (sym === undefined) throw new Error(`no function symbol for ${name}`);
  const section = image.sections.find((s) => s.name === sym.section)!;
  const at = Number(sym.address - section.address);
  return section.bytes.slice(at, at + sym.size);
}

describe('the machine component in an image with a fixture kernel', () => {
  let dir: string;
  let elf: Uint8Array;
  let image: LinkedImage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mewz-machine-boot-'));
    const source = join(dir, 'fixture.ts');
    writeFileSync(source, FIXTURE_SOURCE);
    const fixture: ComponentPlugin = {
      kind: 'component',
      name: 'machine-test-kernel',
      apiVersion: 1,
      sources: [source],
      provides: ['mm_alloc_page', 'kernel_panic'].map((name) => ({ module: 'mewz:kernel', name })),
      requires: { symbols: MACHINE_SERVICES.map((name) => ({ module: 'mewz:machine', name })) },
    };
    const platform: PlatformPlugin = { ...qemuX86_64Platform, components: [qemuX86_64Machine.name, fixture.name] };
    const built = await buildImage({ app: APP, backend: x86_64Backend, platform, components: [qemuX86_64Machine, fixture], cacheDir: join(dir, 'cache') });
    elf = built.elf;
    image = built.image;
    writeFileSync(join(dir, 'image.elf'), elf);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The build checked every binding's type on the way: the fixture imports each service
  // with the contract's types (docs/kernel-interfaces.md), and the platform's kernel entry
  // wants mewz_exception as (i32, i64, i64, i64).
  it('links, with mewz_exception behind the platform\'s __mewz_exception entry', () => {
    expect(image.symbols.some((s) => s.name === '__mewz_exception' && s.type === 'func')).toBe(true);
    expect(image.symbols.some((s) => s.type === 'func' && s.name.endsWith('/mewz_exception'))).toBe(true);
  });

  it('machine_wait has sti immediately followed by hlt (no interrupt lost between them)', () => {
    const lines = disassemble(functionCode(image, 'machine_wait'));
    expect(lines.filter((l) => l === 'sti')).toHaveLength(1);
    const sti = lines.indexOf('sti');
    expect(lines.slice(sti, sti + 3)).toEqual(['sti', 'hlt', 'cli']);
  });

  describeQemu('booted in QEMU (TCG)', () => {
    /**
     * Boots the image with the platform's QEMU command line, the scenario as the last
     * argument. `input` is written to the console once the guest prints `ready`. A VM that
     * hangs is killed after a minute (a safety net, not a measurement).
     */
    function boot(scenario: string, machine = 'microvm', input?: string): Promise<Run> {
      const statusFile = join(dir, `status-${scenario}-${machine}`);
      writeFileSync(statusFile, '');
      // stderr goes to a file (COM2 then reaches it through /proc/self/fd/2), whatever the
      // test runner's own fd 2 is.
      const run = qemuCommand({ image: join(dir, 'image.elf'), isa: 'x86_64', memory: 128 << 20, machine, accel: 'tcg', args: ['fixture', scenario], env: {}, statusFile }, 'path');
      const stderrFile = join(dir, `stderr-${scenario}-${machine}`);
      const stderrFd = openSync(stderrFile, 'w');
      return new Promise((resolve, reject) => {
        const child = spawn(run.command, [...run.args], { stdio: ['pipe', 'pipe', stderrFd] });
        closeSync(stderrFd);
        let stdout = '';
        const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.stdout!.on('data', (d: Buffer) => {
          stdout += d.toString('latin1');
          if (input !== undefined && stdout.includes('ready\n')) {
            child.stdin!.write(input);
            input = undefined;
          }
        });
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(killer);
          resolve({ stdout, stderr: readFileSync(stderrFile, 'latin1'), status: readFileSync(statusFile, 'utf8'), code });
        });
      });
    }

    for (const machine of ['microvm', 'q35']) {
      describe(machine, () => {
        it('writes stdout to COM1 and stderr to COM2, and exits with the status line and isa-debug-exit', async () => {
          const r = await boot('console', machine);
          expect(r.stdout).toBe('hello stdout\n');
          expect(r.stderr).toContain('hello stderr\n');
          expect(r.stderr).not.toContain('hello stdout');
          expect(r.status).toBe('exit 7\n');
          expect(r.code).toBe((7 << 1) | 1);
        }, 90_000);

        it('tells a status above 127 in the status line, and traps apart from exits', async () => {
          const big = await boot('exit200', machine);
          expect(big.status).toBe('exit 200\n');
          expect(big.code).toBe(((200 & 0x7f) << 1) | 1);
          const trap = await boot('trap', machine);
          expect(trap.status).toBe('trap\n');
          expect(trap.code).toBe((0x42 << 1) | 1);
        }, 90_000);

        it('calibrates the TSC, waits past its deadline with the LAPIC timer, and reads the RTC', async () => {
          const hostBefore = Date.now();
          const r = await boot('clock', machine);
          const hostAfter = Date.now();
          expect(r.status).toBe('exit 0\n');
          const v = values(r.stdout);
          const waited = one(v, 'waited');
          const cycles = one(v, 'cycles');
          const hz = (cycles * 1_000_000_000n) / waited;
          // Figures for the report; the assertions below are about correctness, not speed.
          console.log(`${machine}: TSC ${Number(hz) / 1e6} MHz, resolution ${one(v, 'resolution')} ns, waited ${waited} ns (late ${one(v, 'late')} ns) in ${one(v, 'wakeups')} wake-ups; PIT ${one(v, 'pit_ticks')} ticks = ${one(v, 'pit_monotonic_ns')} ns by the TSC`);
          expect(hz).toBeGreaterThan(100_000_000n);
          expect(hz).toBeLessThan(10_000_000_000n);
          expect(waited).toBeGreaterThanOrEqual(200_000_000n);
          // The timer fires once, at the deadline (not a spinning loop of wake-ups).
          expect(one(v, 'wakeups')).toBeGreaterThanOrEqual(1n);
          expect(one(v, 'wakeups')).toBeLessThan(5n);
          // The calibration against an independent ~100 ms of PIT time. A wrong calibration is
          // off by a factor (a bad divisor, a misread latch); a busy host descheduling the TCG
          // vCPU between the TSC and PIT reads moves it by a few percent (2.5% seen under a
          // full parallel test run; 0.02-0.1% on a quiet one), so the bound is 10%.
          const pitNs = (one(v, 'pit_ticks') * 3_000_000_000n) / 3_579_545n;
          const err = Number(one(v, 'pit_monotonic_ns') - pitNs) / Number(pitNs);
          console.log(`${machine}: calibration error against the PIT ${(err * 100).toFixed(3)}%`);
          expect(Math.abs(err)).toBeLessThan(0.1);
          const wallMs = Number(one(v, 'wall') / 1_000_000n);
          expect(wallMs).toBeGreaterThan(hostBefore - 60_000);
          expect(wallMs).toBeLessThan(hostAfter + 60_000);
          expect(one(v, 'resolution')).toBeGreaterThanOrEqual(1n);
        }, 90_000);

        it('reports RAM above the kernel window and the image only, in whole pages', async () => {
          const r = await boot('ram', machine);
          const v = values(r.stdout);
          const imageEnd = one(v, 'image_end');
          const bases = (v.get('base') ?? []).map(BigInt);
          const sizes = (v.get('size') ?? []).map(BigInt);
          expect(bases.length).toBe(Number(one(v, 'ranges')));
          expect(bases.length).toBeGreaterThan(0);
          let total = 0n;
          bases.forEach((base, i) => {
            const size = sizes[i]!;
            expect(base % 4096n).toBe(0n);
            expect(size % 4096n).toBe(0n);
            expect(size).toBeGreaterThan(0n);
            // Nothing below the image's end (low memory, the kernel window and the image are below it).
            expect(base).toBeGreaterThanOrEqual(imageEnd);
            expect(base + size).toBeLessThanOrEqual(128n << 20n);
            total += size;
          });
          expect(total).toBeGreaterThan((128n << 20n) - imageEnd - (2n << 20n));
        }, 90_000);

        it('maps app-region pages to physical pages, refusing ranges outside the region or unaligned', async () => {
          const r = await boot('map', machine);
          const v = values(r.stdout);
          expect(one(v, 'region_base')).toBe(0x80_0000_0000n);
          expect(one(v, 'region_size')).toBe(0x80_0000_0000n);
          expect([one(v, 'map'), one(v, 'through_a'), one(v, 'through_b')]).toEqual([1n, 1n, 1n]);
          expect([one(v, 'below_region'), one(v, 'unaligned'), one(v, 'past_region')]).toEqual([0n, 0n, 0n]);
          expect(r.status).toBe('exit 0\n');
        }, 90_000);

        it('reports a page fault with its vector and address through mewz_exception', async () => {
          const r = await boot('pagefault', machine);
          expect(r.stderr).toContain('mewz: kernel panic: CPU exception #PF page fault (vector 14), error code 0x0 at pc 0x');
          expect(r.stderr).toContain('address 0x8012345000 (not present, read)');
          expect(r.status).toBe('panic\n');
        }, 90_000);

        it('names a fault in the guard page below the stack a kernel stack overflow', async () => {
          const r = await boot('guard', machine);
          expect(r.stderr).toContain('mewz: kernel panic: kernel stack overflow (page fault in the guard page below the stack)');
          expect(r.status).toBe('panic\n');
        }, 90_000);

        it('reports a general protection fault (non-canonical address)', async () => {
          const r = await boot('noncanonical', machine);
          expect(r.stderr).toContain('CPU exception #GP general protection (vector 13), error code 0x0');
          expect(r.status).toBe('panic\n');
        }, 90_000);

        it('wakes from an untimed wait when console input arrives (COM1 interrupt through the IOAPIC)', async () => {
          const r = await boot('stdin', machine, 'hi there q');
          expect(r.stdout).toContain('ready\nhi there \n');
          expect(one(values(r.stdout), 'waits')).toBeGreaterThanOrEqual(1n);
          expect(r.status).toBe('exit 9\n');
        }, 90_000);

        it('gives different entropy on each call', async () => {
          const v = values((await boot('entropy', machine)).stdout);
          const [a, b] = (v.get('entropy') ?? []).map(BigInt);
          expect(a).not.toBe(b);
          expect(a).not.toBe(0n);
        }, 90_000);

        it('detects the machine\'s devices: virtio-mmio slots on microvm, PCI on q35', async () => {
          const v = values((await boot('devices', machine)).stdout);
          if (machine === 'microvm') {
            expect([8n, 24n]).toContain(one(v, 'virtio'));
            expect(one(v, 'virtio0')).toBe(0xfeb0_0000n);
            expect(one(v, 'pci0')).toBe(0xffff_ffffn);
          } else {
            expect(one(v, 'virtio')).toBe(0n);
            expect(one(v, 'virtio0')).toBe(0n);
            expect(one(v, 'pci0') & 0xffffn).toBe(0x8086n);
            expect(one(v, 'pci_absent')).toBe(0xffff_ffffn);
          }
          expect(one(v, 'pci_bad_offset')).toBe(0xffff_ffffn);
        }, 90_000);
      });
    }
  });
});
