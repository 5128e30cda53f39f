/**
 * Runs official spec test scripts natively: every module of a script (those without
 * imports) is lowered, compiled and linked into one executable together with a check
 * function per assertion (IR built here, compiled by this backend too) and a runtime that
 * runs each check with traps caught (`__test_run`: the trap entry unwinds to it and it
 * returns 100 + the trap code). The executable writes one 8-byte status per check to
 * stdout: 0 passed, 1 wrong result, 100 + code trapped.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionBuilder, type IrFunction, type IrType, IntCond, lowerModule, optimizeModule, TRAP_SYMBOL, trapMessage, TrapCode, type Value as IrValue } from '@mewz/compiler';
import { link, standardLayout, writeElf64 } from '@mewz/linker';
import { ObjectBuilder } from '@mewz/object';
import type { Action, Command, Script, Value } from '@mewz/spectest';
import { loadModule, type Module } from '@mewz/wasm';
import { Assembler, compileFunction, mem, r12, rax, rbp, rbx, rdi, rdx, rip, rsi, rsp, r13, r14, r15, relocationTypes, sym } from '../src/index.js';

import { addBuiltins, fn, SYS_EXIT_GROUP, TEST_STACK_BYTES } from './native-runtime.js';

const SYS_WRITE = 1;

export interface Check {
  line: number;
  what: string;
  /** Status the check must end with: 0, or 100 + trap code. */
  expect: number;
}

export interface SpecRun {
  checks: Check[];
  statuses: bigint[];
  skipped: string[];
  /** Signal or exit status when the process died before reporting every check. */
  died?: string;
}

class Skip extends Error {}

