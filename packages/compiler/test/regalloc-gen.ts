// Random structured VCode programs for the toy ISA of regalloc-helpers.ts: straight-line
// code (ALU, two-address, early-def, fixed-register shifts, calls, indirect calls, explicit
// stack slots and physical registers), diamonds with join parameters, loops whose back
// edges permute their parameters, and bursts of many simultaneously live values.
import type { Reg } from '../src/index.js';
import { R2, R3, ToyBuilder, type ToyInst } from './regalloc-helpers.js';
import type { VCode } from '../src/index.js';

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (seed * 0x9e3779b1 + 0x7f4a7c15) >>> 0 || 1;
  }
  next(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  int(n: number): number {
    return this.next() % n;
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

interface Env {
  ints: Reg[];
  floats: Reg[];
}

export interface GenOptions {
  maxDepth: number;
  maxItems: number;
  /** Largest number of values kept available (more means more pressure). */
  maxLive: number;
  /** Chance that a call the generator picks is really made. */
  callRate: number;
  /** Items of the function body itself (default: like any region), for big functions. */
  topItems?: number;
}

const DEFAULTS: GenOptions = { maxDepth: 3, maxItems: 5, maxLive: 10, callRate: 1 };

export function randomProgram(seed: number, options: Partial<GenOptions> = {}): VCode<ToyInst> {
  return new ProgramGen(new Rng(seed), { ...DEFAULTS, ...options }, `fuzz${seed}`).build();
}

class ProgramGen {
  private readonly b: ToyBuilder;
  private slots = 0;

  constructor(
    private readonly rng: Rng,
    private readonly opts: GenOptions,
    name: string,
  ) {
    this.b = new ToyBuilder(name);
  }

  build(): VCode<ToyInst> {
    const { b } = this;
    const a0 = b.int();
    const a1 = b.int();
    b.at(b.block([a0, a1])).add({ op: 'args', dsts: [a0, a1] });
    const env: Env = { ints: [a0, a1], floats: [] };
    this.region(env, 0, this.opts.topItems);
    let acc = env.ints[0];
    for (const v of env.ints.slice(1)) acc = b.op('add', acc, v);
    for (const f of env.floats) {
      const i = b.int();
      b.add({ op: 'ftoi', dst: i, a: f });
      acc = b.op('xor', acc, i);
    }
    b.ret(acc);
    return b.vcode;
  }

  private region(env: Env, depth: number, count?: number): void {
    const items = count ?? 1 + this.rng.int(this.opts.maxItems);
    for (let k = 0; k < items; k++) {
      const r = this.rng.int(100);
      if (r < 40 || depth >= this.opts.maxDepth) this.straight(env, 1 + this.rng.int(6));
      else if (r < 60) this.diamond(env, depth);
      else if (r < 76) this.loop(env, depth);
      else if (r < 84) this.switch(env, depth);
      else if (r < 92) this.pressure(env);
      else this.straight(env, 3);
      this.trim(env);
    }
  }

  private trim(env: Env): void {
    while (env.ints.length > this.opts.maxLive) env.ints.splice(this.rng.int(env.ints.length), 1);
    while (env.floats.length > 3) env.floats.splice(this.rng.int(env.floats.length), 1);
  }

  private newInt(env: Env, inst: (dst: Reg) => ToyInst): Reg {
    const dst = this.b.int();
    this.b.add(inst(dst));
    env.ints.push(dst);
    return dst;
  }

  private straight(env: Env, count: number): void {
    const { b, rng } = this;
    const pick = (): Reg => rng.pick(env.ints);
    for (let k = 0; k < count; k++) {
      let kind = rng.int(19);
      if ((kind === 6 || kind === 7) && !rng.chance(this.opts.callRate)) kind = 1;
      switch (kind) {
        case 0:
          this.newInt(env, (dst) => ({ op: 'const', dst, value: rng.int(1000) - 500 }));
          break;
        case 1:
        case 2: {
          const op = rng.pick(['add', 'sub', 'mul', 'xor'] as const);
          this.newInt(env, (dst) => ({ op, dst, a: pick(), b: pick() }));
          break;
        }
        case 3: {
          const dst = b.int();
          b.add({ op: 'mov', dst, src: pick() });
          b.add({ op: 'addm', dst, b: pick() });
          env.ints.push(dst);
          break;
        }
        case 4:
          this.newInt(env, (dst) => ({ op: 'xorEarly', dst, a: pick(), b: pick() }));
          break;
        case 5:
          this.newInt(env, (dst) => ({ op: 'shl', dst, a: pick(), count: pick() }));
          break;
        case 6: {
          const args = [pick(), pick()].slice(0, rng.int(3));
          if (rng.chance(0.8)) this.newInt(env, (dst) => ({ op: 'call', dst, args }));
          else b.add({ op: 'call', args });
          break;
        }
        case 7: {
          const args = [pick(), pick()].slice(0, rng.int(3));
          this.newInt(env, (dst) => ({ op: 'callind', dst, target: pick(), args }));
          break;
        }
        case 8: {
          const f = b.float();
          b.add({ op: 'itof', dst: f, a: pick() });
          env.floats.push(f);
          break;
        }
        case 9:
          if (env.floats.length > 0) {
            const f = b.float();
            b.add({ op: 'fadd', dst: f, a: rng.pick(env.floats), b: rng.pick(env.floats) });
            env.floats.push(f);
          }
          break;
        case 10:
          if (env.floats.length > 0) this.newInt(env, (dst) => ({ op: 'ftoi', dst, a: rng.pick(env.floats) }));
          break;
        case 11:
          this.newInt(env, (dst) => ({ op: 'mov', dst, src: pick() }));
          break;
        case 12: {
          const slot = b.vcode.newStackSlot(8, 8);
          this.slots++;
          b.add({ op: 'stslot', slot, src: pick() });
          this.straight(env, rng.int(3));
          this.newInt(env, (dst) => ({ op: 'ldslot', dst, slot }));
          break;
        }
        case 13: {
          // A physical register holds a value across a few simple instructions.
          const preg = rng.pick([R2, R3]);
          b.add({ op: 'setpreg', preg, src: pick() });
          for (let j = rng.int(3); j > 0; j--) {
            const op = rng.pick(['add', 'xor'] as const);
            this.newInt(env, (dst) => ({ op, dst, a: pick(), b: pick() }));
          }
          this.newInt(env, (dst) => ({ op: 'getpreg', dst, preg }));
          break;
        }
        case 14:
          if (rng.chance(0.1)) {
            b.add({ op: 'trapif', cond: pick(), code: 1 + rng.int(3) });
          } else {
            const zero = b.op('xor', env.ints[0], env.ints[0]);
            b.add({ op: 'trapif', cond: zero, code: 7 });
          }
          break;
        case 15: {
          const dst = b.int();
          b.add({ op: 'mov', dst, src: pick() });
          b.add({ op: 'addm', dst, b: dst });
          env.ints.push(dst);
          break;
        }
        case 16: {
          const dst = b.int();
          b.add({ op: 'mov', dst, src: pick() });
          b.add({ op: 'mulfix', dst, src: pick() });
          env.ints.push(dst);
          break;
        }
        case 17: {
          const q = b.int();
          const r = b.int();
          b.add({ op: 'divlike', q, r, a: pick(), b: pick() });
          env.ints.push(q, r);
          break;
        }
        case 18:
          this.newInt(env, (dst) => ({ op: 'efix', dst, a: pick(), b: pick() }));
          break;
      }
    }
  }

  private diamond(env: Env, depth: number): void {
    const { b, rng } = this;
    const cond = rng.pick(env.ints);
    const thenB = b.block();
    const elseB = b.block();
    b.brif(cond, thenB, elseB);
    const ends: { block: number; env: Env }[] = [];
    for (const arm of rng.chance(0.5) ? [thenB, elseB] : [elseB, thenB]) {
      b.at(arm);
      const armEnv = clone(env);
      this.region(armEnv, depth + 1);
      ends.push({ block: b.current, env: armEnv });
    }
    const nInts = rng.int(4);
    const nFloats = ends.every((e) => e.env.floats.length > 0) && rng.chance(0.3) ? 1 : 0;
    const params: Reg[] = [];
    for (let k = 0; k < nInts; k++) params.push(b.int());
    for (let k = 0; k < nFloats; k++) params.push(b.float());
    const join = b.block(params);
    for (const end of ends) {
      const args = params.map((_, k) => (k < nInts ? rng.pick(end.env.ints) : rng.pick(end.env.floats)));
      b.at(end.block).jmp(join, args);
    }
    b.at(join);
    env.ints.push(...params.slice(0, nInts));
    env.floats.push(...params.slice(nInts));
  }

  /** A multiway branch; some arms are reached by several entries of the table. */
  private switch(env: Env, depth: number): void {
    const { b, rng } = this;
    const index = rng.chance(0.5) ? rng.pick(env.ints) : b.op('xor', rng.pick(env.ints), b.konst(rng.int(4)));
    const arms = Array.from({ length: 2 + rng.int(3) }, () => b.block());
    const targets = Array.from({ length: arms.length + rng.int(3) }, (_, k) => arms[k < arms.length ? k : rng.int(arms.length)]);
    b.switch(index, targets.map((block) => ({ block })));
    const ends: { block: number; env: Env }[] = [];
    for (const arm of arms) {
      b.at(arm);
      const armEnv = clone(env);
      this.region(armEnv, depth + 1);
      ends.push({ block: b.current, env: armEnv });
    }
    const params = Array.from({ length: rng.int(3) }, () => b.int());
    const join = b.block(params);
    for (const end of ends) b.at(end.block).jmp(join, params.map(() => rng.pick(end.env.ints)));
    b.at(join);
    env.ints.push(...params);
  }

  private loop(env: Env, depth: number): void {
    const { b, rng } = this;
    const n = b.konst(1 + rng.int(4));
    const carried = rng.shuffle([...env.ints]).slice(0, rng.int(5));
    const carriedFloats = env.floats.length > 0 && rng.chance(0.3) ? [rng.pick(env.floats)] : [];
    const c = b.int();
    const ps = carried.map(() => b.int());
    const fps = carriedFloats.map(() => b.float());
    const header = b.block([c, ...ps, ...fps]);
    b.jmp(header, [n, ...carried, ...carriedFloats]);
    const body = b.block();
    b.at(header).brif(c, body, -1);
    const brif = b.vcode.blocks[header].insts[0] as { else: number };
    b.at(body);
    const bodyEnv: Env = { ints: [...env.ints, c, ...ps], floats: [...env.floats, ...fps] };
    this.region(bodyEnv, depth + 1);
    const one = b.konst(1);
    const next = b.op('sub', c, one);
    // Back-edge arguments: a permutation of the parameters (cycles), or new values.
    const perm = rng.shuffle([...ps]);
    const args = ps.map((_, k) => (rng.chance(0.6) ? perm[k] : rng.pick(bodyEnv.ints)));
    const fargs = fps.map(() => rng.pick(bodyEnv.floats));
    b.jmp(header, [next, ...args, ...fargs]);
    const exit = b.block();
    brif.else = exit;
    b.vcode.blocks[header].succs[1].block = exit;
    b.at(exit);
    env.ints.push(...ps);
    env.floats.push(...fps);
  }

  private pressure(env: Env): void {
    const { b, rng } = this;
    const values: Reg[] = [];
    for (let k = 5 + rng.int(6); k > 0; k--) {
      const v = rng.chance(0.5) ? b.konst(rng.int(100)) : b.op('add', rng.pick(env.ints), rng.pick([...env.ints, ...values]));
      values.push(v);
      if (rng.chance(0.2 * this.opts.callRate)) b.add({ op: 'call', dst: b.int(), args: [v] });
    }
    let acc = values[0];
    for (const v of values.slice(1)) acc = b.op(rng.pick(['add', 'xor'] as const), acc, v);
    env.ints.push(acc, ...values.slice(0, 2));
  }
}

function clone(env: Env): Env {
  return { ints: [...env.ints], floats: [...env.floats] };
}
