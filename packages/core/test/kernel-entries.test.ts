import { lowerModule, printFunction, verifyFunction } from '@mewz/compiler';
import { loadModule } from '@mewz/wasm';
import wabtInit from 'wabt';
import { kernelEntryFunction } from '../src/build/glue.js';
import { platformKernelEntries } from '../src/build/build-image.js';
import { BuildError, type KernelEntry } from '../src/index.js';
import { fakePlatform } from './fake-plugins.js';

async function wat(text: string) {
  const wabt = await wabtInit();
  return loadModule(wabt.parseWat('k.wat', text).toBinary({}).buffer);
}

const EXCEPTION: KernelEntry = { symbol: '__mewz_exception', export: 'mewz_exception', params: ['i32', 'i64', 'i64', 'i64'], results: [] };
const COUNT: KernelEntry = { symbol: '__mewz_count', export: 'count', params: ['i64'], results: ['i32'] };

const KERNEL = `(module
  (memory 1)
  (func $other (param i32) (result i32) (local.get 0))
  (func (export "mewz_exception") (param i32 i64 i64 i64))
  (func (export "count") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
  (func (export "wrong") (param i32) (result i64) (i64.const 0)))`;

describe('platform kernel entries', () => {
  it('finds each entry\'s kernel export, checked against its types', async () => {
    const kernel = await wat(KERNEL);
    const found = platformKernelEntries(fakePlatform('p', { kernelEntries: [EXCEPTION, COUNT] }), kernel);
    expect(found).toEqual([
      { entry: EXCEPTION, func: 1 },
      { entry: COUNT, func: 2 },
    ]);
    expect(platformKernelEntries(fakePlatform('p'), kernel)).toEqual([]);
  });

  it('names every missing export and type mismatch in one BuildError', async () => {
    const kernel = await wat(KERNEL);
    const entries: KernelEntry[] = [
      { symbol: '__mewz_missing', export: 'missing', params: [], results: [] },
      { symbol: '__mewz_wrong', export: 'wrong', params: ['i32'], results: ['i32'] },
      EXCEPTION,
    ];
    let error: unknown;
    try {
      platformKernelEntries(fakePlatform('board', { kernelEntries: entries }), kernel);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toContain('platform "board" needs kernel exports the kernel lacks');
    expect((error as BuildError).problems).toEqual([
      'the kernel exports no "missing" () -> () (the platform\'s __mewz_missing calls it)',
      'the kernel\'s "wrong" is (i32) -> (i64), but the platform\'s __mewz_wrong calls it as (i32) -> (i32)',
    ]);
  });

  it('generates a context-free function that calls the export with the kernel\'s context first', async () => {
    const kernel = lowerModule(await wat(KERNEL), { prefix: 'kernel', trusted: true, windowBytes: 0x10000 });
    const fn = kernelEntryFunction(COUNT, kernel, 2);
    expect(fn.name).toBe('__mewz_count');
    expect(verifyFunction(fn)).toEqual([]);
    const text = printFunction(fn);
    expect(text).toContain('(i64) -> (i32)');
    // symbol_addr of the kernel's vmctx, passed before the entry's own argument; the result returned.
    expect(text).toBe(
      ['function __mewz_count(i64) -> (i32) {', 'block0(v0: i64):', '  v1 = symbol_addr.i64 kernel.vmctx', '  v2 = call.i32 kernel.f2, v1, v0', '  return v2', '}'].join('\n'),
    );
  });
});
