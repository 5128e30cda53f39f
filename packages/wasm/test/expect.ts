// Assertions shared by the test files: run the decoder/validator and check the error it
// throws (kind, offset, function index, message), with the input as hex on failure.
import { decodeModule, loadModule, validateModule, WasmError } from '../src/index.js';
import type { Module } from '../src/index.js';
import { hex } from './bytes';
import { instrList } from './disasm';

export interface ErrorExpectation {
  /** Substring or pattern the error's detail must match. */
  detail?: string | RegExp;
  /** Exact byte offset the error must report. */
  offset?: number;
  /** Offset must lie within [from, to] (inclusive). */
  offsetIn?: [number, number];
  /** Expected funcIndex (undefined means "not checked"; null means "must be absent"). */
  funcIndex?: number | null;
}

function capture(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

function check(err: unknown, kind: 'malformed' | 'invalid', exp: ErrorExpectation, bytes: Uint8Array): WasmError {
  const where = `input ${hex(bytes)}`;
  if (err === undefined) throw new Error(`expected a ${kind} WasmError but the module was accepted; ${where}`);
  if (!(err instanceof WasmError)) {
    throw new Error(`expected a ${kind} WasmError but got ${String(err)}; ${where}`, { cause: err });
  }
  const got = `got ${err.kind} @${err.offset}${err.funcIndex === undefined ? '' : ` func ${err.funcIndex}`}: ${err.detail}`;
  const fail = (what: string): never => {
    throw new Error(`${what}; ${got}; ${where}`);
  };
  if (err.kind !== kind) fail(`expected kind ${kind}`);
  if (exp.detail !== undefined) {
    const ok = typeof exp.detail === 'string' ? err.detail.includes(exp.detail) : exp.detail.test(err.detail);
    if (!ok) fail(`expected detail matching ${String(exp.detail)}`);
  }
  if (typeof err.offset !== 'number' || !Number.isInteger(err.offset) || err.offset < 0 || err.offset > bytes.length) {
    fail(`offset must be an integer within the input (0..${bytes.length})`);
  }
  if (exp.offset !== undefined && err.offset !== exp.offset) fail(`expected offset ${exp.offset}`);
  if (exp.offsetIn !== undefined && (err.offset < exp.offsetIn[0] || err.offset > exp.offsetIn[1])) {
    fail(`expected offset in [${exp.offsetIn[0]}, ${exp.offsetIn[1]}]`);
  }
  if (exp.funcIndex === null && err.funcIndex !== undefined) fail('expected no funcIndex');
  if (typeof exp.funcIndex === 'number' && err.funcIndex !== exp.funcIndex) fail(`expected funcIndex ${exp.funcIndex}`);
  return err;
}

/** decodeModule must throw a malformed WasmError matching `exp`. */
export function expectMalformed(bytes: Uint8Array, exp: ErrorExpectation = {}): WasmError {
  return check(
    capture(() => decodeModule(bytes)),
    'malformed',
    exp,
    bytes,
  );
}

/** decodeModule must succeed and validateModule must throw an invalid WasmError matching `exp`. */
export function expectInvalid(bytes: Uint8Array, exp: ErrorExpectation = {}): WasmError {
  let mod: Module;
  try {
    mod = decodeModule(bytes);
  } catch (e) {
    const detail = e instanceof WasmError ? `${e.kind} @${e.offset}: ${e.detail}` : String(e);
    throw new Error(`expected the module to decode (and then be invalid), but decoding failed: ${detail}; input ${hex(bytes)}`, {
      cause: e,
    });
  }
  const err = check(
    capture(() => validateModule(mod)),
    'invalid',
    exp,
    bytes,
  );
  // loadModule must agree with decode + validate.
  const viaLoad = capture(() => loadModule(bytes));
  if (!(viaLoad instanceof WasmError) || viaLoad.kind !== 'invalid' || viaLoad.detail !== err.detail) {
    throw new Error(`loadModule disagrees with decodeModule+validateModule: ${String(viaLoad)}; input ${hex(bytes)}`);
  }
  return err;
}

/** Decode and validate; on failure, rethrow with the error's details and the input as hex. */
export function expectValid(bytes: Uint8Array): Module {
  try {
    return loadModule(bytes);
  } catch (e) {
    const detail = e instanceof WasmError ? `${e.kind} @${e.offset}${e.funcIndex === undefined ? '' : ` func ${e.funcIndex}`}: ${e.detail}` : String(e);
    throw new Error(`expected a valid module, got ${detail}; input ${hex(bytes)}`, { cause: e });
  }
}

/** Decode only; the module may or may not validate. */
export function expectDecodes(bytes: Uint8Array): Module {
  try {
    return decodeModule(bytes);
  } catch (e) {
    const detail = e instanceof WasmError ? `${e.kind} @${e.offset}: ${e.detail}` : String(e);
    throw new Error(`expected the module to decode, got ${detail}; input ${hex(bytes)}`, { cause: e });
  }
}

export interface FuncErrorExpectation {
  /** Function index (in the function index space) the error must name. */
  funcIndex: number;
  detail?: string | RegExp;
  /**
   * The instruction the error's offset must point at, as disassembled text or a prefix of
   * it (e.g. 'i32.add', 'end', 'local.get 4'); `undefined` only checks the offset is in the body.
   */
  at?: string;
  /** When several instructions have the same text: which occurrence (0-based). */
  occurrence?: number;
}

/** Decode, validate, expect an invalid error inside the given function's body. */
export function expectInvalidFunc(bytes: Uint8Array, exp: FuncErrorExpectation): WasmError {
  const err = expectInvalid(bytes, { funcIndex: exp.funcIndex, detail: exp.detail });
  const m = decodeModule(bytes);
  const code = m.codes[exp.funcIndex - m.importedFuncCount];
  const list = instrList(m, exp.funcIndex);
  const where = `${err.format()}; body ${list.map((i) => `${i.offset}:${i.text}`).join(', ')}`;
  if (err.offset < code.bodyStart || err.offset > code.bodyEnd) {
    throw new Error(`error offset ${err.offset} is outside the body [${code.bodyStart}, ${code.bodyEnd}]; ${where}`);
  }
  if (exp.at !== undefined) {
    const at = exp.at;
    const matches = list.filter((i) => i.text === at || i.text.startsWith(`${at} `));
    const target = matches[exp.occurrence ?? 0];
    if (target === undefined) throw new Error(`no instruction '${at}' in the body; ${where}`);
    if (err.offset !== target.offset) {
      const actual = list.find((i) => i.offset === err.offset);
      throw new Error(
        `expected the error at '${at}' (offset ${target.offset}), got offset ${err.offset} (${actual?.text ?? 'not an instruction start'}); ${where}`,
      );
    }
  }
  return err;
}
