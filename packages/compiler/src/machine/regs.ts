/**
 * Registers of machine code before and after allocation share one number space:
 * numbers below PREG_LIMIT are physical registers (the backend chooses their numbering),
 * numbers from PREG_LIMIT on are virtual registers made by instruction selection.
 */
export type Reg = number;
export const PREG_LIMIT = 256;

export const isVirtual = (r: Reg): boolean => r >= PREG_LIMIT;

/**
 * Register classes the allocator knows. Floats and vectors share a class because both
 * ISAs keep them in the same register file (xmm / v registers).
 */
export type RegClass = 'int' | 'float';

/** What the ISA-neutral register allocator needs to know about an ISA's registers. */
export interface RegisterInfo {
  /** The class of a physical register. */
  classOf(preg: Reg): RegClass;
  /** Allocatable registers by class, in order of preference (caller-saved first is cheaper for short ranges). */
  allocatable: Readonly<Record<RegClass, readonly Reg[]>>;
  /** Registers a call preserves; the others are clobbered by every call. */
  calleeSaved: readonly Reg[];
  /**
   * Optional: a register per class that is never allocatable and that the allocator may
   * use freely as a temporary in the copies it inserts (parallel-move cycles, slot-to-slot
   * copies). Without one, the allocator uses a register that is free at that point, or
   * borrows one around the copy through an emergency spill slot.
   */
  scratch?: Readonly<Partial<Record<RegClass, Reg>>>;
  /** A readable name, for dumps and errors. */
  name(preg: Reg): string;
}
