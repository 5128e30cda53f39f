// Traps in the unikernel: each prints `trap: <kind> in <function>` (the Wasm function's
// name) on stderr and `mewz run` exits with 134; output written before the trap arrives.
import path from 'node:path';
import { available, limiter, tempDir } from '../helpers';
import { skipReason, TARGETS } from './targets';
import { APPS_DIR, buildImage, compileC, expectBuilt, runApp, textOf, TRAP_STATUS } from './unikernel';

// Each test builds images (tens of seconds on a loaded machine) and boots QEMU under TCG.
jest.setTimeout(300_000);

const CASES: [what: string, arg: string, message: string][] = [
  ['unreachable', 'u', 'trap: unreachable in boom'],
  ['integer division by zero', 'd', 'trap: integer divide by zero in divide'],
  ['integer overflow (INT_MIN / -1)', 'o', 'trap: integer overflow in divide'],
  ['an out-of-bounds load', 'l', 'trap: out of bounds memory access in read_far'],
  ['a store straddling the end of memory', 's', 'trap: out of bounds memory access in write_end'],
  ['an indirect call through a null entry', 'n', 'trap: uninitialized element in call_null'],
  ['an indirect call with the wrong signature', 'm', 'trap: indirect call type mismatch in call_wrong'],
  ['an indirect call past the end of the table', 't', 'trap: undefined element in call_outside'],
  ['stack overflow (unbounded recursion)', 'r', 'trap: call stack exhausted in recurse'],
];

// The same from C (wasi-libc): deep recursion runs out of clang's shadow stack (in linear
// memory, below the data) before the native stack, so it is an out-of-bounds access there.
const C_CASES: [what: string, arg: string, message: string][] = [
  ['abort()', 'abort', 'trap: unreachable in abort'],
  ['a call through a null function pointer', 'null', 'trap: uninitialized element in call_through'],
  ['unbounded recursion', 'recurse', 'trap: out of bounds memory access in recurse'],
  ['integer division by zero', 'divide', 'trap: integer divide by zero in divide'],
];

describe.each(TARGETS)('%s unikernel: traps', (target) => {
  const skip = skipReason(target);
  if (skip) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }
  const { dir, cleanup } = tempDir(`mewz-e2e-traps-${target}-`);
  afterAll(cleanup);
  const image = path.join(dir, 'traps.img');
  const runs = new Map<string, ReturnType<typeof runApp>>();

  beforeAll(async () => {
    expectBuilt('mewz build traps.wat', await buildImage(path.join(APPS_DIR, 'traps.wat'), image, target));
    // Independent boots, two at a time; each test waits for its own.
    const limit = limiter(2);
    for (const [, arg] of CASES) {
      const pending = limit(() => runApp(image, target, { args: [arg] }));
      pending.catch(() => {}); // reported by the case's own test
      runs.set(arg, pending);
    }
  }, 300_000);

  it.each(CASES)('%s', async (_what, arg, message) => {
    expect(textOf(await runs.get(arg)!)).toEqual({ status: TRAP_STATUS, stdout: 'before\n', stderr: `${message}\n` });
  }, 300_000);

  it('without a trap the same image exits 0', async () => {
    expect(textOf(await runApp(image, target))).toEqual({ status: 0, stdout: 'usage: traps u|d|o|l|s|n|m|t|r\n', stderr: '' });
  });
});

describe.each(TARGETS)('%s unikernel: traps in a C program', (target) => {
  const skip = skipReason(target) ?? (available('clang-14') ? undefined : 'clang-14 is not installed (apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32)');
  if (skip) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }
  const { dir, cleanup } = tempDir(`mewz-e2e-c-traps-${target}-`);
  afterAll(cleanup);
  const image = path.join(dir, 'c_traps.img');
  const runs = new Map<string, ReturnType<typeof runApp>>();

  beforeAll(async () => {
    const wasm = path.join(dir, 'c_traps.wasm');
    expectBuilt('clang-14 c_traps.c', await compileC(path.join(APPS_DIR, 'c_traps.c'), wasm));
    expectBuilt('mewz build c_traps.wasm', await buildImage(wasm, image, target));
    const limit = limiter(2);
    for (const [, arg] of C_CASES) {
      const pending = limit(() => runApp(image, target, { args: [arg] }));
      pending.catch(() => {}); // reported by the case's own test
      runs.set(arg, pending);
    }
  }, 300_000);

  it.each(C_CASES)('%s', async (_what, arg, message) => {
    expect(textOf(await runs.get(arg)!)).toEqual({ status: TRAP_STATUS, stdout: 'before\n', stderr: `${message}\n` });
  });
});
