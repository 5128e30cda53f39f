// Fuzzing with a fixed seed and a fixed budget: loadModule must either accept an input or
// throw a WasmError (with a sane kind and offset); anything else is a bug. Failures print
// the seed, the iteration, how the input was made and the input as hex.
//
// Reproduce or extend locally:  FUZZ_SEED=123 FUZZ_SCALE=10 npx jest test/fuzz.test.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeModule, loadModule, WasmError } from '../src/index.js';
import { HEADER, hex, u32 } from './bytes';
import { wabtChecker, wat } from './wat';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed1234);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RANDOM_INPUTS = Math.round(20000 * SCALE);
const MUTATIONS = Math.round(60000 * SCALE);
const CORPUS_FILES = Math.round(600 * Math.min(SCALE, 8));
const DIFFERENTIAL = Math.round(15000 * SCALE);

/** mulberry32: a small, well-distributed 32-bit PRNG. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 0x100000000) * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  byte(): number {
    return this.next() & 0xff;
  }
}

interface Failure {
  iteration: number;
  how: string;
  input: Uint8Array;
  problem: string;
}

type Outcome = 'ok' | 'malformed' | 'invalid';

/** Run one input; return what is wrong (`problem`) or how it ended (`outcome`). */
function check(input: Uint8Array): { problem?: string; outcome?: Outcome } {
  let problem: string | undefined;
  let outcome: Outcome = 'ok';
  try {
    loadModule(input);
  } catch (e) {
    if (e instanceof WasmError) outcome = e.kind;
    if (!(e instanceof WasmError)) {
      problem = `threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`;
    } else if (e.kind !== 'malformed' && e.kind !== 'invalid') {
      problem = `WasmError with kind ${String(e.kind)}`;
    } else if (!Number.isInteger(e.offset) || e.offset < 0 || e.offset > input.length) {
      problem = `WasmError offset ${e.offset} outside the input (length ${input.length}): ${e.format()}`;
    } else if (e.kind === 'invalid') {
      // an invalid module must decode: decodeModule may only throw for malformed input
      try {
        decodeModule(input);
      } catch (d) {
        problem = `loadModule said invalid (${e.format()}) but decodeModule threw ${String(d)}`;
      }
    }
  }
  return problem === undefined ? { outcome } : { problem };
}

function report(name: string, failures: Failure[]): string {
  const lines = [`${failures.length} failing input(s) in ${name} (seed 0x${SEED.toString(16)})`];
  for (const f of failures.slice(0, 3)) {
    lines.push(`- iteration ${f.iteration}, ${f.how}: ${f.problem}`, `  input (${f.input.length} bytes): ${hex(f.input)}`);
  }
  if (failures.length > 3) lines.push(`  ... and ${failures.length - 3} more`);
  return lines.join('\n');
}

// ---- corpus ----------------------------------------------------------------------------

/** `<repo root>/../shared/spec/wasm-2.0/json`; FUZZ_SPEC_DIR overrides it (e.g. to try the fallback). */
const SPEC_DIR = process.env.FUZZ_SPEC_DIR ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'spec', 'wasm-2.0', 'json');

