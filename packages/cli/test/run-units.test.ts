import type { PlatformPlugin } from '@mewz/core';
import { type AccelFacts, chooseAccel, cpuinfoSaysVm } from '../src/run/accel.js';
import { elfFacts } from '../src/run/elf-facts.js';
import { appName, checkMachine, parseEnvOptions, parseRamSize } from '../src/run/run-options.js';
import { HELLO, mewz } from './helpers.js';

describe('chooseAccel', () => {
  const bare: AccelFacts = { kvm: true, hostIsVm: false, hostIsa: 'x86_64' };

  test('auto: KVM on a bare-metal host with usable /dev/kvm and the same ISA, else TCG', () => {
    expect(chooseAccel('auto', 'x86_64', bare)).toBe('kvm');
    expect(chooseAccel('auto', 'x86_64', { ...bare, hostIsVm: true })).toBe('tcg');
    expect(chooseAccel('auto', 'x86_64', { ...bare, kvm: 'there is no /dev/kvm' })).toBe('tcg');
    expect(chooseAccel('auto', 'aarch64', bare)).toBe('tcg');
  });

  test('tcg is always possible; kvm is taken when asked, or refused with the reason', () => {
    expect(chooseAccel('tcg', 'x86_64', bare)).toBe('tcg');
    expect(chooseAccel('kvm', 'x86_64', { ...bare, hostIsVm: true })).toBe('kvm');
    const refused = chooseAccel('kvm', 'x86_64', { ...bare, kvm: '/dev/kvm is not usable (EACCES)' });
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe('--accel kvm: /dev/kvm is not usable (EACCES); use --accel tcg');
    expect((chooseAccel('kvm', 'aarch64', bare) as Error).message).toContain('the guest is aarch64 and this host is x86_64');
  });

  test('the hypervisor flag in /proc/cpuinfo marks a VM', () => {
    expect(cpuinfoSaysVm('processor\t: 0\nflags\t\t: fpu vme de pse hypervisor lahf_lm\n')).toBe(true);
    expect(cpuinfoSaysVm('processor\t: 0\nflags\t\t: fpu vme de pse lahf_lm\n')).toBe(false);
    expect(cpuinfoSaysVm('model name\t: hypervisor-ish\nflags\t\t: fpu\n')).toBe(false);
  });
});

describe('run options', () => {
  test('--env NAME=VALUE, later ones winning; the value may hold "="', () => {
    expect(parseEnvOptions(['A=1', 'B=x=y', 'A=2', 'E='])).toEqual({ A: '2', B: 'x=y', E: '' });
    expect(() => parseEnvOptions(['NOVALUE'])).toThrow("--env 'NOVALUE': expected NAME=VALUE (there is no \"=\")");
    expect(() => parseEnvOptions(['=1'])).toThrow("--env '=1': expected NAME=VALUE (the name is empty)");
  });

  test('--machine is one of the platform\'s, with a did-you-mean', () => {
    const platform = { name: 'qemu-x86_64', machines: ['microvm', 'q35'] } as unknown as PlatformPlugin;
    expect(checkMachine(platform, undefined)).toBeUndefined();
    expect(checkMachine(platform, 'q35')).toBe('q35');
    expect(() => checkMachine(platform, 'microvn')).toThrow('--machine microvn: unknown machine type for qemu-x86_64; known: microvm, q35; did you mean "microvm"?');
    expect(() => checkMachine(platform, 'pc')).toThrow(/known: microvm, q35$/);
    const linux = { name: 'linux' } as unknown as PlatformPlugin;
    expect(() => checkMachine(linux, 'q35')).toThrow('the linux platform has no machine types to choose from');
    // The config's machine: used when there is no option, checked, ignored by a platform without machine types.
    const config = { machine: 'q35', file: 'mewz.config.json' };
    expect(checkMachine(platform, undefined, config)).toBe('q35');
    expect(checkMachine(platform, 'microvm', config)).toBe('microvm');
    expect(() => checkMachine(platform, undefined, { ...config, machine: 'q53' })).toThrow('"machine": "q53" in mewz.config.json: unknown machine type for qemu-x86_64; known: microvm, q35; did you mean "q35"?');
    expect(checkMachine(linux, undefined, config)).toBeUndefined();
  });

  test('--memory is whole MiB', () => {
    expect(parseRamSize('512MiB')).toBe(512 * 1024 * 1024);
    expect(parseRamSize('1G')).toBe(1024 ** 3);
    expect(() => parseRamSize('1000KiB')).toThrow('must be a non-zero multiple of 1MiB; did you mean "1MiB"?');
    expect(() => parseRamSize('64MB')).toThrow('ambiguous');
    expect(() => parseRamSize('0')).toThrow('non-zero');
  });

  test('argv[0] is the file name without its extension', () => {
    expect(appName('/a/b/hello.wat')).toBe('hello');
    expect(appName('out/app-qemu-x86_64.elf')).toBe('app-qemu-x86_64');
    expect(appName('prog')).toBe('prog');
  });
});

