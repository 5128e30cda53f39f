/**
 * A pure operation applied where the IR leaves it undefined: a division the lowering did
 * not guard, a conversion whose operand was not range-checked, an unknown condition.
 * The interpreter reports it as a bug in the lowering or a pass; constant folding leaves
 * such an instruction alone (the guard before it traps first).
 */
export class UndefinedOperation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndefinedOperation';
  }
}
