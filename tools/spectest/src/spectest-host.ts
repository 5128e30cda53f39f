import { hostFunction, hostGlobal, hostMemory, hostTable, type Machine, type Slot } from '@mewz/compiler';
import type { FuncType, ValType } from '@mewz/wasm';
import type { ExportTable, Extern } from './interp-linker.js';

const f32Bits = (x: number): number => new Uint32Array(new Float32Array([x]).buffer)[0];
const f64Bits = (x: number): bigint => new BigUint64Array(new Float64Array([x]).buffer)[0];

/**
 * The `spectest` module every script may import from, as the reference interpreter
 * defines it: print functions that do nothing, four immutable globals (666 and 666.6), a
 * funcref table of 10 (max 20) and a memory of 1 page (max 2).
 */
export function spectestModule(machine: Machine): ExportTable {
  const table: ExportTable = new Map();
  const func = (name: string, params: ValType[]): void => {
    const type: FuncType = { params, results: [] };
    table.set(name, { kind: 'func', address: hostFunction(machine, `spectest.${name}`, type, () => []), type });
  };
  func('print', []);
  func('print_i32', ['i32']);
  func('print_i64', ['i64']);
  func('print_f32', ['f32']);
  func('print_f64', ['f64']);
  func('print_i32_f32', ['i32', 'f32']);
  func('print_f64_f64', ['f64', 'f64']);
  const global = (name: string, valType: ValType, value: Slot): void => {
    const e: Extern = { kind: 'global', address: hostGlobal(machine, valType, value), type: { valType, mutable: false } };
    table.set(name, e);
  };
  global('global_i32', 'i32', 666);
  global('global_i64', 'i64', 666n);
  global('global_f32', 'f32', f32Bits(666.6));
  global('global_f64', 'f64', f64Bits(666.6));
  table.set('table', { kind: 'table', address: hostTable(machine, 10, 20), type: { elemType: 'funcref', limits: { min: 10, max: 20 } } });
  table.set('memory', { kind: 'memory', address: hostMemory(machine, 1, 2), type: { limits: { min: 1, max: 2 } } });
  return table;
}
