// The error type and its message format: `<file>:0x<offset>: <kind>: <detail> (func <n>)`.
import { decodeModule, loadModule, validateModule, WasmError } from '../src/index.js';
import {
  body,
  codeSection,
  functionSection,
  functype,
  importEntry,
  module,
  OP,
  section,
  SEC,
  T,
  typeSection,
  vec,
} from './bytes';
import { instrList } from './disasm';
import { expectInvalid, expectMalformed } from './expect';

/** One imported function, then a defined function 1 with the given code. */
function withImport(code: number[], results: number[] = [T.i32]): Uint8Array {
  return module(
    typeSection(functype([], []), functype([], results)),
    section(SEC.import, vec([importEntry('env', 'f', [0x00, 0x00])])),
    functionSection(1),
    codeSection(body([], [...code, OP.end])),
  );
}

const F64_ZERO = [OP.f64_const, 0, 0, 0, 0, 0, 0, 0, 0];

describe('WasmError', () => {
  it('formats an invalid function body as file:offset: kind: detail (func n)', () => {
    const bytes = withImport([OP.i32_const, 1, ...F64_ZERO, OP.i32_add]);
    const err = expectInvalid(bytes, { funcIndex: 1 });
    const add = instrList(decodeModule(bytes), 1).find((i) => i.text === 'i32.add');
    expect(add).toBeDefined();
    const at = `0x${add!.offset.toString(16)}`;
    expect(err.detail).toBe('type mismatch in i32.add: expected i32, got f64');
    expect(err.format('app.wasm')).toBe(`app.wasm:${at}: invalid: type mismatch in i32.add: expected i32, got f64 (func 1)`);
    expect(err.format()).toBe(`${at}: invalid: type mismatch in i32.add: expected i32, got f64 (func 1)`);
  });

  it('is an Error whose message is the formatted text', () => {
    const bytes = withImport([...F64_ZERO]);
    let caught: unknown;
    try {
      loadModule(bytes);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(WasmError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as WasmError;
    expect(err.name).toBe('WasmError');
    expect(err.message).toBe(err.format());
    expect(String(err)).toContain(err.detail);
    expect(err.stack).toBeDefined();
  });

  it('prints the offset in lower-case hex without padding', () => {
    // push the failing instruction past offset 0xff with a long run of nops
    const bytes = withImport([...new Array(300).fill(OP.nop), ...F64_ZERO]);
    const err = expectInvalid(bytes, { funcIndex: 1 });
    expect(err.offset).toBeGreaterThan(0xff);
    expect(err.format('a.wasm')).toMatch(/^a\.wasm:0x[0-9a-f]{3}: invalid: /);
    expect(err.format('a.wasm')).toContain(`:0x${err.offset.toString(16)}:`);
  });

  it('formats a malformed header without a function', () => {
    const err = expectMalformed(Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0]));
    expect(err.funcIndex).toBeUndefined();
    expect(err.format('x.wasm')).toBe(`x.wasm:0x${err.offset.toString(16)}: malformed: ${err.detail}`);
    expect(err.format('x.wasm')).not.toContain('(func');
  });

  it('names the function of a malformed body', () => {
    const bytes = withImport([0x06]);
    const err = expectMalformed(bytes, { detail: /illegal opcode/, funcIndex: 1 });
    expect(err.format()).toMatch(/: malformed: illegal opcode.* \(func 1\)$/);
  });

  it('reports module-level invalid errors without a function', () => {
    const bytes = module(section(SEC.memory, vec([[0x01, 0x02, 0x01]])));
    const err = expectInvalid(bytes, { funcIndex: null, detail: /size minimum must not be greater than maximum/ });
    expect(err.format('m.wasm')).toBe(`m.wasm:0x${err.offset.toString(16)}: invalid: ${err.detail}`);
  });

  it('decodeModule throws only malformed and validateModule only invalid', () => {
    const invalidBytes = withImport([...F64_ZERO]);
    const m = decodeModule(invalidBytes);
    expect(() => validateModule(m)).toThrow(WasmError);
    const malformedBytes = withImport([0xff]);
    expect(() => decodeModule(malformedBytes)).toThrow(/malformed/);
  });
});
