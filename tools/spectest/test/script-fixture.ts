/**
 * A small script that every executing mode must judge the same way: linking (with
 * register, the host module, type and size mismatches, sizes that grew at run time), every
 * kind of assertion, NaN classes, externrefs, a deliberately wrong expectation (line 16)
 * and SIMD skips.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtFactory from 'wabt';

const MODULES: Record<string, string> = {
  a: `(module
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
    (func (export "t") unreachable)
    (func $r (export "r") (call $r))
    (func (export "id") (param externref) (result externref) (local.get 0))
    (global (export "g") i64 (i64.const -1))
    (table (export "tab") 1 5 externref)
    (memory (export "mem") 1))`,
  b: `(module
    (import "a" "add" (func $add (param i32 i32) (result i32)))
    (import "spectest" "print_i32" (func (param i32)))
    (import "spectest" "global_i32" (global i32))
    (func (export "call") (result i32) (call $add (global.get 0) (i32.const 1))))`,
  tooSmall: `(module (import "a" "tab" (table 2 externref)))`,
  bounded: `(module (import "a" "mem" (memory 1 1)))`,
  unknown: `(module (import "a" "nope" (func)))`,
  start: `(module (func $s unreachable) (start $s))`,
  simd: `(module (func (export "v") (result v128) (v128.const i32x4 1 2 3 4)))`,
  growing: `(module
    (memory (export "m") 1)
    (table (export "t") 1 funcref)
    (func (export "grow") (result i32) (memory.grow (i32.const 1)))
    (func (export "growt") (result i32) (table.grow (ref.null func) (i32.const 2))))`,
  bigMemory: `(module (import "c" "m" (memory 2)) (func (export "size") (result i32) (memory.size)))`,
  bigTable: `(module (import "c" "t" (table 3 funcref)))`,
};

const i32 = (v: number): object => ({ type: 'i32', value: String(v >>> 0) });
const invoke = (field: string, args: object[] = [], module?: string): object => ({ type: 'invoke', field, args, ...(module ? { module } : {}) });

export const COMMANDS = [
  { type: 'module', line: 1, name: '$A', filename: 'a.wasm' },
  { type: 'register', line: 2, name: '$A', as: 'a' },
  { type: 'assert_return', line: 3, action: invoke('add', [i32(1), i32(2)]), expected: [i32(3)] },
  { type: 'assert_return', line: 4, action: invoke('nan'), expected: [{ type: 'f32', value: 'nan:canonical' }] },
  { type: 'assert_return', line: 5, action: { type: 'get', field: 'g' }, expected: [{ type: 'i64', value: '18446744073709551615' }] },
  { type: 'assert_trap', line: 6, action: invoke('t'), text: 'unreachable' },
  { type: 'assert_exhaustion', line: 7, action: invoke('r'), text: 'call stack exhausted' },
  { type: 'assert_return', line: 8, action: invoke('id', [{ type: 'externref', value: '5' }]), expected: [{ type: 'externref', value: '5' }] },
  { type: 'assert_return', line: 9, action: invoke('id', [{ type: 'externref', value: 'null' }]), expected: [{ type: 'externref', value: 'null' }] },
  { type: 'module', line: 10, filename: 'b.wasm' },
  { type: 'assert_return', line: 11, action: invoke('call'), expected: [i32(667)] },
  { type: 'assert_unlinkable', line: 12, filename: 'tooSmall.wasm', text: 'incompatible import type', module_type: 'binary' },
  { type: 'assert_unlinkable', line: 13, filename: 'bounded.wasm', text: 'incompatible import type', module_type: 'binary' },
  { type: 'assert_unlinkable', line: 14, filename: 'unknown.wasm', text: 'unknown import', module_type: 'binary' },
  { type: 'assert_uninstantiable', line: 15, filename: 'start.wasm', text: 'unreachable', module_type: 'binary' },
  { type: 'assert_return', line: 16, action: invoke('add', [i32(1), i32(2)], '$A'), expected: [i32(4)] },
  { type: 'module', line: 17, filename: 'simd.wasm' },
  { type: 'assert_return', line: 18, action: invoke('v'), expected: [{ type: 'v128', lane_type: 'i32', value: ['1', '2', '3', '4'] }] },
  { type: 'module', line: 19, name: '$C', filename: 'growing.wasm' },
  { type: 'register', line: 20, name: '$C', as: 'c' },
  { type: 'assert_unlinkable', line: 21, filename: 'bigMemory.wasm', text: 'incompatible import type', module_type: 'binary' },
  { type: 'assert_return', line: 22, action: invoke('grow', [], '$C'), expected: [i32(1)] },
  { type: 'module', line: 23, filename: 'bigMemory.wasm' },
  { type: 'assert_return', line: 24, action: invoke('size'), expected: [i32(2)] },
  { type: 'assert_unlinkable', line: 25, filename: 'bigTable.wasm', text: 'incompatible import type', module_type: 'binary' },
  { type: 'assert_return', line: 26, action: invoke('growt', [], '$C'), expected: [i32(1)] },
  { type: 'module', line: 27, filename: 'bigTable.wasm' },
];

/**
 * What every executing mode reports for the script: five modules and 17 assertions pass
 * (register is not counted), line 16 fails, the SIMD module and its assertion are skipped.
 */
export const EXPECTED = {
  scripts: [{ script: 'script', passed: 22, failed: 1, skipped: 2 }],
  failures: [[16, 'got i32:3 (0x3); expected i32:4']],
};

/** Writes the modules and `script.json` into `dir`. */
export async function writeFixture(dir: string): Promise<void> {
  const wabt = await wabtFactory();
  for (const [name, text] of Object.entries(MODULES)) {
    const m = wabt.parseWat(`${name}.wat`, text, { reference_types: true, simd: true });
    writeFileSync(join(dir, `${name}.wasm`), m.toBinary({}).buffer);
    m.destroy();
  }
  writeFileSync(join(dir, 'script.json'), JSON.stringify({ source_filename: 'script.wast', commands: COMMANDS }));
}