/** Modules for when the spec suite is not next to the repository. */
const FALLBACK_WAT = [
  '(module)',
  '(module (func (export "f") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))',
  `(module (memory 1 2) (data (i32.const 8) "hello") (data "passive")
     (func (param i32) (result i64) local.get 0 i64.load offset=4 align=4)
     (func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop 1)
       (memory.fill (i32.const 0) (i32.const 1) (i32.const 2)) (memory.copy (i32.const 0) (i32.const 1) (i32.const 2))))`,
  `(module (type $t (func (param i32) (result i32))) (table 4 funcref) (elem (i32.const 0) $a $a)
     (elem declare func $a) (elem funcref (ref.func $a) (ref.null func))
     (func $a (type $t) local.get 0)
     (func (param i32) (result i32) (call_indirect (type $t) (i32.const 1) (local.get 0)))
     (func (result funcref) ref.func $a) (func (result i32) (table.size 0)))`,
  `(module (global $g (mut i32) (i32.const 0)) (global f64 (f64.const 1.5)) (start $s)
     (func $s (global.set $g (i32.const 1)))
     (func (param i32) (result i32 i64)
       (block (result i32 i64)
         (i32.const 1) (i64.const 2) (br_if 0 (local.get 0)) drop drop
         (i32.const 3) (loop (param i32) (result i32) local.get 0 br_if 0) (i64.const 4)))
     (func (param i32) (result i32) (block (block (br_table 0 1 (local.get 0)))) (if (result i32) (local.get 0) (then i32.const 1) (else unreachable))))`,
  `(module (memory 1) (func (param v128 i32) (result v128)
     local.get 0 local.get 0 i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
     local.get 1 i32x4.replace_lane 2 drop
     local.get 1 local.get 0 v128.load8_lane 3 i32x4.extadd_pairwise_i16x8_s
     v128.const f32x4 1 2 3 4 f32x4.mul))`,
  `(module (import "env" "f" (func (param i64))) (import "env" "t" (table 1 externref)) (import "env" "g" (global i32))
     (func (param externref) (table.set 0 (i32.const 0) (local.get 0)) (call 0 (i64.extend_i32_s (global.get 0))))
     (func (param f32) (result i32) local.get 0 i32.trunc_sat_f32_u i32.extend8_s))`,
];

async function loadCorpus(rng: Rng): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  if (fs.existsSync(SPEC_DIR)) {
    const files = fs
      .readdirSync(SPEC_DIR)
      .filter((f) => f.endsWith('.wasm'))
      .sort();
    if (files.length > 0) {
      // a deterministic sample, so the budget does not grow with the suite
      const chosen = new Set<string>();
      while (chosen.size < Math.min(CORPUS_FILES, files.length)) chosen.add(rng.pick(files));
      return [...chosen].sort().map((f) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(SPEC_DIR, f))) }));
    }
  }
  console.warn(`fuzz: spec binaries not found at ${SPEC_DIR}; mutating ${FALLBACK_WAT.length} modules built from WAT instead`);
  return Promise.all(FALLBACK_WAT.map(async (text, i) => ({ name: `fallback-${i}`, bytes: await wat(text) })));
}

// ---- mutations ---------------------------------------------------------------------------

const INTERESTING = [0x00, 0x01, 0x0b, 0x40, 0x41, 0x60, 0x6f, 0x70, 0x7b, 0x7f, 0x80, 0xfc, 0xfd, 0xff];

interface Section {
  id: number;
  content: Uint8Array;
}

/** Split a module into top-level sections, or undefined if it does not frame cleanly. */
function sections(bytes: Uint8Array): Section[] | undefined {
  const out: Section[] = [];
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p++];
    let size = 0;
    let shift = 0;
    for (;;) {
      if (p >= bytes.length || shift > 28) return undefined;
      const b = bytes[p++];
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    if (p + size > bytes.length) return undefined;
    out.push({ id, content: bytes.subarray(p, p + size) });
    p += size;
  }
  return out;
}

/** Concatenate byte arrays. */
function join(parts: Array<Uint8Array | number[]>): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function frame(secs: Section[]): Uint8Array {
  const parts: Array<Uint8Array | number[]> = [HEADER];
  for (const s of secs) parts.push([s.id, ...u32(s.content.length)], s.content);
  return join(parts);
}

/** The bodies (locals included) of a code section, or undefined if it does not frame cleanly. */
function codeBodies(content: Uint8Array): Uint8Array[] | undefined {
  const read = (p: number): [number, number] | undefined => {
    let v = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      if (p >= content.length) return undefined;
      const byte = content[p++];
      v += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return [v, p];
    }
    return undefined;
  };
  const head = read(0);
  if (head === undefined) return undefined;
  let [n, p] = head;
  const out: Uint8Array[] = [];
  while (n-- > 0) {
    const size = read(p);
    if (size === undefined || size[1] + size[0] > content.length) return undefined;
    out.push(content.subarray(size[1], size[1] + size[0]));
    p = size[1] + size[0];
  }
  return out;
}