/** A minimal ELF64 header with program headers of the given types; a PT_NOTE gets `note`. */
function elf(machine: number, types: readonly number[], note?: Uint8Array): Uint8Array {
  const phoff = 64;
  const noteAt = phoff + 56 * types.length;
  const bytes = new Uint8Array(noteAt + (note?.length ?? 0));
  const view = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  view.setUint16(16, 2, true);
  view.setUint16(18, machine, true);
  view.setBigUint64(32, BigInt(phoff), true);
  view.setUint16(54, 56, true);
  view.setUint16(56, types.length, true);
  types.forEach((type, i) => {
    const at = phoff + 56 * i;
    view.setUint32(at, type, true);
    if (type === 4 && note) {
      view.setBigUint64(at + 8, BigInt(noteAt), true);
      view.setBigUint64(at + 32, BigInt(note.length), true);
    }
  });
  if (note) bytes.set(note, noteAt);
  return bytes;
}

function noteBytes(owner: string, type: number, desc: number[]): Uint8Array {
  const name = [...owner].map((c) => c.charCodeAt(0)).concat(0);
  const pad = (a: number[]): number[] => a.concat(Array((4 - (a.length % 4)) % 4).fill(0));
  const header = new Uint8Array(12);
  const view = new DataView(header.buffer);
  view.setUint32(0, name.length, true);
  view.setUint32(4, desc.length, true);
  view.setUint32(8, type, true);
  return Uint8Array.from([...header, ...pad(name), ...pad(desc)]);
}

describe('elfFacts', () => {
  test('the PVH note makes a pvh image; PT_GNU_STACK a Linux executable', () => {
    const pvh = noteBytes('Xen', 18, [0, 0, 0x10, 0]);
    expect(elfFacts(elf(62, [1, 4], pvh))).toEqual({ isa: 'x86_64', entry: 'pvh' });
    // Another note first, then the PVH one.
    const two = Uint8Array.from([...noteBytes('GNU', 3, [1, 2, 3, 4, 5]), ...pvh]);
    expect(elfFacts(elf(62, [4], two))).toEqual({ isa: 'x86_64', entry: 'pvh' });
    expect(elfFacts(elf(62, [1, 0x6474e551]))).toEqual({ isa: 'x86_64', entry: 'linux-exec' });
    expect(elfFacts(elf(183, [1]))).toEqual({ isa: 'aarch64', entry: undefined });
    expect(elfFacts(elf(62, [4], noteBytes('Xen', 17, [0, 0, 0, 0])))).toEqual({ isa: 'x86_64', entry: undefined });
    expect(elfFacts(elf(3, [1]))).toEqual({ isa: 'e_machine 3', entry: undefined });
  });

  test('the arm64 image header at the start of the first loaded segment makes an arm64 image', () => {
    const withImage = (magicAt: number, offset?: number): Uint8Array => {
      const head = elf(183, [1, 1]);
      const image = new Uint8Array(64);
      image.set([0x41, 0x52, 0x4d, 0x64], magicAt);
      const bytes = Uint8Array.from([...head, ...image]);
      // Only the first PT_LOAD counts: the second one points at the same bytes, shifted.
      new DataView(bytes.buffer).setBigUint64(64 + 8, BigInt(offset ?? head.length), true);
      new DataView(bytes.buffer).setBigUint64(64 + 56 + 8, BigInt(head.length - 1), true);
      return bytes;
    };
    expect(elfFacts(withImage(56))).toEqual({ isa: 'aarch64', entry: 'arm64-image' });
    expect(elfFacts(withImage(57))).toEqual({ isa: 'aarch64', entry: undefined });
    expect(elfFacts(withImage(56, 1 << 20))).toEqual({ isa: 'aarch64', entry: undefined });
  });

  test('damaged files are Errors, not exceptions', () => {
    expect(elfFacts(Uint8Array.of(1, 2, 3))).toEqual(new Error('not an ELF file'));
    expect(elfFacts(elf(62, [1]).subarray(0, 40))).toEqual(new Error('truncated ELF header'));
    const cut = elf(62, [1, 1, 1]).subarray(0, 100);
    expect(elfFacts(cut)).toEqual(new Error('program headers out of the file'));
    const big = elf(62, [4], noteBytes('Xen', 18, [0, 0, 0, 0]));
    new DataView(big.buffer).setUint32(64 + 56, 0xffffff00, true); // namesz of the note, way too large
    expect(elfFacts(big)).toEqual({ isa: 'x86_64', entry: undefined });
    const bits32 = elf(62, [1]);
    bits32[4] = 1;
    expect(elfFacts(bits32)).toEqual(new Error('not a little-endian 64-bit ELF file'));
  });
});

describe('mewz run usage errors (in-process, before anything runs)', () => {
  test('a bad --env exits 2 with the option named', async () => {
    const r = await mewz(['run', HELLO, '--platform', 'linux', '--env', 'JUSTANAME']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "mewz: --env 'JUSTANAME': expected NAME=VALUE (there is no \"=\")\n" });
  });

  test('--machine on a platform without machine types exits 2', async () => {
    const r = await mewz(['run', HELLO, '--platform', 'linux', '--machine', 'q35']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mewz: --machine q35: the linux platform has no machine types to choose from\n');
  });

  test('an unknown --machine of the default platform (qemu-x86_64) is refused before building', async () => {
    const r = await mewz(['run', HELLO, '--machine', 'microvn']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'mewz: --machine microvn: unknown machine type for qemu-x86_64; known: microvm, q35; did you mean "microvm"?\n' });
  });

  test('an --accel that is not a choice is refused by the parser', async () => {
    const r = await mewz(['run', HELLO, '--accel', 'hvf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid values');
    expect(r.stderr).toContain('hvf');
  });

  test('no app and no config', async () => {
    const r = await mewz(['run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mewz: no app given');
  });
});
