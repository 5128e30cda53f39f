import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aarch64Backend } from '@mewz/backend-aarch64';
import { buildImage, type BuiltImage, type ComponentPlugin, type PlatformPlugin } from '@mewz/core';
import { MACHINE_SERVICES, qemuAarch64Machine } from '../src/machine-component';
import { APP_REGION_BASE, APP_REGION_SIZE, flatImage, LOAD_ADDRESS, qemuAarch64Platform, qemuCommand } from '../src/index';

type LinkedImage = BuiltImage['image'];

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
@external("mewz:intrinsics", "cycle_counter_frequency") declare function cycle_counter_frequency(): u64;
@external("mewz:intrinsics", "sysreg_read_id_aa64isar0_el1") declare function sysreg_read_id_aa64isar0_el1(): u64;

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
  // A fault inside the report of a fault: the stub must end the machine by itself.
  if (is("nested")) mmio_load64(8);
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
  line("frequency", cycle_counter_frequency());
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
  } else if (is("null") || is("nested")) {
    mmio_load64(8);
  } else if (is("text_write")) {
    mmio_store64(mmio_load64(bootInfo + 8) + 0x100, 0);
  } else if (is("stdin")) {
    stdin();
  } else if (is("el")) {
    line("entry_el", mmio_load64(bootInfo + 72));
    hexline("entry_x0", mmio_load64(bootInfo));
    machine_exit(0, 0);
  } else if (is("entropy")) {
    hexline("entropy", machine_entropy());
    hexline("entropy", machine_entropy());
    hexline("isar0", sysreg_read_id_aa64isar0_el1());
    machine_exit(0, 0);
  } else if (is("devices")) {
    line("virtio", machine_virtio_mmio_count());
    hexline("virtio0", machine_virtio_mmio_base(0));
    hexline("virtio_last", machine_virtio_mmio_base(machine_virtio_mmio_count() - 1));
    hexline("virtio_past", machine_virtio_mmio_base(machine_virtio_mmio_count()));
    hexline("pci0", machine_pci_read32(0, 0));
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

const haveQemu = spawnSync('qemu-system-aarch64', ['--version']).status === 0;
const describeQemu = haveQemu ? describe : describe.skip;
if (!haveQemu) console.warn('machine boot tests skipped: qemu-system-aarch64 is not installed');

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

describe('the machine component in an image with a fixture kernel', () => {
  let dir: string;
  let image: LinkedImage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mewz-a64-machine-boot-'));
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
    const platform: PlatformPlugin = { ...qemuAarch64Platform, components: [qemuAarch64Machine.name, fixture.name] };
    const built = await buildImage({ app: APP, backend: aarch64Backend, platform, components: [qemuAarch64Machine, fixture], cacheDir: join(dir, 'cache') });
    image = built.image;
    writeFileSync(join(dir, 'image.elf'), built.elf);
    writeFileSync(join(dir, 'image.bin'), flatImage(built.elf));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('links, with mewz_exception behind the platform\'s __mewz_exception entry', () => {
    expect(image.symbols.some((s) => s.name === '__mewz_exception' && s.type === 'func')).toBe(true);
    expect(image.symbols.some((s) => s.type === 'func' && s.name.endsWith('/mewz_exception'))).toBe(true);
  });

  /** Runs a scenario; `machineOption` replaces the -M value (e.g. to enter at EL2). */
  function run(scenario: string, options: { input?: string; machineOption?: string; raw?: boolean } = {}): Run {
    const statusFile = join(dir, `status-${scenario}`);
    const stderrFile = join(dir, `stderr-${scenario}`);
    writeFileSync(statusFile, '');
    const image = join(dir, options.raw ? 'image.bin' : 'image.elf');
    const cmd = qemuCommand({ image, isa: 'aarch64', memory: 64 << 20, accel: 'tcg', args: ['fixture', scenario], env: {}, statusFile }, 'path');
    const args = [...cmd.args];
    if (options.machineOption) args[args.indexOf('-M') + 1] = options.machineOption;
    const fd = openSync(stderrFile, 'w');
    // A hung VM is killed after a minute: a safety net, not a measurement.
    const r = spawnSync(cmd.command, args, { input: options.input ?? '', stdio: ['pipe', 'pipe', fd], encoding: 'latin1', timeout: 60_000 });
    closeSync(fd);
    return { stdout: r.stdout, stderr: readFileSync(stderrFile, 'latin1'), status: readFileSync(statusFile, 'utf8'), code: r.status };
  }

  describeQemu('booted in QEMU virt (TCG)', () => {
    it('writes stdout to the PL011 and stderr to the semihosting console, and exits with the status line and SYS_EXIT', () => {
      const r = run('console');
      expect(r.stdout).toBe('hello stdout\n');
      expect(r.stderr).toBe('hello stderr\n');
      expect(r.status).toBe('exit 7\n');
      expect(r.code).toBe(7);
    }, 90_000);

    it('tells a status above 127 in the status line, and traps apart from exits', () => {
      const exit = run('exit200');
      expect(exit.status).toBe('exit 200\n');
      expect(exit.code).toBe(200);
      const trap = run('trap');
      expect(trap.status).toBe('trap\n');
      expect(trap.code).toBe(134);
    }, 90_000);

    it('enters at EL1 by default and drops from EL2 when entered there (virtualization=on)', () => {
      expect(one(values(run('el').stdout), 'entry_el')).toBe(1n);
      const el2 = run('el', { machineOption: 'virt,gic-version=2,virtualization=on' });
      expect(one(values(el2.stdout), 'entry_el')).toBe(2n);
      expect(el2.status).toBe('exit 0\n');
    }, 90_000);

    it('finds the device tree at the base of RAM for the ELF (QEMU passes no x0) and in x0 for the raw Image', () => {
      const elf = values(run('el').stdout);
      expect(one(elf, 'entry_x0')).toBe(0n);
      const raw = run('el', { raw: true });
      const x0 = one(values(raw.stdout), 'entry_x0');
      // QEMU puts it above the image (and its room for an initrd), inside the 64 MiB of RAM.
      expect(x0).toBeGreaterThan(LOAD_ADDRESS);
      expect(x0).toBeLessThan(0x4000_0000n + (64n << 20n));
      expect(raw.status).toBe('exit 0\n');
      // The RAM list leaves the device tree out wherever it is.
      const ram = values(run('ram', { raw: true }).stdout);
      const bases = (ram.get('base') ?? []).map(BigInt);
      const sizes = (ram.get('size') ?? []).map(BigInt);
      expect(bases.length).toBeGreaterThan(1);
      bases.forEach((base, i) => expect(x0 < base || x0 >= base + sizes[i]!).toBe(true));
    }, 90_000);

    it('waits past its deadline with the virtual timer, halting rather than spinning, and reads the RTC', () => {
      const r = run('clock');
      const v = values(r.stdout);
      expect(r.status).toBe('exit 0\n');
      expect(one(v, 'frequency')).toBeGreaterThan(0n);
      expect(one(v, 'resolution')).toBe((1_000_000_000n + one(v, 'frequency') - 1n) / one(v, 'frequency'));
      expect(one(v, 'waited')).toBeGreaterThanOrEqual(200_000_000n);
      // A wait that returned at once (a latched interrupt never acknowledged) would loop thousands of times.
      expect(one(v, 'wakeups')).toBeLessThanOrEqual(5n);
      // The PL031 read at boot: some time after 2020-01-01.
      expect(one(v, 'wall')).toBeGreaterThan(1_577_836_800n * 1_000_000_000n);
    }, 90_000);

    it('reports RAM from the device tree above the kernel window and the image only, in whole pages', () => {
      const r = run('ram');
      const v = values(r.stdout);
      const imageEnd = one(v, 'image_end');
      const bases = (v.get('base') ?? []).map(BigInt);
      const sizes = (v.get('size') ?? []).map(BigInt);
      expect(bases.length).toBeGreaterThan(0);
      expect(one(v, 'ranges')).toBe(BigInt(bases.length));
      let total = 0n;
      bases.forEach((base, i) => {
        const end = base + sizes[i]!;
        expect(base % 4096n).toBe(0n);
        expect(sizes[i]! % 4096n).toBe(0n);
        expect(base).toBeGreaterThanOrEqual(LOAD_ADDRESS);
        expect(base >= imageEnd || end <= LOAD_ADDRESS).toBe(true);
        // -m 64M: RAM is [1 GiB, 1 GiB + 64 MiB).
        expect(end).toBeLessThanOrEqual(0x4000_0000n + (64n << 20n));
        total += sizes[i]!;
      });
      expect(total).toBe(0x4000_0000n + (64n << 20n) - imageEnd);
    }, 90_000);

    it('maps app-region pages to physical pages, refusing ranges outside the region or unaligned', () => {
      const v = values(run('map').stdout);
      expect(one(v, 'region_base')).toBe(APP_REGION_BASE);
      expect(one(v, 'region_size')).toBe(APP_REGION_SIZE);
      expect(one(v, 'map')).toBe(1n);
      expect(one(v, 'through_a')).toBe(1n);
      expect(one(v, 'through_b')).toBe(1n);
      expect(one(v, 'below_region')).toBe(0n);
      expect(one(v, 'unaligned')).toBe(0n);
      expect(one(v, 'past_region')).toBe(0n);
    }, 90_000);

    it('reports a load from the unmapped app region as a data abort with its address', () => {
      const r = run('pagefault');
      expect(r.stderr).toContain('mewz: kernel panic: CPU exception: synchronous data abort (vector 0');
      expect(r.stderr).toContain(`address 0x${(APP_REGION_BASE + 0x1234_5000n).toString(16)} (read, translation fault)`);
      expect(r.status).toBe('panic\n');
      expect(r.code).toBe(135);
    }, 90_000);

    it('leaves page 0 unmapped: a null load is a data abort', () => {
      const r = run('null');
      expect(r.stderr).toContain('data abort');
      expect(r.stderr).toContain('address 0x8 (read, translation fault)');
      expect(r.status).toBe('panic\n');
    }, 90_000);

    it('keeps the image text read-only (a write is a permission fault)', () => {
      const r = run('text_write');
      expect(r.stderr).toMatch(/data abort \(vector 0, ESR 0x[0-9a-f]+\) at pc 0x[0-9a-f]+, address 0x40600100 \(write, permission fault\)/);
      expect(r.status).toBe('panic\n');
    }, 90_000);

    it('ends the machine when the exception report itself faults', () => {
      const r = run('nested');
      expect(r.stderr).toBe('mewz: CPU exception while handling a CPU exception\n');
      expect(r.status).toBe('panic\n');
      expect(r.code).toBe(135);
    }, 90_000);

    it('names a fault in the guard page below the stack a kernel stack overflow', () => {
      const r = run('guard');
      expect(r.stderr).toContain('kernel stack overflow (data abort in the guard page below the stack)');
      expect(r.status).toBe('panic\n');
    }, 90_000);

    it('wakes from an untimed wait when console input arrives (PL011 interrupt through the GIC)', async () => {
      const statusFile = join(dir, 'status-stdin');
      writeFileSync(statusFile, '');
      const cmd = qemuCommand({ image: join(dir, 'image.elf'), isa: 'aarch64', memory: 64 << 20, accel: 'tcg', args: ['fixture', 'stdin'], env: {}, statusFile }, 'path');
      const child = spawn(cmd.command, [...cmd.args], { stdio: ['pipe', 'pipe', 'ignore'] });
      let stdout = '';
      let sent = false;
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString('latin1');
        // Input only once the guest waits with nothing to read: only the UART's interrupt can wake it.
        if (!sent && stdout.includes('ready\n')) {
          sent = true;
          child.stdin!.write('abcq');
        }
      });
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await new Promise((resolve) => child.on('close', resolve));
      clearTimeout(killer);
      expect(stdout).toContain('ready\nabc\n');
      expect(readFileSync(statusFile, 'utf8')).toBe('exit 3\n');
      expect(Number(/waits (\d+)/.exec(stdout)![1])).toBeGreaterThanOrEqual(1);
    }, 90_000);

    it('gives different entropy on each call (-cpu max has RNDR, which it mixes in)', () => {
      const v = values(run('entropy').stdout);
      const [a, b] = v.get('entropy')!;
      expect(a).not.toBe(b);
      expect(one(v, 'isar0') >> 60n).toBeGreaterThan(0n);
    }, 90_000);

    it('finds the virtio-mmio transports in the device tree, in address order, and no PCI', () => {
      const v = values(run('devices').stdout);
      // QEMU virt has 32 transports of 0x200 bytes from 0x0a000000.
      expect(one(v, 'virtio')).toBe(32n);
      expect(one(v, 'virtio0')).toBe(0x0a00_0000n);
      expect(one(v, 'virtio_last')).toBe(0x0a00_0000n + 31n * 0x200n);
      expect(one(v, 'virtio_past')).toBe(0n);
      expect(one(v, 'pci0')).toBe(0xffff_ffffn);
    }, 90_000);
  });
});
