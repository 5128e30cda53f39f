// A simulated machine for the kernel's AssemblyScript, run in Node's WebAssembly: the
// `mewz:machine` services in JavaScript (a console with scripted input, a clock that moves
// only when the kernel waits, virtio-mmio slots and a PCI bus 0 as data), the memmove and
// mmio_load32 intrinsics over a small native address space — the kernel's memory (low
// addresses, identity mapped as on a real machine) and an app memory far above it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileKernel, type ComponentPlugin } from '@mewz/core';

export const KERNEL_BASE = 0x1_0000;
/** Below the kernel's data: where the fake boot loader leaves the command line. */
export const CMDLINE_ADDR = 0x1000n;
/** Where tests put a trap info (also below the kernel's data). */
export const TRAP_INFO_ADDR = 0x4000n;
export const APP_BASE = 0x80_0000_0000n;
export const APP_SIZE = 0x1_0000;
export const NO_DEADLINE = 0xffff_ffff_ffff_ffffn;

/** machine_exit never returns: the fake throws this to unwind the Wasm call. */
export class MachineExit extends Error {
  constructor(
    readonly kind: number,
    readonly status: number,
  ) {
    super(`machine_exit(${kind}, ${status})`);
  }
}

export interface VirtioSlot {
  base: bigint;
  magic?: number;
  version?: number;
  device: number;
  vendor?: number;
}

export interface PciFunction {
  device: number;
  function: number;
  vendorId: number;
  deviceId: number;
  classCode: number;
  multiFunction?: boolean;
}

export interface MachineSpec {
  cmdline?: string | Uint8Array;
  virtio?: VirtioSlot[];
  pci?: PciFunction[];
  resolution?: bigint;
  wall?: bigint;
  /** Start of the fake entropy sequence. */
  entropySeed?: bigint;
  /** Longest a machine_wait sleeps before returning early (a spurious interrupt). */
  maxWaitNs?: bigint;
}

export interface KernelExports {
  memory: WebAssembly.Memory;
  mewz_init(bootInfo: bigint): void;
  mewz_trap(code: number, func: number, info: bigint): void;
  kernel_panic(message: bigint, len: number): void;
  kernel_log(level: number, message: bigint, len: number): void;
  platform_write(fd: number, addr: bigint, len: number): bigint;
  platform_read(fd: number, addr: bigint, len: number): bigint;
  platform_fd_filestat(fd: number, out: number): number;
  platform_clock_time(id: number): bigint;
  platform_clock_res(id: number): bigint;
  platform_sleep(ns: bigint): void;
  platform_random(addr: bigint, len: number): number;
  platform_exit(code: number): void;
  platform_yield(): void;
  platform_arg_count(): number;
  platform_arg(i: number): bigint;
  platform_env_count(): number;
  platform_env(i: number): bigint;
  test_chacha20_block(key: number, counter: number, nonce: number, out: number): void;
  test_device_count(): number;
  test_device_kind(i: number): number;
  test_device_id(i: number): number;
  test_device_vendor(i: number): number;
  test_device_class(i: number): number;
  test_device_location(i: number): bigint;
  test_add_poller(): void;
  test_polls(): number;
  test_alloc(bytes: number): number;
}

/** An input event: bytes that arrive on the console when the clock reaches `at`. */
interface Arrival {
  at: bigint;
  bytes: number[];
}

export class FakeMachine {
  exports!: KernelExports;
  readonly app = new Uint8Array(APP_SIZE);
  readonly stdout: number[] = [];
  readonly stderr: number[] = [];
  /** Bytes waiting in the console's receiver. */
  readonly input: number[] = [];
  private readonly arrivals: Arrival[] = [];
  now = 1_000_000n;
  readonly waits: bigint[] = [];
  bootInfo: bigint | undefined;
  entropyCalls = 0;
  private readonly cmdlineBytes: Uint8Array | undefined;

  constructor(readonly spec: MachineSpec = {}) {
    const c = spec.cmdline;
    this.cmdlineBytes = c === undefined ? undefined : typeof c === 'string' ? new TextEncoder().encode(c) : c;
  }

  get stdoutText(): string {
    return Buffer.from(this.stdout).toString('latin1');
  }

  get stderrText(): string {
    return Buffer.from(this.stderr).toString('latin1');
  }

