/**
 * Encoder table for branches to labels (b, bl, b.cond, cbz/cbnz, tbz/tbnz), register branches, adr and literal loads. Bytes were checked against llvm-mc when the rows were written;
 * each row checks them and capstone's reading of them.
 */
import { v1, x0, x1, x2, x3, x5, x16 } from '../src/index.js';
import { checkRows, type Row } from './table.js';

const rows: Row[] = [
  ['b #8; nop', '02 00 00 14 1f 20 03 d5', (a) => { const l = a.newLabel(); a.b(l).nop().bind(l); }],
  ['nop; b #4', '1f 20 03 d5 00 00 00 14', (a) => { const l = a.newLabel(); a.nop().bind(l); a.b(l); }],
  ['b #0', '00 00 00 14', (a) => { const l = a.newLabel(); a.bind(l).b(l); }],
  ['bl #4; nop', '01 00 00 94 1f 20 03 d5', (a) => { const l = a.newLabel(); a.bl(l).bind(l).nop(); }],
  ['b.eq #8; nop', '40 00 00 54 1f 20 03 d5', (a) => { const l = a.newLabel(); a.bcond('eq', l).nop().bind(l); }],
  ['nop; b.hi #4', '1f 20 03 d5 08 00 00 54', (a) => { const l = a.newLabel(); a.nop().bind(l); a.bcond('hi', l); }],
  ['b #8; nop', '02 00 00 14 1f 20 03 d5', (a) => { const l = a.newLabel(); a.bcond('al', l).nop().bind(l); }],
  ['cbz x0, #8; nop', '40 00 00 b4 1f 20 03 d5', (a) => { const l = a.newLabel(); a.cbz(64, x0, l).nop().bind(l); }],
  ['cbnz w3, #8; nop', '43 00 00 35 1f 20 03 d5', (a) => { const l = a.newLabel(); a.cbnz(32, x3, l).nop().bind(l); }],
  ['tbz w0, #3, #8; nop', '40 00 18 36 1f 20 03 d5', (a) => { const l = a.newLabel(); a.tbz(x0, 3, l).nop().bind(l); }],
  ['tbnz x5, #0x3f, #8; nop', '45 00 f8 b7 1f 20 03 d5', (a) => { const l = a.newLabel(); a.tbnz(x5, 63, l).nop().bind(l); }],
  ['br x16', '00 02 1f d6', (a) => a.br(x16)],
  ['blr x1', '20 00 3f d6', (a) => a.blr(x1)],
  ['ret', 'c0 03 5f d6', (a) => a.ret()],
  ['ret x1', '20 00 5f d6', (a) => a.ret(x1)],
  ['adr x0, #8; nop', '40 00 00 10 1f 20 03 d5', (a) => { const l = a.newLabel(); a.adr(x0, l).nop().bind(l); }],
  ['ldr x0, #8; nop', '40 00 00 58 1f 20 03 d5', (a) => { const l = a.newLabel(); a.ldrLiteral(x0, 64, l).nop().bind(l); }],
  ['ldr d1, #8; nop', '41 00 00 5c 1f 20 03 d5', (a) => { const l = a.newLabel(); a.ldrLiteral(v1, 64, l).nop().bind(l); }],
  ['ldr w2, #8; nop', '42 00 00 18 1f 20 03 d5', (a) => { const l = a.newLabel(); a.ldrLiteral(x2, 32, l).nop().bind(l); }],
];

describe('control encodings', () => checkRows(rows));
