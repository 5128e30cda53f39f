// The machine component's pure parts (fixed-point arithmetic, RTC decoding, the RAM map)
// compiled with asc and run in Node, the hardware simulated behind the intrinsic imports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { compileKernel } from '@mewz/core';
import { qemuX86_64Machine } from '../src/machine-component';

// Node's WebAssembly, typed here: the workspace's TypeScript libraries leave it out.
type Imports = Record<string, Record<string, (...args: never[]) => unknown>>;
declare const WebAssembly: { instantiate(bytes: Uint8Array, imports: Imports): Promise<{ instance: { exports: unknown } }> };

interface Units {
  mulShift32(x: bigint, m: bigint): bigint;
  ratio32(a: bigint, b: bigint): bigint;
  rtcSeconds(): bigint;
  daysSinceEpoch(year: number, month: number, day: number): bigint;
  ramInit(): number;
  ramCount(): number;
  ramBase(i: number): bigint;
  ramSize(i: number): bigint;
  setBootInfo(address: bigint): void;
}

/** What the intrinsics reach: a sparse physical memory and the CMOS behind ports 0x70/0x71. */
class Hardware {
  memory = new Map<bigint, number>();
  cmos = new Map<number, number>();
  cmosIndex = 0;
  /** Register A reads with update-in-progress set this many times first. */
  updating = 0;

  write64(addr: bigint, value: bigint): void {
    for (let i = 0n; i < 8n; i++) this.memory.set(addr + i, Number((value >> (8n * i)) & 0xffn));
  }
  write32(addr: bigint, value: number): void {
    this.write64(addr, BigInt(value >>> 0) | (this.read(addr + 4n, 4) << 32n));
  }
  writeBytes(addr: bigint, bytes: Uint8Array): void {
    bytes.forEach((b, i) => this.memory.set(addr + BigInt(i), b));
  }
  read(addr: bigint, size: number): bigint {
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.memory.get(addr + BigInt(i)) ?? 0);
    return v;
  }
  imports(): Imports {
    const intrinsics: Record<string, (...a: never[]) => unknown> = {
      mmio_load8: (a: bigint) => Number(this.read(BigInt.asUintN(64, a), 1)),
      mmio_load32: (a: bigint) => Number(this.read(BigInt.asUintN(64, a), 4)) | 0,
      mmio_load64: (a: bigint) => this.read(BigInt.asUintN(64, a), 8),
      port_out8: (port: number, value: number) => {
        if (port === 0x70) this.cmosIndex = value & 0x7f;
      },
      port_in8: (port: number) => {
        if (port !== 0x71) return 0xff;
        if (this.cmosIndex === 0x0a && this.updating > 0) {
          this.updating--;
          return 0x80;
        }
        return this.cmos.get(this.cmosIndex) ?? 0xff;
      },
    };
    return { 'mewz:intrinsics': intrinsics };
  }
}

const bcd = (n: number) => ((n / 10) << 4) | n % 10;