/** Instructions (with immediates) that the `instr` mutator inserts into bodies. */
const SNIPPETS: number[][] = [
  [0x00], [0x01], [0x0f], [0x1a], [0x1b], [0x1c, 0x01, 0x7f], [0x0b], [0x05],
  [0x02, 0x40], [0x03, 0x7f], [0x04, 0x40], [0x02, 0x00], [0x0c, 0x00], [0x0c, 0x01], [0x0d, 0x00], [0x0e, 0x01, 0x00, 0x00],
  [0x10, 0x00], [0x11, 0x00, 0x00], [0x20, 0x00], [0x21, 0x00], [0x22, 0x01], [0x23, 0x00], [0x24, 0x00],
  [0x25, 0x00], [0x26, 0x00], [0x28, 0x02, 0x00], [0x29, 0x03, 0x08], [0x36, 0x02, 0x00], [0x3f, 0x00], [0x40, 0x00],
  [0x41, 0x00], [0x42, 0x7f], [0x43, 0, 0, 0x80, 0x3f], [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  [0x45], [0x50], [0x6a], [0x7c], [0x92], [0xa0], [0xa7], [0xac], [0xbc], [0xc0],
  [0xd0, 0x70], [0xd0, 0x6f], [0xd1], [0xd2, 0x00],
  [0xfc, 0x00], [0xfc, 0x08, 0x00, 0x00], [0xfc, 0x09, 0x00], [0xfc, 0x0a, 0x00, 0x00], [0xfc, 0x0b, 0x00],
  [0xfc, 0x0c, 0x00, 0x00], [0xfc, 0x0d, 0x00], [0xfc, 0x0e, 0x00, 0x00], [0xfc, 0x0f, 0x00], [0xfc, 0x10, 0x00], [0xfc, 0x11, 0x00],
  [0xfd, 0x0c, ...new Array(16).fill(0)], [0xfd, 0x0d, ...new Array(16).fill(1)], [0xfd, 0x15, 0x03], [0xfd, 0x54, 0x00, 0x00, 0x01],
  [0xfd, 0x6e], [0xfd, 0x11], [0xfd, 0x53], [0xfd, 0xba, 0x01],
];

type Mutator = (rng: Rng, b: Uint8Array) => Uint8Array;

const MUTATORS: Record<string, Mutator> = {
  bitflip(rng, b) {
    const out = b.slice();
    if (out.length === 0) return out;
    const flips = 1 + rng.int(3);
    for (let i = 0; i < flips; i++) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return out;
  },
  replace(rng, b) {
    const out = b.slice();
    if (out.length === 0) return out;
    out[rng.int(out.length)] = rng.int(2) === 0 ? rng.byte() : rng.pick(INTERESTING);
    return out;
  },
  truncate(rng, b) {
    return b.slice(0, rng.int(b.length + 1));
  },
  insert(rng, b) {
    const at = rng.int(b.length + 1);
    const n = 1 + rng.int(4);
    const ins = Array.from({ length: n }, () => (rng.int(2) === 0 ? rng.byte() : rng.pick(INTERESTING)));
    return join([b.subarray(0, at), ins, b.subarray(at)]);
  },
  delete(rng, b) {
    const at = rng.int(b.length + 1);
    const n = 1 + rng.int(4);
    return join([b.subarray(0, at), b.subarray(at + n)]);
  },
  /** Re-encode a small LEB-looking byte with more bytes (same value), possibly too many. */
  lebStretch(rng, b) {
    if (b.length <= 8) return b.slice();
    const at = 8 + rng.int(b.length - 8);
    const v = b[at] & 0x7f;
    const width = 2 + rng.int(5); // 2..6 bytes; 6 is too long for a u32
    const enc = [v | 0x80, ...new Array(width - 2).fill(0x80), 0x00];
    return join([b.subarray(0, at), enc, b.subarray(at + 1)]);
  },
  /** Mutate inside one section and fix up its size, so that decoding gets deeper. */
  inSection(rng, b) {
    const secs = sections(b);
    if (secs === undefined || secs.length === 0) return MUTATORS.replace(rng, b);
    const i = rng.int(secs.length);
    const inner = rng.pick(['bitflip', 'replace', 'insert', 'delete', 'truncate']);
    const content = MUTATORS[inner](rng, secs[i].content);
    return frame(secs.map((s, j) => (j === i ? { id: s.id, content } : s)));
  },
  /** Swap, duplicate or drop whole sections. */
  sections(rng, b) {
    const secs = sections(b);
    if (secs === undefined || secs.length === 0) return MUTATORS.insert(rng, b);
    const out = [...secs];
    const i = rng.int(out.length);
    const j = rng.int(out.length);
    const what = rng.int(3);
    if (what === 0) [out[i], out[j]] = [out[j], out[i]];
    else if (what === 1) out.splice(j, 0, out[i]);
    else out.splice(i, 1);
    return frame(out);
  },
  /** Insert one or two instructions into a function body, fixing the body and section sizes. */
  instr(rng, b) {
    const secs = sections(b);
    const code = secs?.findIndex((s) => s.id === 10) ?? -1;
    if (secs === undefined || code < 0) return MUTATORS.insert(rng, b);
    const bodies = codeBodies(secs[code].content);
    if (bodies === undefined || bodies.length === 0) return MUTATORS.insert(rng, b);
    const k = rng.int(bodies.length);
    const at = rng.int(bodies[k].length);
    const ins = rng.int(2) === 0 ? rng.pick(SNIPPETS) : [...rng.pick(SNIPPETS), ...rng.pick(SNIPPETS)];
    bodies[k] = join([bodies[k].subarray(0, at), ins, bodies[k].subarray(at)]);
    const content: Array<Uint8Array | number[]> = [u32(bodies.length)];
    for (const body of bodies) content.push(u32(body.length), body);
    return frame(secs.map((s, j) => (j === code ? { id: s.id, content: join(content) } : s)));
  },
  /** Splice a section from another corpus module. */
  splice(rng, b) {
    const secs = sections(b);
    const other = sections(rng.pick(CORPUS_FOR_SPLICE));
    if (secs === undefined || other === undefined || other.length === 0) return MUTATORS.bitflip(rng, b);
    const s = rng.pick(other);
    const at = rng.int(secs.length + 1);
    return frame([...secs.slice(0, at), s, ...secs.slice(at)]);
  },
};
let CORPUS_FOR_SPLICE: Uint8Array[] = [];

// ---- tests --------------------------------------------------------------------------------

jest.setTimeout(120_000);

describe(`fuzz (seed 0x${SEED.toString(16)}, scale ${SCALE})`, () => {
  it(`${RANDOM_INPUTS} random byte strings behind a valid header only throw WasmError`, () => {
    const rng = new Rng(SEED);
    const failures: Failure[] = [];
    const kinds = { ok: 0, malformed: 0, invalid: 0 };
    for (let it = 0; it < RANDOM_INPUTS; it++) {
      const n = rng.int(rng.int(2) === 0 ? 16 : 200);
      const body = Array.from({ length: n }, () => (rng.int(4) === 0 ? rng.pick(INTERESTING) : rng.byte()));
      // bias the first byte towards a real section id so that decoding gets past it
      if (n > 0 && rng.int(2) === 0) body[0] = rng.int(13);
      const input = Uint8Array.from([...HEADER, ...body]);
      const { problem, outcome } = check(input);
      if (problem !== undefined) failures.push({ iteration: it, how: 'random', input, problem });
      else if (outcome !== undefined) kinds[outcome]++;
    }
    if (failures.length > 0) throw new Error(report('random inputs', failures));
    expect(kinds.malformed).toBeGreaterThan(0);
  });

  it(`${MUTATIONS} mutations of spec-suite modules only throw WasmError`, async () => {
    const rng = new Rng(SEED ^ 0x9e3779b9);
    const corpus = await loadCorpus(rng);
    CORPUS_FOR_SPLICE = corpus.map((c) => c.bytes);
    // the unmutated corpus must behave too
    const failures: Failure[] = [];
    corpus.forEach((c, i) => {
      const { problem } = check(c.bytes);
      if (problem !== undefined) failures.push({ iteration: -1 - i, how: `unmutated ${c.name}`, input: c.bytes, problem });
    });
    const names = Object.keys(MUTATORS);
    const kinds = { ok: 0, malformed: 0, invalid: 0 };
    for (let it = 0; it < MUTATIONS; it++) {
      const src = rng.pick(corpus);
      let input = src.bytes;
      const steps: string[] = [];
      const rounds = 1 + (rng.int(4) === 0 ? rng.int(3) : 0);
      for (let r = 0; r < rounds; r++) {
        const m = rng.pick(names);
        steps.push(m);
        input = MUTATORS[m](rng, input);
      }
      const { problem, outcome } = check(input);
      if (problem !== undefined) failures.push({ iteration: it, how: `${steps.join('+')} of ${src.name}`, input, problem });
      else if (outcome !== undefined) kinds[outcome]++;
    }
    if (failures.length > 0) throw new Error(report('mutations', failures));
    // the mutations must reach all three outcomes, or the fuzzer is not exercising much
    expect(kinds.ok).toBeGreaterThan(0);
    expect(kinds.malformed).toBeGreaterThan(0);
    expect(kinds.invalid).toBeGreaterThan(0);
  });

  // The validator must not accept what a second, independent validator rejects: a module
  // that loadModule accepts but is invalid would be compiled into the sandbox. (The other
  // direction is not checked: wabt 1.0.39 accepts some malformed and invalid modules, e.g.
  // data segment flags above 2, ref.null 0x6b, and a typed select in unreachable code
  // typed as unknown; the spec suite covers what loadModule must accept.)
  /** Implementation limits of wabt below what the spec allows (the spec allows 2^32 - 1 locals). */
  const WABT_LIMITS = [/function local count exceeds maximum value/];

  it(`${DIFFERENTIAL} mutated modules that loadModule accepts are accepted by wabt too`, async () => {
    const rng = new Rng(SEED ^ 0x2545f491);
    const corpus = await loadCorpus(rng);
    CORPUS_FOR_SPLICE = corpus.map((c) => c.bytes);
    const wabtCheck = await wabtChecker();
    const names = Object.keys(MUTATORS);
    const failures: Failure[] = [];
    let accepted = 0;
    for (let it = 0; it < DIFFERENTIAL; it++) {
      const src = rng.pick(corpus);
      const m = rng.int(2) === 0 ? 'instr' : rng.pick(names);
      const input = MUTATORS[m](rng, src.bytes);
      const { problem, outcome } = check(input);
      if (problem !== undefined) {
        failures.push({ iteration: it, how: `${m} of ${src.name}`, input, problem });
        continue;
      }
      if (outcome !== 'ok') continue;
      accepted++;
      const theirs = wabtCheck(input);
      if (theirs !== undefined && !WABT_LIMITS.some((re) => re.test(theirs))) {
        failures.push({ iteration: it, how: `${m} of ${src.name}`, input, problem: `loadModule accepts it, wabt rejects it: ${theirs}` });
      }
    }
    if (failures.length > 0) throw new Error(report('differential', failures));
    expect(accepted).toBeGreaterThan(DIFFERENTIAL / 20);
  });

  it('the fallback corpus (used when the spec suite is absent) assembles and loads', async () => {
    for (const text of FALLBACK_WAT) {
      const bytes = await wat(text);
      expect(() => loadModule(bytes)).not.toThrow();
    }
  });

  it('the PRNG is deterministic for a seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
  });
});
