/**
 * The official spec suite compiled for aarch64 and run under qemu-aarch64, through
 * tools/spectest's native runner, before the linux platform supports aarch64: this file
 * assembles the missing aarch64 Linux target itself — boot, trap and catch stubs written
 * with this backend's assembler, and the linux platform's runtime component with Linux's
 * aarch64 system call numbers and `struct stat` (a patched copy in a temporary folder) —
 * and hands it to the runner in place of its target table (jest.mock).
 *
 * It is long (every script is an executable), so it runs only with MEWZ_SPEC_AARCH64=1
 * (SPEC_ONLY=i32,f64 limits it to some scripts, SPEC_OPT=0 runs unoptimised IR). Once the
 * linux platform has an aarch64 target, `npm run spectest -- --mode=run --target=aarch64`
 * replaces it, and its stubs are what this file's are.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KERNEL_WINDOW, PLATFORM_SYMBOLS, standardLayout, type PlatformPlugin } from '@mewz/core';
import { canRunAarch64, cannotRunReason } from './native.js';
import { aarch64Backend, type Assembler, mem, memoryBuiltins, sp, sym, x0, x1, x2, x3, x4, x5, x8, x9, x10, x11, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30, v8, v9, v10, v11, v12, v13, v14, v15 } from '../src/index.js';

/** Linux's aarch64 system call numbers for the ones the linux runtime makes. */
const SYSCALLS: Record<string, number> = {
  read: 63, write: 64, fstat: 80, mmap: 222, mprotect: 226, sched_yield: 124,
  clock_gettime: 113, clock_getres: 114, clock_nanosleep: 115, exit_group: 94, getrandom: 278,
};

/** A copy of the linux platform's runtime with aarch64's syscall numbers and stat layout (mode at 16, a 32-bit nlink at 20). */
function aarch64Runtime(dir: string): string {
  const runtime = join(__dirname, '../../platform-linux/runtime');
  cpSync(runtime, join(dir, 'runtime'), { recursive: true });
  const patch = (file: string, edit: (text: string) => string): void => {
    const path = join(dir, 'runtime', file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the aarch64 patch of the linux runtime's ${file} no longer applies`);
    writeFileSync(path, after);
  };
  patch('syscalls.ts', (text) => {
    let out = text;
    for (const [name, n] of Object.entries(SYSCALLS)) {
      const re = new RegExp(`(export const SYS_${name}: i64 = )\\d+;`);
      if (!re.test(out)) throw new Error(`the linux runtime no longer defines SYS_${name}`);
      out = out.replace(re, `$1${n};`);
    }
    return out;
  });
  patch('io.ts', (text) =>
    text
      .replace('fileType(load<u32>(stat, 24))', 'fileType(load<u32>(stat, 16))')
      .replace('store<u64>(out, load<u64>(stat, 16), 24); // nlink', 'store<u64>(out, <u64>load<u32>(stat, 20), 24); // nlink'),
  );
  return join(dir, 'runtime', 'index.ts');
}

const LOAD = 0x40_0000n;
const WB = 0x1_0000n;
const STACK_TOP = '__stack_top';
const STACK_BOTTOM = '__stack_bottom';

function reportTrap(a: Assembler): void {
  a.loadAddress(x9, sym(STACK_TOP)).mov(64, sp, x9);
  a.bl(sym(PLATFORM_SYMBOLS.reportTrap)).brk(1);
}

const platform = {
  kind: 'platform' as const,
  name: 'linux-a64-experiment',
  apiVersion: 1 as const,
  description: 'experiment',
  isas: ['aarch64'],
  memoryMap: () => ({ loadAddress: LOAD, regions: [{ name: KERNEL_WINDOW, base: WB, size: LOAD - WB, type: 'ram' as const }] }),
  imageFormat: { container: 'elf64' as const, entry: 'linux-exec', gnuStack: true },
  components: ['linux-runtime'],
  layout: (_isa: string, request: { stackSize: number }) => standardLayout({ base: LOAD, headersInFirstSegment: true, stackSize: request.stackSize }),
  bootStub(a: Assembler, ctx: { stackSize: number }) {
    a.bind(a.newLabel(PLATFORM_SYMBOLS.entry));
    a.mov(64, x19, sp);
    a.mov(64, x0, Number(WB)).mov(64, x1, Number(LOAD - WB)).mov(64, x2, 3).mov(64, x3, 0x02 | 0x20 | 0x10_0000).mov(64, x4, -1).mov(64, x5, 0).mov(64, x8, 222).svc(0);
    a.loadAddress(x9, sym(STACK_TOP)).mov(64, sp, x9);
    a.mov(64, x0, x19).loadAddress(x1, sym(STACK_BOTTOM, Math.min(0x1_0000, Math.floor(ctx.stackSize / 2 / 16) * 16)));
    a.bl(sym(PLATFORM_SYMBOLS.main));
    a.mov(64, x0, 0).mov(64, x8, 94).svc(0);
  },
  trapStub(a: Assembler) {
    a.bind(a.newLabel(PLATFORM_SYMBOLS.trap));
    reportTrap(a);
  },
  builtinStubs(a: Assembler) {
    memoryBuiltins(a, { memmove: PLATFORM_SYMBOLS.memmove, memset: PLATFORM_SYMBOLS.memset });
  },
  run: () => {
    throw new Error('unused');
  },
};

function catchStubs(a: Assembler): void {
  const frame = sym('__mewz_catch_frame');
  const resume = a.newLabel();
  const uncaught = a.newLabel();
  a.align(16).bind(a.newLabel('__mewz_catch'));
  a.stp(64, x29, x30, mem(sp, -16, 'pre')).mov(64, x29, sp);
  for (const [p, q] of [[x19, x20], [x21, x22], [x23, x24], [x25, x26], [x27, x28]] as const) a.stp(64, p, q, mem(sp, -16, 'pre'));
  for (const [p, q] of [[v8, v9], [v10, v11], [v12, v13], [v14, v15]] as const) a.fstp(64, p, q, mem(sp, -16, 'pre'));
  a.adrp(x9, frame).loadLo12(64, 8, x10, x9, frame).stp(64, x10, x10, mem(sp, -16, 'pre'));
  a.mov(64, x11, sp).storeLo12(8, x11, x9, frame);
  a.mov(64, x9, x0).mov(64, x0, x1).mov(64, x1, x2).mov(64, x2, x3).blr(x9);
  a.mov(64, x0, 0);
  a.bind(resume);
  a.ldp(64, x10, x11, mem(sp, 16, 'post')).adrp(x9, frame).storeLo12(8, x10, x9, frame);
  for (const [p, q] of [[v14, v15], [v12, v13], [v10, v11], [v8, v9]] as const) a.fldp(64, p, q, mem(sp, 16, 'post'));
  for (const [p, q] of [[x27, x28], [x25, x26], [x23, x24], [x21, x22], [x19, x20]] as const) a.ldp(64, p, q, mem(sp, 16, 'post'));
  a.ldp(64, x29, x30, mem(sp, 16, 'post')).ret();

  a.align(16).bind(a.newLabel(PLATFORM_SYMBOLS.trap));
  a.adrp(x9, frame).loadLo12(64, 8, x10, x9, frame).cbz(64, x10, uncaught);
  a.mov(64, sp, x10);
  a.mov(32, x1, x1).add(32, x0, x0, 1).logic('orr', 64, x0, x0, { reg: x1, shift: 'lsl', amount: 32 });
  a.b(resume);
  a.bind(uncaught);
  reportTrap(a);
}

const mockTarget = {
  name: 'aarch64',
  backend: aarch64Backend,
  platform: platform as unknown as PlatformPlugin<Assembler>,
  runtime: [
    {
      kind: 'component' as const,
      name: 'linux-runtime',
      apiVersion: 1 as const,
      description: 'aarch64 copy',
      get sources() {
        return [runtimeIndex()];
      },
      provides: ['platform_write', 'platform_read', 'platform_fd_filestat', 'platform_clock_time', 'platform_clock_res', 'platform_sleep', 'platform_random', 'platform_exit', 'platform_yield', 'platform_arg_count', 'platform_arg', 'platform_env_count', 'platform_env'].map((name) => ({ module: 'mewz:kernel', name })),
      requires: {},
    },
  ],
  elfMachine: 'aarch64' as const,
  catchStubs,
  catchSymbol: '__mewz_catch',
  catchFrameSymbol: '__mewz_catch_frame',
  unavailable: () => undefined,
  command: (image: string) => ({ command: 'qemu-aarch64', args: [image] }),
};

jest.mock('../../../tools/spectest/src/native/target', () => ({
  NATIVE_TARGETS: {},
  nativeTarget: () => mockTarget,
}));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NativeScriptRunner } = require('../../../tools/spectest/src/native/run-script');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readScript, resolveSpecDir, tally } = require('../../../tools/spectest/src/index');

