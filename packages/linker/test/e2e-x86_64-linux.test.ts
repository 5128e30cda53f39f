// Links hand-written x86_64 machine code into a static Linux executable and runs it:
// proves addresses, relocations, segment permissions and the ELF headers agree with a
// real loader.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectBuilder, patchInt, relocation, type RelocationType } from '@mewz/object';
import { link, standardLayout, writeElf64 } from '../src/index';

// The two x86_64 relocation types this program needs, as a backend would define them.
const X86_TYPES: Record<string, RelocationType> = {
  R_X86_64_PC32: { name: 'R_X86_64_PC32', kind: 'pcrel', size: 4, patch: (c, o, v) => patchInt(c, o, v, 32, true, 'R_X86_64_PC32') },
  R_X86_64_64: { name: 'R_X86_64_64', kind: 'abs', size: 8, patch: (c, o, v) => patchInt(c, o, v, 64, 'either', 'R_X86_64_64') },
};

// _start: eax = forty() + two; store it in bss, reload it, exit with it.
// prettier-ignore
const START = [
  0xe8, 0, 0, 0, 0,             // call forty                  (PC32 at 1)
  0x48, 0xb9, 0, 0, 0, 0, 0, 0, 0, 0, // movabs rcx, &two      (64 at 7)
  0x03, 0x01,                   // add eax, [rcx]
  0x48, 0xba, 0, 0, 0, 0, 0, 0, 0, 0, // movabs rdx, &result   (64 at 19)
  0x89, 0x02,                   // mov [rdx], eax
  0x8b, 0x3a,                   // mov edi, [rdx]
  0xb8, 0x3c, 0, 0, 0,          // mov eax, 60 (exit)
  0x0f, 0x05,                   // syscall
];
const FORTY = [0xb8, 0x28, 0, 0, 0, 0xc3]; // mov eax, 40; ret
const EXIT_1 = [0xbf, 1, 0, 0, 0, 0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05]; // mov edi, 1; mov eax, 60; syscall

function objects() {
  const main = new ObjectBuilder('main.o', 'x86_64')
    .addFunction('_start', START, {
      relocations: [relocation(1, 'R_X86_64_PC32', 'forty', -4n), relocation(7, 'R_X86_64_64', 'two'), relocation(19, 'R_X86_64_64', 'result')],
    })
    .addFunction('unused', EXIT_1)
    .addBss('result', 4, { alignment: 4 })
    .build();
  const lib = new ObjectBuilder('lib.o', 'x86_64').addFunction('forty', FORTY).addData('two', 'rodata', [2, 0, 0, 0], { alignment: 4 }).build();
  return [main, lib];
}

const onX86Linux = platform() === 'linux' && arch() === 'x64';
const describeHere = onX86Linux ? describe : describe.skip;
if (!onX86Linux) console.log(`skipped x86_64 Linux end-to-end test: this host is ${platform()}/${arch()}`);

describeHere('end to end on x86_64 Linux', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mewz-e2e-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['headers mapped with the text segment', true],
    ['headers outside the segments', false],
  ])('links and runs a static executable (%s), which exits with 42', (_label, headersInFirstSegment) => {
    const image = link({
      objects: objects(),
      relocationTypes: X86_TYPES,
      layout: standardLayout({ base: 0x400000n, headersInFirstSegment }),
      entry: '_start',
    });
    expect(image.stats.removed).toEqual([{ object: 'main.o', section: '.text.unused', size: EXIT_1.length }]);
    const path = join(dir, `exit42-${headersInFirstSegment ? 'in' : 'out'}`);
    writeFileSync(path, writeElf64(image, { machine: 'x86_64', type: 'exec', gnuStack: true }));
    chmodSync(path, 0o755);
    const run = spawnSync(path, [], { timeout: 10_000 });
    expect(run.error).toBeUndefined();
    expect(run.signal).toBeNull();
    expect(run.status).toBe(42);
  });
});
