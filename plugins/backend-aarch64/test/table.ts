/**
 * Table-driven encoder tests: each row is the expected disassembly, the expected bytes
 * and the assembler calls that should produce them. Both the bytes and capstone's reading
 * of them (consuming every byte) are checked, so a row cannot pass with bytes that merely
 * match a wrong expectation.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Assembler } from '../src/index.js';

export type Row = readonly [asm: string, hex: string, emit: (a: Assembler) => unknown];

export interface Disassembly {
  /** Capstone's text, instructions joined by "; ". */
  text: string;
  /** Bytes capstone decoded (less than the input when it stops at an invalid byte). */
  consumed: number;
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Disassemble many byte strings at address 0 in one capstone run (see disasm.cjs for why a process). */
export function disassembleAll(codes: readonly Uint8Array[]): Disassembly[] {
  const input = JSON.stringify(codes.map((c) => hex(c).replace(/ /g, '')));
  const output = execFileSync(process.execPath, [path.join(__dirname, 'disasm.cjs')], { input, encoding: 'utf8' });
  return JSON.parse(output) as Disassembly[];
}

export function disassemble(code: Uint8Array): Disassembly {
  return disassembleAll([code])[0]!;
}

export function assemble(emit: (a: Assembler) => unknown): Uint8Array {
  const a = new Assembler();
  emit(a);
  return a.finish().code;
}

/** Register a jest test per row; all rows are disassembled together before the tests run. */
export function checkRows(rows: readonly Row[]): void {
  const codes = new Map<Row, Uint8Array>();
  const disassembly = new Map<Row, Disassembly>();
  beforeAll(() => {
    for (const row of rows) {
      try {
        codes.set(row, assemble(row[2]));
      } catch {
        // reported by the row's own test
      }
    }
    const results = disassembleAll([...codes.values()]);
    [...codes.keys()].forEach((row, i) => disassembly.set(row, results[i]!));
  });
  test.each(rows.map((row) => [row[0], row[1], row] as const))('%s', (asm, expectedHex, row) => {
    const code = codes.get(row) ?? assemble(row[2]); // rethrows the encoding error
    expect(hex(code)).toBe(expectedHex.replace(/\s+/g, ' ').trim());
    const { text, consumed } = disassembly.get(row)!;
    expect(text).toBe(asm);
    expect(consumed).toBe(code.length);
  });
}