const irType = (t: string): IrType => {
  if (t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64') return t;
  throw new Skip(`${t} values`);
};

function constBits(v: Value): bigint {
  if (typeof v.value !== 'string') throw new Skip(`${v.type} value ${JSON.stringify(v.value)}`);
  irType(v.type);
  return BigInt(v.value);
}

function trapCodeOf(text: string): number {
  for (const [code, message] of Object.entries(trapMessage)) if (text.startsWith(message)) return Number(code);
  throw new Skip(`trap "${text}"`);
}

interface Instance {
  prefix: string;
  module: Module;
}

/** IR of one check: call the export with constant arguments, then compare every result. */
function checkFunction(name: string, inst: Instance, action: Action, expected: Value[] | undefined): IrFunction {
  if (action.kind !== 'invoke') throw new Skip('get action');
  const { module, prefix } = inst;
  const exp = module.exports.find((e) => e.kind === 'func' && e.name === action.field);
  if (!exp) throw new Skip(`no export ${action.field}`);
  if (exp.index < module.importedFuncCount) throw new Skip('re-exported import');
  const type = module.types[module.functions[exp.index - module.importedFuncCount]!]!;
  const b = new FunctionBuilder(name, ['i64'], ['i64']);
  const vmctx = b.current.params[0]!;
  const args = action.args.map((a, i) => b.const(irType(type.params[i]!), constBits(a)));
  const results = b.insts('call', type.results.map(irType), [vmctx, ...args], { sym: `${prefix}.f${exp.index}` });
  const fail = (cond: IrValue): void => {
    const bad = b.newBlock();
    const ok = b.newBlock();
    b.brIf(cond, bad, [], ok, []);
    b.seal(bad);
    b.seal(ok);
    b.switchTo(bad);
    b.ret([b.const('i64', 1n)]);
    b.switchTo(ok);
  };
  (expected ?? []).forEach((e, i) => {
    const t = irType(e.type);
    const r = results[i]!;
    const bitsType: IrType = t === 'f32' ? 'i32' : t === 'f64' ? 'i64' : t;
    const bits = t === bitsType ? r : b.inst('bitcast', bitsType, [r]);
    const k = (n: bigint): IrValue => b.const(bitsType, n);
    const ne = (x: IrValue, y: IrValue): IrValue => b.inst('icmp', 'i32', [x, y], { imm: IntCond.ne });
    if (e.value === 'nan:canonical' || e.value === 'nan:arithmetic') {
      const wide = bitsType === 'i64';
      const canonical = wide ? 0x7ff8000000000000n : 0x7fc00000n;
      const mask = e.value === 'nan:canonical' ? (wide ? (1n << 63n) - 1n : 0x7fffffffn) : canonical;
      fail(ne(b.inst('and', bitsType, [bits, k(mask)]), k(canonical)));
    } else {
      fail(ne(bits, k(constBits(e))));
    }
  });
  b.ret([b.const('i64', 0n)]);
  return b.finish();
}

function instantiateCheck(name: string, inst: Instance): IrFunction {
  const b = new FunctionBuilder(name, ['i64'], ['i64']);
  b.insts('call', [], [b.current.params[0]!, b.const('i64', 0n)], { sym: `${inst.prefix}.instantiate` });
  b.ret([b.const('i64', 0n)]);
  return b.finish();
}

/** The runtime: _start runs every entry through __test_run and writes its status. */
function specRuntime(entries: number): ObjectBuilder {
  const b = new ObjectBuilder('spec-runtime.o', 'x86_64');
  b.addBss('__test_jmpbuf', 8);
  fn(b, '_start', (a) => {
    const loop = a.newLabel();
    const done = a.newLabel();
    a.alu('sub', 64, rsp, 16); // keeps the 16-byte alignment; [rsp] is the write buffer
    a.lea(64, rbx, rip(sym('__test_entries'))).mov(32, r12, entries);
    a.bind(loop).test(64, r12, r12).jcc('e', done);
    a.mov(64, rdi, mem(rbx)).mov(64, rsi, mem(rbx, 8)).call(sym('__test_run'));
    a.mov(64, mem(rsp), rax);
    a.mov(32, rax, SYS_WRITE).mov(32, rdi, 1).mov(64, rsi, rsp).mov(32, rdx, 8).syscall();
    a.alu('add', 64, rbx, 16).alu('sub', 64, r12, 1).jmp(loop);
    a.bind(done).alu('xor', 32, rdi, rdi).mov(32, rax, SYS_EXIT_GROUP).syscall();
  });
  // __test_run(check, vmctx) and the trap entry share one section: a trap unwinds to `resume`.
  const a = new Assembler();
  const resume = a.newLabel();
  const trap = a.newLabel('trap');
  a.push(rbx).push(rbp).push(r12).push(r13).push(r14).push(r15).alu('sub', 64, rsp, 8);
  a.mov(64, rip(sym('__test_jmpbuf')), rsp);
  a.mov(64, rax, rsp).alu('sub', 64, rax, TEST_STACK_BYTES).mov(64, mem(rsi), rax);
  a.mov(64, rax, rdi).mov(64, rdi, rsi).alu('xor', 32, rsi, rsi).call(rax);
  a.bind(resume).alu('add', 64, rsp, 8).pop(r15).pop(r14).pop(r13).pop(r12).pop(rbp).pop(rbx).ret();
  a.bind(trap).mov(64, rsp, rip(sym('__test_jmpbuf'))).lea(32, rax, mem(rdi, 100)).jmp(resume);
  const out = a.finish();
  b.addFunction('__test_run', out.code, { relocations: out.relocations });
  b.defineSymbol(TRAP_SYMBOL, '.text.__test_run', { offset: out.labels.get('trap')!, type: 'func' });
  addBuiltins(b);
  return b;
}

export function runScript(script: Script, options: { optimize?: boolean } = {}): SpecRun {
  const skipped: string[] = [];
  const checks: Check[] = [];
  const objects = [];
  const entries: { fn: string; vmctx: string }[] = [];
  const instances = new Map<string, Instance>();
  let current: Instance | undefined;
  const m = new ObjectBuilder('checks.o', 'x86_64');
  let n = 0;
  const addCheck = (f: IrFunction, vmctx: string, check: Check): void => {
    const { code, relocations } = compileFunction(f, -1);
    m.addFunction(f.name, code, { relocations });
    entries.push({ fn: f.name, vmctx });
    checks.push(check);
  };
  /** Instances with a skipped command: what follows may depend on its side effects. */
  const tainted = new Set<Instance>();
  const instanceOf = (action: Action): Instance => {
    const inst = action.module === undefined ? current : instances.get(action.module);
    if (!inst) throw new Skip('its module is not available');
    if (tainted.has(inst)) throw new Skip('an earlier command on its module was skipped');
    return inst;
  };
  for (const command of script.commands as Command[]) {
    try {
      switch (command.kind) {
        case 'module': {
          const previous = current;
          current = undefined;
          if (command.module.moduleType !== 'binary') throw new Skip('text module');
          const module = loadModule(readFileSync(command.module.path));
          if (module.imports.length > 0) {
            // Through its imports it may change state of the instances before it.
            for (const inst of instances.values()) tainted.add(inst);
            if (previous) tainted.add(previous);
            throw new Skip('module with imports');
          }
          const prefix = `m${n++}`;
          const lowered = lowerModule(module, { prefix });
          if (options.optimize) optimizeModule(lowered);
          const b = new ObjectBuilder(`${prefix}.o`, 'x86_64');
          lowered.functions.forEach((f, i) => {
            const { code, relocations } = compileFunction(f, i < module.functions.length ? module.importedFuncCount + i : -1);
            b.addFunction(f.name, code, { relocations });
          });
          for (const d of lowered.data) {
            b.addData(d.symbol, d.writable ? 'data' : 'rodata', d.bytes, { alignment: Math.max(d.align, 1), binding: d.weak ? 'weak' : 'global' });
          }
          objects.push(b.build());
          current = { prefix, module };
          if (command.name !== undefined) instances.set(command.name, current);
          addCheck(instantiateCheck(`check${checks.length}`, current), lowered.symbols.vmctx, { line: command.line, what: 'instantiate', expect: 0 });
          break;
        }
        case 'action':
        case 'assert_return':
        case 'assert_trap':
        case 'assert_exhaustion': {
          const inst = instanceOf(command.action);
          const expected = command.kind === 'assert_return' ? command.expected : undefined;
          const expect =
            command.kind === 'assert_trap' ? 100 + trapCodeOf(command.text) : command.kind === 'assert_exhaustion' ? 100 + TrapCode.CallStackExhausted : 0;
          const f = checkFunction(`check${checks.length}`, inst, command.action, expected);
          addCheck(f, `${inst.prefix}.vmctx`, { line: command.line, what: `${command.kind} ${command.action.field}`, expect });
          break;
        }
        case 'assert_uninstantiable':
          // Not run here, but a failing instantiation leaves its effects on imported state.
          for (const inst of instances.values()) tainted.add(inst);
          if (current) tainted.add(current);
          throw new Skip('assert_uninstantiable');
        default:
          break;
      }
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
      skipped.push(`line ${command.line}: ${e.message}`);
      if (command.kind === 'action' || command.kind === 'assert_return' || command.kind === 'assert_trap' || command.kind === 'assert_exhaustion') {
        const inst = command.action.module === undefined ? current : instances.get(command.action.module);
        if (inst) tainted.add(inst);
      }
    }
  }
  if (checks.length === 0) return { checks, statuses: [], skipped };
  const table = new Uint8Array(16 * entries.length);
  const relocations = entries.flatMap((e, i) => [
    { offset: 16 * i, type: 'abs64', symbol: e.fn, addend: 0n },
    { offset: 16 * i + 8, type: 'abs64', symbol: e.vmctx, addend: 0n },
  ]);
  m.addData('__test_entries', 'rodata', table, { relocations });
  const runtime = specRuntime(entries.length);
  const image = link({
    objects: [...objects, m.build(), runtime.build()],
    relocationTypes: relocationTypes as never,
    layout: standardLayout({ base: 0x400000n }),
    entry: '_start',
  });
  const dir = mkdtempSync(join(tmpdir(), 'mewz-spec-'));
  try {
    const path = join(dir, script.name);
    writeFileSync(path, writeElf64(image, { machine: 'x86_64', type: 'exec', gnuStack: true }));
    chmodSync(path, 0o755);
    const run = spawnSync(path, [], { timeout: 60_000, maxBuffer: 1 << 26 });
    const out = run.stdout ?? Buffer.alloc(0);
    const statuses: bigint[] = [];
    for (let i = 0; i + 8 <= out.length; i += 8) statuses.push(out.readBigUInt64LE(i));
    const died = statuses.length < checks.length ? `${run.signal ?? `exit ${run.status}`}${run.error ? ` (${run.error.message})` : ''}` : undefined;
    return { checks, statuses, skipped, died };
  } finally {
    if (!process.env.KEEP_BINARY) rmSync(dir, { recursive: true, force: true });
    else console.log(dir);
  }
}

/** Failures of a run, one line each. */
export function failures(run: SpecRun): string[] {
  const out: string[] = [];
  run.checks.forEach((c, i) => {
    const s = run.statuses[i];
    if (s === undefined) {
      if (i === run.statuses.length) out.push(`line ${c.line} ${c.what}: the process died (${run.died})`);
      return;
    }
    if (s !== BigInt(c.expect)) out.push(`line ${c.line} ${c.what}: status ${s}, expected ${c.expect}`);
  });
  return out;
}