const only = (process.env.SPEC_ONLY ?? '').split(',').filter(Boolean);
let workDir: string | undefined;
const workFolder = (): string => (workDir ??= mkdtempSync(join(tmpdir(), 'mewz-a64-spec-')));
/** Made when the runner first compiles the kernel. */
const runtimeIndex = (): string => aarch64Runtime(workFolder());
afterAll(() => {
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

const enabled = process.env.MEWZ_SPEC_AARCH64 === '1' && canRunAarch64;
if (!enabled) console.log(`skipped the aarch64 spec suite: ${canRunAarch64 ? 'long; set MEWZ_SPEC_AARCH64=1' : cannotRunReason}`);

(enabled ? test : test.skip)('the spec suite on aarch64: every assertion of every script passes', async () => {
  const specDir = resolveSpecDir(undefined, join(__dirname, '../../../tools/spectest'), process.cwd());
  expect(existsSync(specDir)).toBe(true);
  const files = readdirSync(specDir).filter((f) => f.endsWith('.json')).filter((f) => only.length === 0 || only.some((o) => f === `${o}.json`)).sort();
  const runner = new NativeScriptRunner({ target: 'aarch64', opt: process.env.SPEC_OPT === '0' ? 0 : 1, kernelCacheDir: join(workFolder(), 'kernels'), timeout: 120_000 });
  const failed: string[] = [];
  let passed = 0;
  for (const f of files) {
    const script = readScript(join(specDir, f));
    const outcomes = await runner.run(script);
    const { result, failures } = tally(script, outcomes);
    passed += result.passed;
    for (const x of failures) failed.push(`${f}: ${JSON.stringify(x)}`);
  }
  console.log(`spectest aarch64 (opt ${process.env.SPEC_OPT === '0' ? 0 : 1}): ${passed} passed, ${failed.length} failed`);
  expect(failed).toEqual([]);
  expect(passed).toBeGreaterThan(0);
}, 7_200_000);
