import { bytesText, signatureText } from '../src/format-inspect.js';
import { constExprText } from '../src/inspect-facts.js';
import { detectFormat } from '../src/load-input.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectFormat', () => {
  test('the extension decides for .wat and .wasm', () => {
    expect(detectFormat('a.wat', text('\0asm'))).toBe('wat');
    expect(detectFormat('a.WASM', text('(module)'))).toBe('wasm');
  });

  test('other names are sniffed', () => {
    expect(detectFormat('a.bin', Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).toBe('wasm');
    expect(detectFormat('module', text('  \n(module)'))).toBe('wat');
    expect(detectFormat('module.txt', text(';; comment\n(module)'))).toBe('wat');
    // Neither: left to the decoder, which says what is wrong with it.
    expect(detectFormat('junk', text('hello'))).toBe('wasm');
  });
});

describe('formatting helpers', () => {
  test('signatures', () => {
    expect(signatureText(['i32', 'i64'], ['f32'], 0)).toBe('(i32, i64) -> f32');
    expect(signatureText([], [], 0)).toBe('() -> ()');
    expect(signatureText(['v128'], ['i32', 'externref'], 0)).toBe('(v128) -> (i32, externref)');
    expect(signatureText(null, null, 7)).toBe('type 7 (no such type)');
  });

  test('page-multiple byte counts use exact binary units', () => {
    expect(bytesText(65536)).toBe('64 KiB');
    expect(bytesText(17 * 65536)).toBe('1088 KiB');
    expect(bytesText(256 * 65536)).toBe('16 MiB');
    expect(bytesText(65536 * 65536)).toBe('4 GiB');
    expect(bytesText(0)).toBe('0 bytes');
  });

  test('constant expressions', () => {
    const expr = (instrs: Parameters<typeof constExprText>[0]['instrs']) => constExprText({ start: 0, end: 0, instrs });
    expect(expr([{ op: 'i64.const', value: -5n, offset: 0 }])).toBe('i64.const -5');
    expect(expr([{ op: 'f32.const', bits: 0x3fc00000, offset: 0 }])).toBe('f32.const 1.5');
    expect(expr([{ op: 'f64.const', bits: 0xbff0000000000000n, offset: 0 }])).toBe('f64.const -1');
    expect(expr([{ op: 'ref.func', index: 3, offset: 0 }])).toBe('ref.func 3');
    expect(expr([{ op: 'global.get', index: 1, offset: 0 }])).toBe('global.get 1');
    expect(expr([{ op: 'ref.null', type: 'externref', offset: 0 }])).toBe('ref.null extern');
  });
});
