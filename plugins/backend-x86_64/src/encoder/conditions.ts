/** Condition codes of jcc/setcc/cmovcc, by their 4-bit encoding (the "cc" in 0x70+cc). */
export const conditionCodes = Object.freeze({
  o: 0x0, // overflow
  no: 0x1,
  b: 0x2, // unsigned <  (carry)
  ae: 0x3, // unsigned >=
  e: 0x4, // equal / zero
  ne: 0x5,
  be: 0x6, // unsigned <=
  a: 0x7, // unsigned >
  s: 0x8, // sign
  ns: 0x9,
  p: 0xa, // parity (unordered after ucomis*)
  np: 0xb,
  l: 0xc, // signed <
  ge: 0xd,
  le: 0xe,
  g: 0xf, // signed >
});

export type Cond = keyof typeof conditionCodes;

const byCode = Object.keys(conditionCodes) as Cond[];

/** The condition that holds exactly when `cc` does not (flipping bit 0 of the encoding). */
export function invertCond(cc: Cond): Cond {
  return byCode[conditionCodes[cc] ^ 1]!;
}

export function condCode(mnemonic: string, cc: Cond): number {
  const code = (conditionCodes as Record<string, number>)[cc];
  if (code === undefined) throw new Error(`${mnemonic}: unknown condition '${String(cc)}' (one of ${byCode.join(', ')})`);
  return code;
}
