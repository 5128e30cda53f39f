import { FunctionBuilder, IntCond, printFunction, splitCriticalEdges, successorCalls, verifyFunction, type IrFunction } from '@mewz/compiler';

/**
 * Edges from a block with several successor blocks to a block with several predecessor
 * blocks (entries of one terminator that share a target and arguments count once).
 */
function criticalEdges(f: IrFunction): string[] {
  const preds = new Map<number, Set<number>>();
  for (const b of f.blocks) for (const c of successorCalls(b.term)) preds.set(c.block.id, (preds.get(c.block.id) ?? new Set()).add(b.id));
  const found: string[] = [];
  for (const b of f.blocks) {
    const succs = new Set(successorCalls(b.term).map((c) => c.block.id));
    if (succs.size < 2) continue;
    for (const s of succs) if ((preds.get(s)?.size ?? 0) > 1) found.push(`block${b.id}→block${s}`);
  }
  return found;
}

describe('splitCriticalEdges', () => {
  it('routes a loop back edge with arguments through a new block placed after its source', () => {
    // block0 → header(i); header: br_if (i < n) header(i+1) else exit(i)
    const b = new FunctionBuilder('loop', ['i32'], ['i32']);
    const n = b.current.params[0];
    const header = b.newBlock(['i32']);
    const exit = b.newBlock(['i32']);
    b.jump(header, [b.const('i32', 0n)]);
    b.switchTo(header);
    const i = header.params[0];
    const next = b.inst('add', 'i32', [i, b.const('i32', 1n)]);
    b.brIf(b.inst('icmp', 'i32', [next, n], { imm: IntCond.lt_s }), header, [next], exit, [next]);
    b.switchTo(exit);
    b.ret([exit.params[0]]);
    const f = b.finish();
    expect(criticalEdges(f)).toEqual(['block1→block1']);

    expect(splitCriticalEdges(f)).toBe(1);
    expect(verifyFunction(f)).toEqual([]);
    expect(criticalEdges(f)).toEqual([]);
    expect(f.blocks.map((blk) => blk.id)).toEqual([0, 1, 2, 3]);
    const text = printFunction(f);
    // The new block sits right after the loop block and carries the argument.
    expect(text).toMatch(/block1\(v\d+: i32\):[\s\S]*br_if v\d+, block2\(\), block3\(v\d+\)\nblock2\(\):\n {2}jump block1\(v\d+\)/);
    expect(splitCriticalEdges(f)).toBe(0);
  });

  it('shares one new block among br_table entries with the same target and arguments', () => {
    const b = new FunctionBuilder('table', ['i32'], []);
    const x = b.current.params[0];
    const join = b.newBlock();
    const other = b.newBlock();
    b.brTable(
      x,
      [
        { block: join, args: [] },
        { block: other, args: [] },
        { block: join, args: [] },
      ],
      { block: join, args: [] },
    );
    b.switchTo(other);
    b.jump(join);
    b.switchTo(join);
    b.ret([]);
    const f = b.finish();
    expect(splitCriticalEdges(f)).toBe(1);
    expect(verifyFunction(f)).toEqual([]);
    expect(criticalEdges(f)).toEqual([]);
    const term = f.blocks[0].term!;
    expect(term.kind).toBe('br_table');
    const targets = successorCalls(term).map((c) => c.block.id);
    expect(targets).toEqual([1, 3, 1, 1]);
    expect(splitCriticalEdges(f)).toBe(0);
  });

  it('splits the two arms of a br_if to one block with different arguments', () => {
    const b = new FunctionBuilder('arms', ['i32'], ['i32']);
    const x = b.current.params[0];
    const join = b.newBlock(['i32']);
    b.brIf(x, join, [b.const('i32', 1n)], join, [b.const('i32', 2n)]);
    b.switchTo(join);
    b.ret([join.params[0]]);
    const f = b.finish();
    expect(splitCriticalEdges(f)).toBe(2);
    expect(verifyFunction(f)).toEqual([]);
    const term = f.blocks[0].term!;
    expect(successorCalls(term).map((c) => [c.block.id, c.args.length])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(splitCriticalEdges(f)).toBe(0);
  });

  it('leaves a br_if whose arms are the same edge alone', () => {
    const b = new FunctionBuilder('same', ['i32'], []);
    const join = b.newBlock();
    b.brIf(b.current.params[0], join, [], join, []);
    b.switchTo(join);
    b.ret([]);
    const f = b.finish();
    expect(splitCriticalEdges(f)).toBe(0);
  });
});
