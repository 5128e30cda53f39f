import { CANONICAL_NAN32, CANONICAL_NAN64, type Slot } from '@mewz/compiler';
import type { Value } from './commands.js';

/**
 * Script values as slots (what the interpreter passes around; native runs report raw
 * bits, turned into the same slots), and the comparison of results against expectations
 * (floats by bits, NaN classes, references by nullness or identity). Every mode judges
 * results here.
 */

/**
 * What `ref.extern N` is at run time: a distinct non-null pointer-sized value. Compiled
 * code never dereferences an externref, so any tagged value outside the address space
 * round-trips through tables, globals and calls.
 */
export const EXTERN_BASE = 0x6578_0000_0000_0000n;

export class UnsupportedValue extends Error {}

/** The slot of an argument; throws UnsupportedValue for v128 (SIMD is not supported yet). */
export function toSlot(v: Value): Slot {
  const s = typeof v.value === 'string' ? v.value : undefined;
  switch (v.type) {
    case 'i32':
      return Number(BigInt.asIntN(32, BigInt(s ?? '0')));
    case 'i64':
      return BigInt.asUintN(64, BigInt(s ?? '0'));
    case 'f32':
      return Number(BigInt.asUintN(32, BigInt(s ?? '0')));
    case 'f64':
      return BigInt.asUintN(64, BigInt(s ?? '0'));
    case 'funcref':
      if (s === undefined || s === 'null') return 0n;
      throw new UnsupportedValue(`funcref argument ${s}`);
    case 'externref':
      return s === undefined || s === 'null' ? 0n : EXTERN_BASE + BigInt(s);
    case 'v128':
      throw new UnsupportedValue('v128 value (SIMD is not supported yet)');
  }
}

/** The slot of a result of type `type` from the 64 bits of its result slot (i32/f32: the low 32). */
export function slotFromBits(type: Value['type'], bits: bigint): Slot {
  switch (type) {
    case 'i32':
      return Number(BigInt.asIntN(32, bits));
    case 'f32':
      return Number(BigInt.asUintN(32, bits));
    default:
      return BigInt.asUintN(64, bits);
  }
}

/** Whether result `got` satisfies the expectation `want`. */
export function matches(want: Value, got: Slot): boolean {
  const s = typeof want.value === 'string' ? want.value : undefined;
  switch (want.type) {
    case 'f32': {
      const bits = got as number;
      if (s === 'nan:canonical') return (bits & 0x7fffffff) === CANONICAL_NAN32;
      if (s === 'nan:arithmetic') return (bits & CANONICAL_NAN32) === CANONICAL_NAN32;
      return bits === toSlot(want);
    }
    case 'f64': {
      const bits = got as bigint;
      if (s === 'nan:canonical') return (bits & ~(1n << 63n)) === CANONICAL_NAN64;
      if (s === 'nan:arithmetic') return (bits & CANONICAL_NAN64) === CANONICAL_NAN64;
      return bits === toSlot(want);
    }
    case 'funcref':
    case 'externref':
      // No value: any non-null reference of the type.
      if (s === undefined) return got !== 0n;
      return got === toSlot(want);
    default:
      return got === toSlot(want);
  }
}

/** A readable rendering of a result of type `type`. */
export function formatSlot(type: Value['type'], v: Slot): string {
  switch (type) {
    case 'i32':
      return `i32:${v} (0x${((v as number) >>> 0).toString(16)})`;
    case 'i64':
      return `i64:${BigInt.asIntN(64, v as bigint)} (0x${(v as bigint).toString(16)})`;
    case 'f32': {
      const f = new Float32Array(new Uint32Array([v as number]).buffer)[0];
      return `f32:${f} (0x${(v as number).toString(16)})`;
    }
    case 'f64': {
      const f = new Float64Array(new BigUint64Array([v as bigint]).buffer)[0];
      return `f64:${f} (0x${(v as bigint).toString(16)})`;
    }
    case 'externref':
      return v === 0n ? 'ref.null extern' : (v as bigint) >= EXTERN_BASE ? `ref.extern ${(v as bigint) - EXTERN_BASE}` : `externref 0x${v.toString(16)}`;
    case 'funcref':
      return v === 0n ? 'ref.null func' : `funcref 0x${v.toString(16)}`;
    default:
      return String(v);
  }
}

export function formatExpected(v: Value): string {
  return `${v.type}:${Array.isArray(v.value) ? v.value.join(' ') : (v.value ?? '(any)')}`;
}
