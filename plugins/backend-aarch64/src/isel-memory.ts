/** Selection of loads, stores and Wasm heap address checks. */
import { type Inst, MemFlags } from '@mewz/compiler';
import type { Width } from './inst.js';
import type { Isel } from './isel.js';

export function selectMemory(isel: Isel, inst: Inst): boolean {
  switch (inst.op) {
    case 'load': {
      const result = inst.results[0];
      const type = isel.typeOf(result);
      const width = MemFlags.width(inst.flags) as Width;
      const amode = isel.amode(inst.args[0], inst.imm);
      const dst = isel.result(result);
      if (type === 'f32' || type === 'f64') isel.emit({ op: 'fload', type, dst, amode });
      else if (type === 'i32' || type === 'i64') {
        checkWidth(width, type === 'i64' ? 8 : 4, 'load');
        const signed = MemFlags.signed(inst.flags) && width < (type === 'i64' ? 8 : 4);
        isel.emit({ op: 'load', size: type === 'i64' ? 64 : 32, width, signed, dst, amode });
      } else throw new Error(`cannot select a ${type} load`);
      return true;
    }
    case 'store': {
      const [addr, value] = inst.args;
      const type = isel.typeOf(value);
      const width = MemFlags.width(inst.flags) as Width;
      const amode = isel.amode(addr, inst.imm);
      if (type === 'f32' || type === 'f64') isel.emit({ op: 'fstore', type, src: isel.use(value), amode });
      else if (type === 'i32' || type === 'i64') {
        checkWidth(width, type === 'i64' ? 8 : 4, 'store');
        const bits = isel.constOf(value);
        // Zero is the zero register; other constants need a register of their own.
        const zero = bits !== undefined && BigInt.asUintN(width * 8, bits) === 0n;
        isel.emit({ op: 'store', width, src: zero ? 'zero' : isel.use(value), amode });
      } else throw new Error(`cannot select a ${type} store`);
      return true;
    }
    case 'heap_addr': {
      const [index, base, size] = inst.args;
      const t = isel.heapIndexOf(inst);
      const k = isel.constOf(index);
      if (k !== undefined) isel.emit({ op: 'iconst', dst: t, value: BigInt.asUintN(32, k) });
      else if (t !== isel.use(index)) isel.emit({ op: 'zext32', dst: t, src: isel.use(index) });
      isel.emit({ op: 'heap_check', index: t, size: isel.use(size), end: isel.temp('int'), imm: inst.imm });
      if (!isel.addressOnly.has(inst)) {
        isel.emit({ op: 'lea', dst: isel.result(inst.results[0]), amode: { kind: 'reg', base: isel.use(base), index: t, disp: 0 } });
      }
      return true;
    }
  }
  return false;
}

function checkWidth(width: number, max: number, what: string): void {
  if (width !== 1 && width !== 2 && width !== 4 && width !== 8) throw new Error(`${what} of width ${width} bytes`);
  if (width > max) throw new Error(`${what} of ${width} bytes into a ${max * 8}-bit integer`);
}
