// The machine component's pure parts (the device tree reader, the RAM map) compiled with
// asc and run in Node, memory simulated behind the intrinsic imports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { compileKernel } from '@mewz/core';
import { qemuAarch64Machine } from '../src/machine-component';

// Node's WebAssembly, typed here: the workspace's TypeScript libraries leave it out.
type Imports = Record<string, Record<string, (...args: never[]) => unknown>>;
declare const WebAssembly: { instantiate(bytes: Uint8Array, imports: Imports): Promise<{ instance: { exports: unknown } }> };

interface Units {
  fdtInit(candidate: bigint): number;
  fdtAddress(): bigint;
  fdtBytes(): bigint;
  fdtMemoryCount(): number;
  fdtMemoryBase(i: number): bigint;
  fdtMemorySize(i: number): bigint;
  fdtVirtioCount(): number;
  fdtVirtioBase(i: number): bigint;
  fdtBootargs(): bigint;
  ramInit(): number;
  ramCount(): number;
  ramBase(i: number): bigint;
  ramSize(i: number): bigint;
  setBootInfo(address: bigint): void;
}

/** A sparse physical memory behind the mmio intrinsics. */
class Memory {
  bytes = new Map<bigint, number>();
  write(addr: bigint, data: Uint8Array): void {
    data.forEach((b, i) => this.bytes.set(addr + BigInt(i), b));
  }
  write64(addr: bigint, value: bigint): void {
    for (let i = 0n; i < 8n; i++) this.bytes.set(addr + i, Number((value >> (8n * i)) & 0xffn));
  }
  read(addr: bigint, size: number): bigint {
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes.get(addr + BigInt(i)) ?? 0);
    return v;
  }
  text(addr: bigint): string {
    let s = '';
    for (let a = addr; this.read(a, 1) !== 0n; a++) s += String.fromCharCode(Number(this.read(a, 1)));
    return s;
  }
  imports(): Imports {
    const intrinsics: Record<string, (...a: never[]) => unknown> = {
      mmio_load8: (a: bigint) => Number(this.read(BigInt.asUintN(64, a), 1)),
      mmio_load32: (a: bigint) => Number(this.read(BigInt.asUintN(64, a), 4)) | 0,
      mmio_load64: (a: bigint) => this.read(BigInt.asUintN(64, a), 8),
    };
    return { 'mewz:intrinsics': intrinsics };
  }
}

type Prop = [string, Uint8Array];
interface Node {
  name: string;
  props: Prop[];
  children: Node[];
}

const be32 = (...values: number[]) => {
  const out = new Uint8Array(4 * values.length);
  values.forEach((v, i) => new DataView(out.buffer).setUint32(4 * i, v >>> 0));
  return out;
};
const cells = (...values: bigint[]) => be32(...values.flatMap((v) => [Number(v >> 32n), Number(v & 0xffff_ffffn)]));
const str = (s: string) => new TextEncoder().encode(`${s}\0`);

/** A flattened device tree (version 17) of `root`; `tamper` edits the structure block's words. */
function dtb(root: Node, tamper?: (words: number[]) => void): Uint8Array {
  const words: number[] = [];
  const strings: string[] = [];
  const stringOffset = (name: string) => {
    let at = 0;
    for (const s of strings) {
      if (s === name) return at;
      at += s.length + 1;
    }
    strings.push(name);
    return at;
  };
  const pushBytes = (bytes: Uint8Array) => {
    const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
    padded.set(bytes);
    for (let i = 0; i < padded.length; i += 4) words.push(new DataView(padded.buffer).getUint32(i));
  };
  const node = (n: Node) => {
    words.push(1);
    pushBytes(str(n.name));
    for (const [name, value] of n.props) {
      words.push(3, value.length, stringOffset(name));
      pushBytes(value);
    }
    n.children.forEach(node);
    words.push(2);
  };
  node(root);
  words.push(9);
  tamper?.(words);
  const structure = be32(...words);
  const stringBytes = new TextEncoder().encode(strings.map((s) => `${s}\0`).join(''));
  const header = 40;
  const reserve = 16; // one empty memory reservation entry
  const offStruct = header + reserve;
  const offStrings = offStruct + structure.length;
  const total = offStrings + stringBytes.length;
  const out = new Uint8Array(total);
  out.set(be32(0xd00dfeed, total, offStruct, offStrings, header, 17, 16, 0, stringBytes.length, structure.length), 0);
  out.set(structure, offStruct);
  out.set(stringBytes, offStrings);
  return out;
}

