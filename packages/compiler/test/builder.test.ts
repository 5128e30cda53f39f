import { computeCfg, DominatorTree, FunctionBuilder, IntCond, printFunction, verifyFunction } from '@mewz/compiler';

/** sum(n) = 0 + 1 + … + (n-1), written the way the Wasm lowering drives the builder. */
function buildSumLoop() {
  const b = new FunctionBuilder('sum', ['i32'], ['i32']);
  const n = b.current.params[0];
  const i = b.declareVar('i32');
  const acc = b.declareVar('i32');
  b.defVar(i, b.const('i32', 0n));
  b.defVar(acc, b.const('i32', 0n));
  const header = b.newBlock();
  const body = b.newBlock();
  const exit = b.newBlock();
  b.jump(header);
  b.switchTo(header); // not sealed: the back edge is not known yet
  const iv = b.useVar(i);
  const more = b.inst('icmp', 'i32', [iv, n], { imm: IntCond.lt_s });
  b.brIf(more, body, [], exit, []);
  b.seal(body);
  b.switchTo(body);
  b.defVar(acc, b.inst('add', 'i32', [b.useVar(acc), b.useVar(i)]));
  b.defVar(i, b.inst('add', 'i32', [b.useVar(i), b.const('i32', 1n)]));
  b.jump(header);
  b.seal(header);
  b.seal(exit);
  b.switchTo(exit);
  b.ret([b.useVar(acc)]);
  return b.finish();
}

describe('FunctionBuilder', () => {
  it('builds SSA form for a loop with block parameters for the loop-carried variables', () => {
    const f = buildSumLoop();
    expect(verifyFunction(f)).toEqual([]);
    const header = f.blocks[1];
    expect(header.params.map((p) => f.typeOf(p))).toEqual(['i32', 'i32']);
    const text = printFunction(f);
    expect(text).toContain('block1(v');
    expect(text).toMatch(/icmp\.i32 lt_s, v\d+, v0/);
    expect(text).toMatch(/return v\d+/);
  });

  it('reads a variable through a single predecessor without adding parameters', () => {
    const b = new FunctionBuilder('straight', ['i64'], ['i64']);
    const x = b.declareVar('i64');
    b.defVar(x, b.current.params[0]);
    const next = b.newBlock();
    b.jump(next);
    b.seal(next);
    b.switchTo(next);
    b.ret([b.useVar(x)]);
    const f = b.finish();
    expect(next.params).toEqual([]);
    expect(verifyFunction(f)).toEqual([]);
  });

  it('merges definitions from two branches with one parameter', () => {
    const b = new FunctionBuilder('diamond', ['i32'], ['i32']);
    const x = b.declareVar('i32');
    const [t, e, join] = [b.newBlock(), b.newBlock(), b.newBlock()];
    b.brIf(b.current.params[0], t, [], e, []);
    b.seal(t);
    b.seal(e);
    b.switchTo(t);
    b.defVar(x, b.const('i32', 1n));
    b.jump(join);
    b.switchTo(e);
    b.defVar(x, b.const('i32', 2n));
    b.jump(join);
    b.seal(join);
    b.switchTo(join);
    b.ret([b.useVar(x)]);
    const f = b.finish();
    expect(join.params).toHaveLength(1);
    expect(verifyFunction(f)).toEqual([]);
  });

  it('refuses to branch into a sealed block', () => {
    const b = new FunctionBuilder('f', [], []);
    const target = b.newBlock();
    b.seal(target);
    expect(() => b.jump(target)).toThrow('branch to sealed block1');
  });
});

describe('verifyFunction', () => {
  it('reports a use that its definition does not dominate', () => {
    const b = new FunctionBuilder('bad', ['i32'], ['i32']);
    const [t, e, join] = [b.newBlock(), b.newBlock(), b.newBlock()];
    b.brIf(b.current.params[0], t, [], e, []);
    b.switchTo(t);
    const one = b.const('i32', 1n);
    b.jump(join);
    b.switchTo(e);
    b.jump(join);
    b.switchTo(join);
    b.ret([one]);
    const problems = verifyFunction(b.finish());
    expect(problems).toEqual([`block3: return uses v${one}, whose definition does not dominate it`]);
  });

  it('reports argument count and type mismatches and missing terminators', () => {
    const b = new FunctionBuilder('bad', ['i32'], ['i64']);
    const target = b.newBlock(['i64']);
    b.jump(target, [b.current.params[0]]);
    const f = b.finish();
    expect(verifyFunction(f)).toEqual(['block0: argument 0 to block1 is i32, expected i64', 'block1 has no terminator']);
  });
});

describe('DominatorTree', () => {
  it('finds immediate dominators of a loop', () => {
    const f = buildSumLoop();
    const dom = new DominatorTree(f, computeCfg(f));
    const [entry, header, body, exit] = f.blocks;
    expect(Array.from(dom.idom)).toEqual([0, 0, 1, 1]);
    expect(dom.dominates(header, body)).toBe(true);
    expect(dom.dominates(body, exit)).toBe(false);
    expect(dom.dominates(entry, exit)).toBe(true);
  });
});