  /** Bytes that arrive on the console once the clock reaches `at` (they wake a wait). */
  arriveAt(at: bigint, bytes: number[] | string): void {
    this.arrivals.push({ at, bytes: typeof bytes === 'string' ? [...Buffer.from(bytes, 'latin1')] : bytes });
    this.arrivals.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  private locate(addr: bigint, n: number): { buf: Uint8Array; off: number } {
    const mem = new Uint8Array(this.exports.memory.buffer);
    if (addr + BigInt(n) <= BigInt(mem.length)) return { buf: mem, off: Number(addr) };
    if (addr >= APP_BASE && addr + BigInt(n) <= APP_BASE + BigInt(APP_SIZE)) return { buf: this.app, off: Number(addr - APP_BASE) };
    throw new Error(`fault: access to native [0x${addr.toString(16)}, +${n})`);
  }

  read(addr: bigint, n: number): Uint8Array {
    const { buf, off } = this.locate(addr, n);
    return buf.slice(off, off + n);
  }

  write(addr: bigint, bytes: Uint8Array): void {
    const { buf, off } = this.locate(addr, bytes.length);
    buf.set(bytes, off);
  }

  private wait(deadline: bigint): void {
    this.waits.push(deadline);
    if (this.waits.length > 100_000) throw new Error('machine_wait called 100000 times: the kernel spins');
    const next = this.arrivals[0];
    let wake = deadline;
    if (next !== undefined && next.at < wake) wake = next.at;
    if (wake === NO_DEADLINE) throw new Error('deadlock: machine_wait with no deadline and nothing that could wake it');
    const limit = this.now + (this.spec.maxWaitNs ?? NO_DEADLINE);
    if (limit < wake) wake = limit;
    if (wake > this.now) this.now = wake;
    while (this.arrivals.length > 0 && this.arrivals[0].at <= this.now) this.input.push(...this.arrivals.shift()!.bytes);
  }

  private virtioRead(addr: bigint): number | undefined {
    for (const s of this.spec.virtio ?? []) {
      if (addr < s.base || addr >= s.base + 0x200n) continue;
      switch (Number(addr - s.base)) {
        case 0: return s.magic ?? 0x74726976;
        case 4: return s.version ?? 2;
        case 8: return s.device;
        case 12: return s.vendor ?? 0x554d4551;
        default: return 0;
      }
    }
    return undefined;
  }

  private pciRead(bdf: number, offset: number): number {
    const f = (this.spec.pci ?? []).find((p) => ((p.device << 3) | p.function) === bdf);
    if (f === undefined || bdf >> 8 !== 0) return 0xffff_ffff;
    switch (offset) {
      case 0: return ((f.deviceId << 16) | f.vendorId) >>> 0;
      case 8: return ((f.classCode << 8) | 1) >>> 0; // revision 1
      case 12: return (f.multiFunction ? 0x80 : 0) << 16;
      default: return 0;
    }
  }

  imports(): WebAssembly.Imports {
    let entropy = this.spec.entropySeed ?? 0x1234_5678_9abc_def0n;
    return {
      'mewz:machine': {
        machine_init: (bootInfo: bigint) => {
          this.bootInfo = bootInfo;
          if (this.cmdlineBytes) this.write(CMDLINE_ADDR, Uint8Array.from([...this.cmdlineBytes, 0]));
        },
        machine_cmdline: () => (this.cmdlineBytes === undefined ? 0n : CMDLINE_ADDR),
        machine_console_write: (stream: number, addr: bigint, len: number) => {
          if (stream !== 1 && stream !== 2) throw new Error(`machine_console_write: stream ${stream}`);
          (stream === 1 ? this.stdout : this.stderr).push(...this.read(addr, len));
        },
        machine_console_read: () => this.input.shift() ?? -1,
        machine_monotonic_ns: () => this.now,
        machine_wall_ns: () => (this.spec.wall ?? 1_700_000_000_000_000_000n) + this.now,
        machine_clock_resolution_ns: () => this.spec.resolution ?? 1n,
        machine_wait: (deadline: bigint) => this.wait(BigInt.asUintN(64, deadline)),
        machine_entropy: () => {
          this.entropyCalls++;
          entropy = BigInt.asUintN(64, entropy * 6364136223846793005n + 1442695040888963407n);
          return entropy;
        },
        machine_exit: (kind: number, status: number) => {
          throw new MachineExit(kind, status);
        },
        machine_virtio_mmio_count: () => (this.spec.virtio ?? []).length,
        machine_virtio_mmio_base: (i: number) => this.spec.virtio![i].base,
        machine_pci_read32: (bdf: number, offset: number) => this.pciRead(bdf, offset) | 0,
      },
      'mewz:intrinsics': {
        memmove: (dst: bigint, src: bigint, n: bigint) => this.write(dst, this.read(src, Number(n))),
        mmio_load32: (addr: bigint) => {
          const v = this.virtioRead(addr);
          if (v === undefined) throw new Error(`fault: mmio read at 0x${addr.toString(16)}`);
          return v | 0;
        },
      },
    };
  }
}

const fixture = join(__dirname, '..', 'fixtures', 'kernel-test.ts');

/** Compiles the kernel (with its test exports) once per test file, into a private cache. */
export async function compileKernelForTest(): Promise<WebAssembly.Module> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'mewz-kernel-test-'));
  try {
    const component = { kind: 'component', name: 'kernel-test', apiVersion: 1, sources: [fixture], provides: [], requires: {} } as unknown as ComponentPlugin;
    const { wasm } = await compileKernel([component], { memoryBase: KERNEL_BASE, cacheDir });
    return new WebAssembly.Module(new Uint8Array(wasm));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** A fresh kernel on a fresh fake machine; `init` runs mewz_init (boot info 0x5000). */
export function boot(module: WebAssembly.Module, spec: MachineSpec = {}, init = true): FakeMachine {
  const machine = new FakeMachine(spec);
  machine.exports = new WebAssembly.Instance(module, machine.imports()).exports as unknown as KernelExports;
  if (init) machine.exports.mewz_init(0x5000n);
  return machine;
}

/** The NUL-terminated string at a native address. */
export function cString(m: FakeMachine, addr: bigint): string {
  const out: number[] = [];
  for (let a = addr; ; a++) {
    const b = m.read(a, 1)[0];
    if (b === 0) return Buffer.from(out).toString('latin1');
    out.push(b);
  }
}
