import { printAllocation } from '../src/index.js';
import { randomProgram, Rng, type GenOptions } from './regalloc-gen.js';
import { compileToy, runMachine, runReference, toyIsa } from './regalloc-helpers.js';

// Differential fuzzing: random programs run (a) on the VCode with unlimited registers and
// (b) allocated, checked and emitted for the toy machine; the outcomes must agree.
const SEEDS = Number(process.env.REGALLOC_FUZZ_SEEDS ?? 200);

function fuzz(label: string, options: Partial<GenOptions>, isa = toyIsa(), seedBase = 0): void {
  test(`${label}: ${SEEDS} random programs agree with the reference`, () => {
    let compared = 0;
    for (let seed = seedBase; seed < seedBase + SEEDS; seed++) {
      const vcode = randomProgram(seed, options);
      const rng = new Rng(seed ^ 0x5a5a);
      const args = [rng.int(2000) - 1000, rng.int(2000) - 1000];
      const expected = runReference(vcode, args);
      if ('error' in expected) continue;
      let got;
      let listing = '';
      try {
        const { alloc, asm } = compileToy(vcode, isa);
        listing = printAllocation(vcode, alloc, isa);
        got = runMachine(asm, alloc.frame.size, args, undefined, undefined, isa.regs.calleeSaved);
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).stack}`);
      }
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        throw new Error(`seed ${seed}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}\n${listing}`);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(SEEDS * 0.9);
  });
}

fuzz('default mix', {});
fuzz('high pressure', { maxLive: 16, maxItems: 6 }, toyIsa(), 100_000);
fuzz('with scratch registers', { maxLive: 14 }, toyIsa({ scratch: true }), 200_000);
fuzz('a realistic register file', { maxLive: 24, maxItems: 7, callRate: 0.5 }, toyIsa({ wide: true }), 300_000);
