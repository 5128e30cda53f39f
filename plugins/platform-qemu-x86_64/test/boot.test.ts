// Boots images built around the fixture kernel (test/fixtures/boot-kernel) in QEMU under
// TCG: the PVH entry, long mode, the boot info, CPU exceptions with their vector and
// address, the stack guard page, page permissions, traps and the exit paths.
import { symbolAddress } from '@mewz/linker';
import type { BuiltImage } from '@mewz/core';
import { exitStatus, SYMBOLS, XEN_ELFNOTE_PHYS32_ENTRY } from '../src/index';
import { x86_64Backend } from '@mewz/backend-x86_64';
import { buildImage } from '@mewz/core';
import { boot, buildFixture, FIXTURE_COMPONENT, FIXTURE_IMPORTS, FIXTURE_PLATFORM, qemuAvailable, wasmOf } from './boot-image';

const HAVE_QEMU = qemuAvailable();
// CI installs QEMU; without it only the build half of these tests can run.
const withQemu = HAVE_QEMU ? describe : describe.skip;
if (!HAVE_QEMU) console.warn('qemu-system-x86_64 is not installed: skipping the boot tests');

jest.setTimeout(120_000);

/** The fixture's `layout` line: boot info fields 1–9 (image start ... page tables). */
function layoutOf(stdout: string): bigint[] {
  const line = stdout.split('\n').find((l) => l.startsWith('layout '));
  if (line === undefined) throw new Error(`no layout line in:\n${stdout}`);
  return line.split(' ').slice(1).map((x) => BigInt(x));
}

const sym = (built: BuiltImage, name: string) => symbolAddress(built.image, name);

