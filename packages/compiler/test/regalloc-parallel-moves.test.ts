import { sequentializeMoves } from '../src/index.js';
import { Rng } from './regalloc-gen.js';

const TEMP = -1;

/** Runs sequential copies over a store of locations and returns it. */
function run(seq: number[], init: Map<number, string>): Map<number, string> {
  const store = new Map(init);
  for (let k = 0; k < seq.length; k += 2) {
    const v = store.get(seq[k + 1]);
    if (v === undefined) throw new Error(`reads unset location ${seq[k + 1]}`);
    store.set(seq[k], v);
  }
  return store;
}

/** Checks that the sequence does what the parallel copy means. */
function expectParallel(dsts: number[], srcs: number[]): number[] {
  const init = new Map<number, string>();
  for (const l of [...dsts, ...srcs]) init.set(l, `value of ${l}`);
  const seq = sequentializeMoves(dsts, srcs);
  const after = run(seq, init);
  dsts.forEach((d, k) => expect(after.get(d)).toBe(init.get(srcs[k])));
  // Nothing else changes, except the temporary.
  for (const [l, v] of init) if (!dsts.includes(l)) expect(after.get(l)).toBe(v);
  return seq;
}

describe('sequentializeMoves', () => {
  test('independent copies need no temporary', () => {
    const seq = expectParallel([1, 2, 3], [4, 5, 6]);
    expect(seq).not.toContain(TEMP);
    expect(seq.length).toBe(6);
  });

  test('a chain is ordered so that nothing is overwritten before it is read', () => {
    const seq = expectParallel([1, 2, 3], [2, 3, 4]);
    expect(seq).toEqual([1, 2, 2, 3, 3, 4]);
  });

  test('copies to themselves vanish', () => {
    expect(sequentializeMoves([1, 2], [1, 2])).toEqual([]);
    expect(sequentializeMoves([1], [1])).toEqual([]);
  });

  test('a swap goes through one temporary', () => {
    const seq = expectParallel([1, 2], [2, 1]);
    expect(seq.filter((l, k) => k % 2 === 0 && l === TEMP).length).toBe(1);
    expect(seq.length).toBe(6);
  });

  test('a rotation of four, and a tree hanging off a cycle', () => {
    expectParallel([1, 2, 3, 4], [2, 3, 4, 1]);
    expectParallel([1, 2, 5, 6], [2, 1, 1, 2]);
  });

  test('one source copied to several destinations', () => {
    expectParallel([1, 2, 3], [9, 9, 9]);
    expectParallel([1, 2, 3], [2, 1, 1]);
  });

  test('identical duplicate copies are made once; conflicting ones are an error', () => {
    expect(expectParallel([1, 1], [2, 2]).length).toBe(2);
    expect(() => sequentializeMoves([1, 1], [2, 3])).toThrow(/twice/);
  });

  test('random parallel copies', () => {
    const rng = new Rng(7);
    for (let round = 0; round < 3000; round++) {
      const n = 1 + rng.int(8);
      const locations = rng.shuffle(Array.from({ length: 10 }, (_, k) => k + 1));
      const dsts = locations.slice(0, n);
      const srcs = dsts.map(() => 1 + rng.int(10));
      expectParallel(dsts, srcs);
    }
  });
});
