// A simulated machine for kernel-mm's AssemblyScript, run in Node's WebAssembly: RAM as a
// JS buffer at a physical address, the app region mapped page by page through a fake
// machine_map (which takes page-table pages from mm_alloc_page as a real one does), an
// "image" area for MemoryObjects and TableObjects, and kernel_panic/kernel_log captured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileKernel, type ComponentPlugin } from '@mewz/core';
import { kernelMmComponent } from '../../src/index';

export const PAGE = 4096;
export const KERNEL_BASE = 0x1_0000;
/** Where the objects the builtins fill in live (an app's context in a real image). */
export const IMAGE_BASE = 0x4000_0000n;
export const IMAGE_SIZE = 0x1_0000;

/** Thrown by the fake kernel_panic so the Wasm call unwinds, as machine_exit never returns. */
export class KernelPanic extends Error {}

export interface MachineSpec {
  /** RAM ranges as the machine reports them (may be unaligned). */
  ram: { base: bigint; size: bigint }[];
  region?: { base: bigint; size: bigint };
  /** Called before each machine_map; false makes it fail. */
  mapFilter?: (virt: bigint, bytes: bigint) => boolean;
}

export interface Exports {
  memory: WebAssembly.Memory;
  mm_alloc_page(): bigint;
  mm_free_page(addr: bigint): void;
  memory_new(object: bigint, min: number, max: number): void;
  memory_grow(object: bigint, delta: number): number;
  table_new(object: bigint, min: number, max: number): void;
  table_grow(object: bigint, init: bigint, delta: number): number;
}

export class FakeMachine {
  readonly ram: { base: bigint; bytes: Uint8Array }[];
  readonly image = new Uint8Array(IMAGE_SIZE);
  readonly region: { base: bigint; size: bigint };
  /** App-region page → physical page. */
  readonly mapped = new Map<bigint, bigint>();
  /** Physical pages the fake machine_map took for its page tables. */
  readonly tablePages: bigint[] = [];
  readonly logs: string[] = [];
  mapCalls = 0;
  exports!: Exports;
  private readonly tableRegions = new Set<bigint>();

  constructor(readonly spec: MachineSpec) {
    this.ram = spec.ram.map((r) => ({ base: r.base, bytes: new Uint8Array(Number(r.size)) }));
    // Real RAM is not zero after a reboot: start dirty so zeroing is really tested.
    for (const r of this.ram) r.bytes.fill(0xa5);
    this.region = spec.region ?? { base: 0x80_0000_0000n, size: 0x80_0000_0000n };
  }

  /** The bytes behind a native address, up to the end of its page (or area). */
  private locate(addr: bigint): { buf: Uint8Array; off: number; room: number } {
    const mem = new Uint8Array(this.exports.memory.buffer);
    if (addr < BigInt(mem.length)) return { buf: mem, off: Number(addr), room: mem.length - Number(addr) };
    if (addr >= IMAGE_BASE && addr < IMAGE_BASE + BigInt(IMAGE_SIZE)) {
      const off = Number(addr - IMAGE_BASE);
      return { buf: this.image, off, room: IMAGE_SIZE - off };
    }
    const page = addr & ~0xfffn;
    const phys = this.mapped.get(page);
    if (phys !== undefined) {
      const inner = this.locate(phys + (addr - page));
      return { ...inner, room: Math.min(inner.room, PAGE - Number(addr - page)) };
    }
    for (const r of this.ram) {
      if (addr >= r.base && addr < r.base + BigInt(r.bytes.length)) {
        const off = Number(addr - r.base);
        return { buf: r.bytes, off, room: r.bytes.length - off };
      }
    }
    throw new Error(`fault: access to unmapped native address 0x${addr.toString(16)}`);
  }

  read(addr: bigint, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let done = 0; done < n; ) {
      const { buf, off, room } = this.locate(addr + BigInt(done));
      const take = Math.min(room, n - done);
      out.set(buf.subarray(off, off + take), done);
      done += take;
    }
    return out;
  }

  write(addr: bigint, bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) {
      const { buf, off, room } = this.locate(addr + BigInt(done));
      const take = Math.min(room, bytes.length - done);
      buf.set(bytes.subarray(done, done + take), off);
      done += take;
    }
  }

  u32(addr: bigint): number {
    return new DataView(this.read(addr, 4).buffer).getUint32(0, true);
  }

  u64(addr: bigint): bigint {
    return new DataView(this.read(addr, 8).buffer).getBigUint64(0, true);
  }

  setU64(addr: bigint, value: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, value, true);
    this.write(addr, b);
  }

  private map(virt: bigint, phys: bigint, bytes: bigint): number {
    this.mapCalls++;
    if (virt % 4096n !== 0n || phys % 4096n !== 0n || bytes % 4096n !== 0n || bytes === 0n) throw new Error(`machine_map: misaligned ${virt} ${phys} ${bytes}`);
    if (virt < this.region.base || virt + bytes > this.region.base + this.region.size) return 0;
    if (this.spec.mapFilter && !this.spec.mapFilter(virt, bytes)) return 0;
    for (let at = 0n; at < bytes; at += 4096n) {
      // A page table per 2 MiB of the region, from the kernel's allocator like a real machine's.
      const table = (virt + at) >> 21n;
      if (!this.tableRegions.has(table)) {
        const page = this.exports.mm_alloc_page();
        if (page === 0n) return 0;
        this.tablePages.push(page);
        this.tableRegions.add(table);
      }
      this.mapped.set(virt + at, phys + at);
    }
    return 1;
  }

  imports(): WebAssembly.Imports {
    const text = (addr: bigint, len: number): string => Buffer.from(this.read(addr, len)).toString('latin1');
    return {
      'mewz:machine': {
        machine_ram_count: () => this.spec.ram.length,
        machine_ram_base: (i: number) => this.spec.ram[i].base,
        machine_ram_size: (i: number) => this.spec.ram[i].size,
        machine_app_region_base: () => this.region.base,
        machine_app_region_size: () => this.region.size,
        machine_map: (v: bigint, p: bigint, n: bigint) => this.map(v, p, n),
      },
      'mewz:kernel': {
        kernel_panic: (addr: bigint, len: number) => {
          throw new KernelPanic(text(addr, len));
        },
        kernel_log: (level: number, addr: bigint, len: number) => {
          this.logs.push(`${level} ${text(addr, len)}`);
        },
      },
      'mewz:intrinsics': {
        memmove: (dst: bigint, src: bigint, n: bigint) => this.write(dst, this.read(src, Number(n))),
        memset: (dst: bigint, byte: number, n: bigint) => this.write(dst, new Uint8Array(Number(n)).fill(byte)),
      },
    };
  }
}

/** Compiles kernel-mm once (asc, into a private cache) for a test file. */
export async function compileMm(): Promise<WebAssembly.Module> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'mewz-kernel-mm-test-'));
  try {
    const { wasm } = await compileKernel([kernelMmComponent as unknown as ComponentPlugin], { memoryBase: KERNEL_BASE, cacheDir });
    return new WebAssembly.Module(new Uint8Array(wasm));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** A fresh instance of kernel-mm on a fresh fake machine. */
export function boot(module: WebAssembly.Module, spec: MachineSpec): FakeMachine {
  const machine = new FakeMachine(spec);
  const instance = new WebAssembly.Instance(module, machine.imports());
  machine.exports = instance.exports as unknown as Exports;
  return machine;
}
