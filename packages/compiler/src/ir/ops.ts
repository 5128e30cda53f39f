/**
 * IR operations. An operation is polymorphic over the types of its operands: `add` on
 * two i32 values is a 32-bit add, on f64 values a double add. The result type of each
 * instruction is stored on the instruction, so passes and backends never guess.
 *
 * Immediates live in `Inst.imm` (a number: condition, offset, index, trap code…) and
 * `Inst.bits` (a bigint: the raw bits of a constant).
 */
export const OPS = {
  // Constants: `bits` holds the raw bits of the value (floats as their IEEE encoding).
  const: { args: 0, pure: true },

  // Integer and float arithmetic shared by both kinds where the meaning is the same.
  add: { args: 2, pure: true },
  sub: { args: 2, pure: true },
  mul: { args: 2, pure: true },
  // Integer only. Division and remainder are pure here: the lowering emits the
  // divide-by-zero and overflow checks as separate trap instructions before them.
  div_s: { args: 2, pure: true },
  div_u: { args: 2, pure: true },
  rem_s: { args: 2, pure: true },
  rem_u: { args: 2, pure: true },
  and: { args: 2, pure: true },
  or: { args: 2, pure: true },
  xor: { args: 2, pure: true },
  shl: { args: 2, pure: true },
  shr_s: { args: 2, pure: true },
  shr_u: { args: 2, pure: true },
  rotl: { args: 2, pure: true },
  rotr: { args: 2, pure: true },
  clz: { args: 1, pure: true },
  ctz: { args: 1, pure: true },
  popcnt: { args: 1, pure: true },
  /** Sign-extend the low `imm` bits (8, 16 or 32) within the same type. */
  sext: { args: 1, pure: true },
  /** Integer comparison; `imm` is an IntCond; the result is an i32 0 or 1. */
  icmp: { args: 2, pure: true },

  // Float only.
  div: { args: 2, pure: true },
  min: { args: 2, pure: true },
  max: { args: 2, pure: true },
  copysign: { args: 2, pure: true },
  abs: { args: 1, pure: true },
  neg: { args: 1, pure: true },
  sqrt: { args: 1, pure: true },
  ceil: { args: 1, pure: true },
  floor: { args: 1, pure: true },
  trunc: { args: 1, pure: true },
  nearest: { args: 1, pure: true },
  /** Float comparison; `imm` is a FloatCond; the result is an i32 0 or 1. */
  fcmp: { args: 2, pure: true },

  // Conversions: the source type is the operand's, the target type the instruction's.
  wrap: { args: 1, pure: true },
  extend_s: { args: 1, pure: true },
  extend_u: { args: 1, pure: true },
  /** Float to int, operand already range-checked by the lowering (traps are explicit). */
  fcvt_to_s: { args: 1, pure: true },
  fcvt_to_u: { args: 1, pure: true },
  /** Float to int, saturating (NaN → 0). */
  fcvt_to_s_sat: { args: 1, pure: true },
  fcvt_to_u_sat: { args: 1, pure: true },
  fcvt_from_s: { args: 1, pure: true },
  fcvt_from_u: { args: 1, pure: true },
  demote: { args: 1, pure: true },
  promote: { args: 1, pure: true },
  bitcast: { args: 1, pure: true },

  /** `select cond, a, b` → a if cond ≠ 0 else b. */
  select: { args: 3, pure: true },

  // Memory. `load`/`store` address native memory: args[0] is a native address and
  // `imm` a constant byte offset added to it. MemFlags in `Inst.flags` give the access
  // width and signedness. Wasm linear-memory accesses go through `heap_addr` first.
  load: { args: 1, pure: false },
  store: { args: 2, pure: false },
  /**
   * The native address of a Wasm memory access: args are [index (i32), memory base,
   * memory size in bytes]; traps unless index + imm ≤ size, where imm is the static
   * offset plus the access size. The result (i64) is base + zero-extended index.
   * It can trap, so it is never removed as dead; but it depends only on its operands, so
   * GVN replaces a check dominated by an identical one.
   */
  heap_addr: { args: 3, pure: false, gvn: true },

  /** Traps with code `imm` when the operand is non-zero (`trapnz`) or zero (`trapz`). */
  trapnz: { args: 1, pure: false },
  trapz: { args: 1, pure: false },

  /** Direct call to the function symbol `sym`; results are the callee's results. */
  call: { args: -1, pure: false },
  /** Call through a code pointer in args[0]; the rest are the arguments. */
  call_indirect: { args: -1, pure: false },
  /** A privileged operation the backend lowers inline; `sym` names it. */
  intrinsic: { args: -1, pure: false },
  /** The address of the symbol `sym` (a function, a data object). */
  symbol_addr: { args: 0, pure: true },
} as const satisfies Record<string, OpInfo>;

/**
 * `args`: operand count (-1: variable). `pure`: no side effect and no trap, so an unused
 * result may be deleted and identical instructions merged. `gvn`: may be merged with an
 * identical dominating instruction even though it is not pure (it can trap).
 */
export interface OpInfo {
  args: number;
  pure: boolean;
  gvn?: boolean;
}

/** Whether GVN may replace the instruction by an identical dominating one. */
export const isValueNumbered = (op: Op): boolean => {
  const info: OpInfo = OPS[op];
  return info.pure || info.gvn === true;
};

export type Op = keyof typeof OPS;

export const IntCond = {
  eq: 0,
  ne: 1,
  lt_s: 2,
  lt_u: 3,
  gt_s: 4,
  gt_u: 5,
  le_s: 6,
  le_u: 7,
  ge_s: 8,
  ge_u: 9,
} as const;
export type IntCond = (typeof IntCond)[keyof typeof IntCond];
export const intCondName = Object.keys(IntCond) as (keyof typeof IntCond)[];

export const FloatCond = { eq: 0, ne: 1, lt: 2, gt: 3, le: 4, ge: 5 } as const;
export type FloatCond = (typeof FloatCond)[keyof typeof FloatCond];
export const floatCondName = Object.keys(FloatCond) as (keyof typeof FloatCond)[];

/** Width (bytes) and signedness of a memory access, packed: bits 0–4 width, bit 5 signed. */
export const MemFlags = {
  of(width: 1 | 2 | 4 | 8 | 16, signed: boolean): number {
    return width | (signed ? 32 : 0);
  },
  width(flags: number): number {
    return flags & 31;
  },
  signed(flags: number): boolean {
    return (flags & 32) !== 0;
  },
};