describe('images', () => {
  let hello: BuiltImage;
  beforeAll(async () => {
    hello = await buildFixture('(call $say (i32.const 42)) (call $quit (i32.const 7))');
  });

  it('carry the Xen PVH entry note in a PT_NOTE segment, pointing at _start', () => {
    const elf = Buffer.from(hello.elf);
    const phoff = Number(elf.readBigUInt64LE(32));
    const phnum = elf.readUInt16LE(56);
    const phdrs = Array.from({ length: phnum }, (_, i) => {
      const at = phoff + 56 * i;
      return { type: elf.readUInt32LE(at), flags: elf.readUInt32LE(at + 4), offset: Number(elf.readBigUInt64LE(at + 8)), vaddr: elf.readBigUInt64LE(at + 16), paddr: elf.readBigUInt64LE(at + 24), filesz: Number(elf.readBigUInt64LE(at + 32)), align: Number(elf.readBigUInt64LE(at + 48)) };
    });
    const notes = phdrs.filter((p) => p.type === 4);
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.align).toBe(4);
    // namesz, descsz, type, "Xen\0", then the 8-byte entry address.
    const n = elf.subarray(note.offset, note.offset + note.filesz);
    expect([n.readUInt32LE(0), n.readUInt32LE(4), n.readUInt32LE(8), n.subarray(12, 16).toString('latin1')]).toEqual([4, 8, XEN_ELFNOTE_PHYS32_ENTRY, 'Xen\0']);
    expect(n.readBigUInt64LE(16)).toBe(sym(hello, '_start'));
    expect(elf.readBigUInt64LE(24)).toBe(sym(hello, '_start'));
    // Loadable segments at their physical addresses from 5 MiB: text r-x, rodata r--, data/bss rw-.
    const loads = phdrs.filter((p) => p.type === 1);
    expect(loads[0]!.vaddr).toBe(0x500000n);
    expect(loads.every((p) => p.vaddr === p.paddr)).toBe(true);
    expect(loads.map((p) => p.flags)).toEqual(loads.length === 4 ? [5, 4, 6, 6] : [5, 4, 6]);
  });

  it('place the guard page right below the stack and the exception stack above it', () => {
    expect(sym(hello, SYMBOLS.stackBottom) - sym(hello, SYMBOLS.stackGuard)).toBe(4096n);
    expect(sym(hello, SYMBOLS.exceptionStackBottom)).toBeGreaterThanOrEqual(sym(hello, SYMBOLS.stackTop));
    expect(sym(hello, SYMBOLS.stackTop) - sym(hello, SYMBOLS.stackBottom)).toBe(64n * 1024n);
    expect(sym(hello, SYMBOLS.pageTables) % 4096n).toBe(0n);
  });

  withQemu('booted on microvm', () => {
    it('run the kernel and the app, which ends the machine with its status', () => {
      const r = boot(hello.elf, { args: ['app', 'a b'], env: { K: 'v%' } });
      expect(r.stdout).toContain('init\nmagic 0x336ec578\ncmdline mewz.arg=app mewz.arg=a%20b mewz.env=K=v%25\n');
      expect(r.stdout).toContain('say 42\n');
      expect(r.stderr).toBe('fixture stderr\n');
      expect(r.status).toBe('exit 7\n');
      expect(exitStatus(r.code, r.signal, r.status)).toBe(7);
    });

    it('hand the kernel the boot info: image, stacks, page tables', () => {
      const r = boot(hello.elf);
      const [imageStart, imageEnd, stackBottom, stackTop, tsc, excBottom, excTop, pml4, pageTables] = layoutOf(r.stdout);
      expect(imageStart).toBe(0x500000n);
      expect([stackBottom, stackTop]).toEqual([sym(hello, SYMBOLS.stackBottom), sym(hello, SYMBOLS.stackTop)]);
      expect([excBottom, excTop]).toEqual([sym(hello, SYMBOLS.exceptionStackBottom), sym(hello, SYMBOLS.exceptionStackTop)]);
      expect(pml4).toBe(sym(hello, SYMBOLS.pageTables));
      expect(pageTables).toBe(sym(hello, SYMBOLS.imageEnd));
      // One 4 KiB table per 2 MiB block up to the image end: [0, 6 MiB) for this small image.
      const blocks = (sym(hello, SYMBOLS.imageEnd) + 0x1fffffn) >> 21n;
      expect(imageEnd).toBe(pageTables + blocks * 4096n);
      expect(tsc).toBeGreaterThan(0n);
    });

    it('write COM2 to a file as well as to a pipe', () => {
      const r = boot(hello.elf, { stderrToFile: true });
      expect(r.stderr).toBe('fixture stderr\n');
      expect(r.status).toBe('exit 7\n');
    });

    it('end with exit 0 when the app\'s _start returns', async () => {
      const built = await buildFixture('(call $say (i32.const 1))');
      const r = boot(built.elf);
      expect(r.stdout).toContain('say 1\n');
      expect(r.status).toBe('exit 0\n');
    });

    it('report a load from page 0 as #PF at address 0, from image code', async () => {
      const built = await buildFixture('(drop (call $load (i32.const 255) (i64.const 0)))');
      const r = boot(built.elf);
      // error 0: a read of a page that is not present.
      expect(r.stdout).toContain('exception 14 error 0x0 address 0x0 pc-in-image yes\n');
      expect(r.status).toBe('panic\n');
      expect(exitStatus(r.code, r.signal, r.status)).toBe(135);
    });

    it('report a load from the stack guard page with its address', async () => {
      // Boot info field 3 is the stack bottom; the guard page is the 4 KiB below it.
      const built = await buildFixture('(drop (call $load (i32.const 3) (i64.const -4088)))');
      const r = boot(built.elf);
      const guard = sym(built, SYMBOLS.stackGuard);
      expect(r.stdout).toContain(`exception 14 error 0x0 address 0x${(guard + 8n).toString(16)} pc-in-image yes\n`);
    });

    it('keep the image text read-only (a write is a protection #PF)', async () => {
      const built = await buildFixture('(call $store (i32.const 1) (i64.const 16))');
      const r = boot(built.elf);
      // error 3: present, write.
      expect(r.stdout).toContain('exception 14 error 0x3 address 0x500010 pc-in-image yes\n');
    });

    it('leave the app region unmapped and the rest of the first 4 GiB mapped', async () => {
      const unmapped = boot((await buildFixture('(drop (call $load (i32.const 255) (i64.const 0x8000000000)))')).elf);
      expect(unmapped.stdout).toContain('exception 14 error 0x0 address 0x8000000000 pc-in-image yes\n');
      // Ordinary RAM at 32 MiB reads as zero (the machine has 64 MiB).
      const ram = boot((await buildFixture('(call $say (call $load (i32.const 255) (i64.const 0x2000000))) (call $quit (i32.const 0))')).elf);
      expect(ram.stdout).toContain('say 0\n');
      expect(ram.status).toBe('exit 0\n');
    });

    it('report a non-canonical address as #GP (an exception with an error code, off the IST stack)', async () => {
      const r = boot((await buildFixture('(drop (call $load (i32.const 255) (i64.const 0x8000000000000000)))')).elf);
      expect(r.stdout).toContain('exception 13 error 0x0 address 0x0 pc-in-image yes\n');
      expect(r.status).toBe('panic\n');
    });

    it('end the machine when the exception report itself faults', async () => {
      const r = boot((await buildFixture('(drop (call $load (i32.const 255) (i64.const 0x8000001000)))')).elf);
      expect(r.stdout).not.toContain('exception');
      expect(r.stderr).toContain('mewz: CPU exception while handling a CPU exception\n');
      expect(r.status).toBe('panic\n');
    });

    it('report stack exhaustion as a trap from a fresh stack', async () => {
      const app = await wasmOf(`(module ${FIXTURE_IMPORTS}
        (func $deep (param i64) (result i64) (i64.add (call $deep (i64.add (local.get 0) (i64.const 1))) (local.get 0)))
        (func (export "_start") (call $say (i32.const 9)) (drop (call $deep (i64.const 0)))))`);
      const built = await buildImage({ app, backend: x86_64Backend, platform: FIXTURE_PLATFORM, components: [FIXTURE_COMPONENT], memory: { stack: 64 * 1024 } });
      const r = boot(built.elf);
      expect(r.stdout).toMatch(/say 9\ntrap \d+\n/);
      expect(r.status).toBe('trap\n');
    });

    it('route a Wasm trap to the kernel\'s trap path', async () => {
      const built = await buildFixture('(call $say (i32.const 5)) unreachable');
      const r = boot(built.elf);
      expect(r.stdout).toMatch(/say 5\ntrap \d+\n/);
      expect(r.status).toBe('trap\n');
      expect(exitStatus(r.code, r.signal, r.status)).toBe(134);
    });
  });

  withQemu('booted on q35', () => {
    it('run the same image', () => {
      const r = boot(hello.elf, { machine: 'q35' });
      expect(r.stdout).toContain('magic 0x336ec578\ncmdline mewz.arg=app\n');
      expect(r.stdout).toContain('say 42\n');
      expect(r.status).toBe('exit 7\n');
    });
  });
});