describe('machine component units (asc output in Node)', () => {
  let dir: string;
  let wasm: Uint8Array;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mewz-machine-units-'));
    const machine = dirname(qemuX86_64Machine.sources[0]!);
    const from = (file: string) => JSON.stringify(relative(dir, join(machine, file)));
    const entry = join(dir, 'units.ts');
    writeFileSync(
      entry,
      [
        `export { mulShift32, ratio32 } from ${from('fixed-point')};`,
        `export { rtcSeconds, daysSinceEpoch } from ${from('rtc')};`,
        `export { ramInit, ramCount, ramBase, ramSize } from ${from('ram')};`,
        `export { setBootInfo } from ${from('boot-info')};`,
      ].join('\n'),
    );
    const unit = { kind: 'component' as const, name: 'units', apiVersion: 1 as const, sources: [entry], provides: [], requires: {} };
    wasm = (await compileKernel([unit], { memoryBase: 0x10_0000, cacheDir: join(dir, 'cache') })).wasm;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function instantiate(hw: Hardware): Promise<Units> {
    const { instance } = await WebAssembly.instantiate(wasm, hw.imports());
    return instance.exports as unknown as Units;
  }

  describe('fixed point', () => {
    it('multiplies with a 128-bit intermediate', async () => {
      const u = await instantiate(new Hardware());
      const cases: [bigint, bigint][] = [
        [0n, 12345n],
        [(1n << 64n) - 1n, 1n << 32n],
        [123_456_789_012_345n, 0x1_bc4a_2f51n], // a day of ticks at ~2.3 GHz times ns per tick
        [0xdead_beef_cafe_baben, 0x1234_5678n],
        [1n << 40n, (1n << 40n) + 7n],
      ];
      for (const [x, m] of cases) expect([x, m, BigInt.asUintN(64, u.mulShift32(x, m))]).toEqual([x, m, BigInt.asUintN(64, (x * m) >> 32n)]);
    });

    it('divides a << 32 by b, rounding to nearest', async () => {
      const u = await instantiate(new Hardware());
      const cases: [bigint, bigint][] = [
        [1_000_000_000n, 2_300_000_000n],
        [1_000_000_000n, 1_000_000_000n],
        [1_000_000_000n, 3n],
        [625_000n, 10_000_000n],
        [7n, 2n],
      ];
      for (const [a, b] of cases) {
        const exact = (a << 32n) / b;
        const rounded = (a << 32n) % b >= b - ((a << 32n) % b) ? exact + 1n : exact;
        expect([a, b, BigInt.asUintN(64, u.ratio32(a, b))]).toEqual([a, b, rounded]);
      }
    });
  });

  describe('the RTC', () => {
    function rtc(fields: { sec: number; min: number; hour: number; day: number; month: number; year: number; century?: number }, regB: number): Hardware {
      const hw = new Hardware();
      const enc = (regB & 0x04) !== 0 ? (n: number) => n : bcd;
      hw.cmos.set(0x0a, 0x26);
      hw.cmos.set(0x0b, regB);
      hw.cmos.set(0, enc(fields.sec));
      hw.cmos.set(2, enc(fields.min));
      hw.cmos.set(4, fields.hour);
      hw.cmos.set(7, enc(fields.day));
      hw.cmos.set(8, enc(fields.month));
      hw.cmos.set(9, enc(fields.year));
      if (fields.century !== undefined) hw.cmos.set(0x32, enc(fields.century));
      return hw;
    }

    it('reads BCD in 24-hour mode, waiting out an update in progress', async () => {
      const hw = rtc({ sec: 56, min: 34, hour: bcd(13), day: 27, month: 11, year: 26, century: 20 }, 0x02);
      hw.updating = 3;
      const u = await instantiate(hw);
      expect(u.rtcSeconds()).toBe(BigInt(Date.UTC(2026, 10, 27, 13, 34, 56) / 1000));
      expect(hw.updating).toBe(0);
    });

    it('reads binary in 12-hour mode (PM flag in bit 7, 12 AM is midnight)', async () => {
      const pm = await instantiate(rtc({ sec: 1, min: 2, hour: 0x80 | 3, day: 1, month: 3, year: 24 }, 0x04));
      expect(pm.rtcSeconds()).toBe(BigInt(Date.UTC(2024, 2, 1, 15, 2, 1) / 1000));
      const midnight = await instantiate(rtc({ sec: 0, min: 0, hour: 12, day: 31, month: 12, year: 99 }, 0x04));
      expect(midnight.rtcSeconds()).toBe(BigInt(Date.UTC(1999, 11, 31, 0, 0, 0) / 1000));
      const noon = await instantiate(rtc({ sec: 0, min: 0, hour: 0x80 | 12, day: 29, month: 2, year: 0 }, 0x04));
      expect(noon.rtcSeconds()).toBe(BigInt(Date.UTC(2000, 1, 29, 12, 0, 0) / 1000));
    });

    it('says -1 without an RTC or with nonsense in it', async () => {
      expect((await instantiate(new Hardware())).rtcSeconds()).toBe(-1n);
      expect((await instantiate(rtc({ sec: 61, min: 0, hour: 0, day: 1, month: 1, year: 30 }, 0x06))).rtcSeconds()).toBe(-1n);
    });

    it('counts days like the proleptic Gregorian calendar', async () => {
      const u = await instantiate(new Hardware());
      for (const [y, m, d] of [[1970, 1, 1], [1972, 2, 29], [1972, 3, 1], [2000, 2, 29], [2000, 12, 31], [2100, 3, 1], [2026, 11, 27]] as const) {
        expect([y, m, d, u.daysSinceEpoch(y, m, d)]).toEqual([y, m, d, BigInt(Date.UTC(y, m - 1, d) / 86_400_000)]);
      }
    });
  });

  describe('the RAM map', () => {
    const BOOT = 0x51_0000n;
    const START = 0x6000n;
    const MAP = 0x7000n;
    const IMAGE_END = 0x62_3000n;

    /** Boot info and a PVH start info (version 1 with `entries`, or version 0). */
    function machine(entries: [bigint, bigint, number][] | null, cmdline?: [bigint, string]): Hardware {
      const hw = new Hardware();
      hw.write64(BOOT, START);
      hw.write64(BOOT + 8n, 0x50_0000n);
      hw.write64(BOOT + 16n, IMAGE_END);
      hw.write32(START, 0x336e_c578);
      hw.write32(START + 4n, entries === null ? 0 : 1);
      if (cmdline) {
        hw.write64(START + 24n, cmdline[0]);
        hw.writeBytes(cmdline[0], new TextEncoder().encode(`${cmdline[1]}\0`));
      }
      if (entries !== null) {
        hw.write64(START + 40n, MAP);
        hw.write32(START + 48n, entries.length);
        entries.forEach(([addr, size, type], i) => {
          const at = MAP + 24n * BigInt(i);
          hw.write64(at, addr);
          hw.write64(at + 8n, size);
          hw.write32(at + 16n, type);
        });
      }
      return hw;
    }

    function ranges(u: Units): [bigint, bigint][] {
      return Array.from({ length: u.ramCount() }, (_, i) => [BigInt.asUintN(64, u.ramBase(i)), BigInt.asUintN(64, u.ramSize(i))]);
    }

    it('keeps RAM above the image, clipped to whole pages below 4 GiB, without the command line', async () => {
      const hw = machine(
        [
          [0n, 0x9_fc00n, 1],
          [0xf_0000n, 0x1_0000n, 2],
          [0x10_0000n, 0x7f0_0000n - 0x10_0000n + 0x123n, 1], // ends mid-page
          [0xfeff_c000n, 0x4000n, 2],
          [0x1_0000_0000n, 0x4000_0000n, 1], // above 4 GiB: not identity mapped
        ],
        [0x700_0800n, 'mewz.arg=app'],
      );
      const u = await instantiate(hw);
      u.setBootInfo(BOOT);
      expect(u.ramInit()).toBe(1);
      expect(ranges(u)).toEqual([
        [IMAGE_END, 0x700_0000n - IMAGE_END],
        [0x700_1000n, 0x7f0_0000n - 0x700_1000n],
      ]);
    });

    it('splits RAM around boot data inside it and drops what is all holes', async () => {
      const hw = machine([[0x80_0000n, 0x10_0000n, 1], [0x10_0000n, 0x40_0000n, 1]]);
      // Move the memory map itself into RAM: it is excluded too.
      hw.write64(START + 40n, 0x88_0010n);
      hw.write32(START + 48n, 2);
      for (const [i, [a, s]] of [[0x80_0000n, 0x10_0000n], [0x10_0000n, 0x40_0000n]].entries()) {
        hw.write64(0x88_0010n + 24n * BigInt(i), a);
        hw.write64(0x88_0018n + 24n * BigInt(i), s);
        hw.write32(0x88_0020n + 24n * BigInt(i), 1);
      }
      const u = await instantiate(hw);
      u.setBootInfo(BOOT);
      expect(u.ramInit()).toBe(1);
      expect(ranges(u)).toEqual([
        [0x80_0000n, 0x8_0000n],
        [0x88_1000n, 0x7_f000n],
      ]);
    });

    it('falls back to the CMOS memory size without a memory map', async () => {
      const hw = machine(null);
      hw.cmos.set(0x34, 0x00);
      hw.cmos.set(0x35, 0x07); // 0x700 blocks of 64 KiB above 16 MiB: RAM up to 128 MiB
      const u = await instantiate(hw);
      u.setBootInfo(BOOT);
      expect(u.ramInit()).toBe(1);
      expect(ranges(u)).toEqual([[IMAGE_END, 0x800_0000n - IMAGE_END]]);
      const none = await instantiate(machine(null));
      none.setBootInfo(BOOT);
      expect(none.ramInit()).toBe(0);
    });
  });
});
