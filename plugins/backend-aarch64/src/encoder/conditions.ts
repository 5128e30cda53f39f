/** Condition codes of b.cond, csel, cset, fcsel and ccmp, by their 4-bit encodings. */
import { EncodingError } from './operands.js';

export const conditionCodes = Object.freeze({
  eq: 0,
  ne: 1,
  hs: 2,
  lo: 3,
  mi: 4,
  pl: 5,
  vs: 6,
  vc: 7,
  hi: 8,
  ls: 9,
  ge: 10,
  lt: 11,
  gt: 12,
  le: 13,
  al: 14,
} as const);

export type Cond = keyof typeof conditionCodes;

/** The code that holds exactly when `cc` does not (flipping the low bit; `al` has none). */
export function invertCond(cc: Cond): Cond {
  if (cc === 'al') throw new Error('the condition "al" has no inverse');
  const code = conditionCodes[cc] ^ 1;
  return (Object.keys(conditionCodes) as Cond[]).find((k) => conditionCodes[k] === code)!;
}

export function condCode(mnemonic: string, cc: unknown): number {
  const code = (conditionCodes as Record<string, number>)[cc as string];
  if (code === undefined) throw new EncodingError(mnemonic, `unknown condition '${String(cc)}'`);
  return code;
}