const VIRT_LIKE: Node = {
  name: '',
  props: [['#address-cells', be32(2)], ['#size-cells', be32(2)], ['compatible', str('linux,dummy-virt')]],
  children: [
    { name: 'virtio_mmio@a000200', props: [['reg', cells(0x0a00_0200n, 0x200n)]], children: [] },
    { name: 'virtio_mmio@a000000', props: [['reg', cells(0x0a00_0000n, 0x200n)]], children: [] },
    { name: 'memory@40000000', props: [['device_type', str('memory')], ['reg', cells(0x4000_0000n, 0x400_0000n, 0x8000_0000n, 0x100_0000n)]], children: [] },
    { name: 'chosen', props: [['bootargs', str('mewz.arg=app')]], children: [] },
    // A nested node whose reg must not count as memory.
    { name: 'soc', props: [], children: [{ name: 'memory@0', props: [['reg', cells(0n, 0x1000n)]], children: [] }] },
  ],
};

describe('machine component units (asc output in Node)', () => {
  let dir: string;
  let wasm: Uint8Array;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mewz-a64-machine-units-'));
    const machine = dirname(qemuAarch64Machine.sources[0]!);
    const from = (file: string) => JSON.stringify(relative(dir, join(machine, file)));
    const entry = join(dir, 'units.ts');
    writeFileSync(
      entry,
      [
        `export { fdtInit, fdtAddress, fdtBytes, fdtMemoryCount, fdtMemoryBase, fdtMemorySize, fdtVirtioCount, fdtVirtioBase, fdtBootargs } from ${from('fdt')};`,
        `export { ramInit, ramCount, ramBase, ramSize } from ${from('ram')};`,
        `export { setBootInfo } from ${from('boot-info')};`,
      ].join('\n'),
    );
    const unit = { kind: 'component' as const, name: 'units', apiVersion: 1 as const, sources: [entry], provides: [], requires: {} };
    wasm = (await compileKernel([unit], { memoryBase: 0x10_0000, cacheDir: join(dir, 'cache') })).wasm;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function load(memory: Memory): Promise<Units> {
    const { instance } = await WebAssembly.instantiate(wasm, memory.imports());
    return instance.exports as unknown as Units;
  }

  describe('the device tree', () => {
    it('reads /memory ranges, the virtio-mmio transports in address order and /chosen/bootargs', async () => {
      const m = new Memory();
      m.write(0x4000_0000n, dtb(VIRT_LIKE));
      const u = await load(m);
      expect(u.fdtInit(0n)).toBe(1);
      expect(u.fdtAddress()).toBe(0x4000_0000n);
      expect(u.fdtMemoryCount()).toBe(2);
      expect([u.fdtMemoryBase(0), u.fdtMemorySize(0), u.fdtMemoryBase(1), u.fdtMemorySize(1)]).toEqual([0x4000_0000n, 0x400_0000n, 0x8000_0000n, 0x100_0000n]);
      expect(u.fdtVirtioCount()).toBe(2);
      expect([u.fdtVirtioBase(0), u.fdtVirtioBase(1), u.fdtVirtioBase(2)]).toEqual([0x0a00_0000n, 0x0a00_0200n, 0n]);
      expect(m.text(u.fdtBootargs())).toBe('mewz.arg=app');
    });

    it('takes the address in x0 when a tree is there, and one-cell addresses and sizes', async () => {
      const m = new Memory();
      const tree: Node = { name: '', props: [['#address-cells', be32(1)], ['#size-cells', be32(1)]], children: [{ name: 'memory@40000000', props: [['reg', be32(0x4000_0000, 0x200_0000)]], children: [] }] };
      m.write(0x4800_0000n, dtb(tree));
      m.write(0x4000_0000n, dtb(VIRT_LIKE)); // not used: x0 wins
      const u = await load(m);
      expect(u.fdtInit(0x4800_0000n)).toBe(1);
      expect(u.fdtAddress()).toBe(0x4800_0000n);
      expect(u.fdtMemoryCount()).toBe(1);
      expect(u.fdtMemorySize(0)).toBe(0x200_0000n);
      expect(u.fdtBootargs()).toBe(0n);
    });

    it('refuses a missing or malformed tree instead of reading past it', async () => {
      const cases: [string, Uint8Array][] = [
        ['nothing', new Uint8Array(0)],
        ['an unknown token', dtb(VIRT_LIKE, (w) => w.splice(1, 0, 7))],
        ['no END token', dtb(VIRT_LIKE, (w) => w.pop())],
        ['an END_NODE too many', dtb(VIRT_LIKE, (w) => w.splice(w.length - 1, 0, 2))],
        ['a property past the end', dtb(VIRT_LIKE, (w) => w.splice(w.length - 1, 0, 3, 0x7fff_fff0, 0))],
      ];
      for (const [what, bytes] of cases) {
        const m = new Memory();
        m.write(0x4000_0000n, bytes);
        const u = await load(m);
        expect([what, u.fdtInit(0x1234n)]).toEqual([what, 0]);
      }
    });
  });

  describe('the RAM map', () => {
    it('leaves out everything below the kernel window\'s end, the image and the tree, in whole pages', async () => {
      const m = new Memory();
      // The tree high in RAM (as for a raw Image), the image at 1 GiB + 6 MiB.
      m.write(0x4300_0000n, dtb(VIRT_LIKE));
      const info = 0x4061_0000n;
      m.write64(info + 8n, 0x4060_0000n);
      m.write64(info + 16n, 0x4072_3000n);
      const u = await load(m);
      u.setBootInfo(info);
      expect(u.fdtInit(0x4300_0000n)).toBe(1);
      expect(u.ramInit()).toBe(1);
      const ranges = Array.from({ length: u.ramCount() }, (_, i) => [u.ramBase(i), u.ramBase(i) + u.ramSize(i)]);
      const treeEnd = (0x4300_0000n + u.fdtBytes() + 0xfffn) & ~0xfffn;
      expect(ranges).toEqual([
        [0x4072_3000n, 0x4300_0000n],
        [treeEnd, 0x4400_0000n],
        [0x8000_0000n, 0x8100_0000n],
      ]);
    });
  });

  const haveQemu = spawnSync('qemu-system-aarch64', ['--version']).status === 0;
  (haveQemu ? it : it.skip)('reads the device tree QEMU virt makes (dumpdtb): 128 MiB of RAM, 32 virtio-mmio transports', async () => {
    const file = join(dir, 'virt.dtb');
    const r = spawnSync('qemu-system-aarch64', ['-M', `virt,gic-version=2,dumpdtb=${file}`, '-cpu', 'max', '-m', '128M', '-nodefaults', '-display', 'none'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const m = new Memory();
    m.write(0x4000_0000n, readFileSync(file));
    const u = await load(m);
    expect(u.fdtInit(0n)).toBe(1);
    expect([u.fdtMemoryCount(), u.fdtMemoryBase(0), u.fdtMemorySize(0)]).toEqual([1, 0x4000_0000n, 0x800_0000n]);
    expect(u.fdtVirtioCount()).toBe(32);
    expect(u.fdtVirtioBase(31)).toBe(0x0a00_0000n + 31n * 0x200n);
  }, 60_000); // QEMU starts to write the tree: seconds on a busy machine
});
