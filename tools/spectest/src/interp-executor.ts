import { basename } from 'node:path';
import { Instance, InterpError, lowerModule, Machine, readMemory, readTable, type Slot, Trap } from '@mewz/compiler';
import { loadModule, type Module } from '@mewz/wasm';
import type { Action, Command, ModuleFile, Script } from './commands.js';
import { type Executor, type Outcome, runSession, type ScriptSession } from './executor.js';
import { hostModuleBinary } from './host-module.js';
import { type ActionRun, judgeAction, judgeUninstantiable } from './judge.js';
import { type ExportTable, type Extern, exportsOf, LinkError, resolveImports } from './linker.js';
import { describeError, loadModuleFile, lowerForRun, SIMD } from './module-source.js';
import { failed, type ModuleState, PASSED, ScriptModules, skipped } from './script-modules.js';
import { toSlot, UnsupportedValue } from './values.js';
import { ValidateExecutor } from './validate-executor.js';

export interface InterpOptions {
  /** Optimisation level: 0 runs the IR as lowered, 1 (the default) after `optimize`. */
  opt?: 0 | 1;
}

/** An instance of the interpreter with the import values it was given. */
interface Instantiated {
  instance: Instance;
  imports: Extern<bigint>[];
}

/**
 * Runs each script on the IR interpreter: modules are decoded, validated, lowered to IR,
 * optimised (unless opt is 0) and instantiated in a simulated machine, then every
 * assertion is executed and checked. This checks the Wasm→IR lowering and the passes
 * before a backend exists.
 */
export class InterpExecutor implements Executor {
  readonly name = 'interp';
  private readonly opt: 0 | 1;
  private host: Promise<Uint8Array> | undefined;

  constructor(options: InterpOptions = {}) {
    this.opt = options.opt ?? 1;
  }

  async runScript(script: Script): Promise<Outcome[]> {
    if (script.name.startsWith('simd_')) return script.commands.map(() => skipped(`${script.name}: ${SIMD}`));
    this.host ??= hostModuleBinary();
    return runSession(new InterpSession(this.opt, loadModule(await this.host)), script);
  }
}

/** The export table of an interpreted instance: own objects at their simulated addresses. */
function instanceExports({ instance, imports }: Instantiated): ExportTable<bigint> {
  return exportsOf(instance.module, imports, (kind, index) => {
    const name = instance.module.exports.find((e) => e.kind === kind && e.index === index)!.name;
    return instance.export(name)!.address;
  });
}

class InterpSession implements ScriptSession {
  private readonly machine = new Machine();
  private readonly modules: ScriptModules<Instantiated, bigint>;
  private count = 0;
  private readonly validator: ScriptSession;

  constructor(
    private readonly opt: 0 | 1,
    host: Module,
  ) {
    this.validator = new ValidateExecutor().startScript();
    const instance = Instance.instantiate(this.machine, lowerModule(host, { prefix: 'spectest' }), []);
    this.modules = new ScriptModules(instanceExports({ instance, imports: [] }), instanceExports);
  }

  execute(command: Command): Outcome {
    switch (command.kind) {
      case 'module': {
        const state = this.instantiate(command.module);
        this.modules.define(command.name, state);
        return state.ok ? PASSED : state.outcome;
      }
      case 'register':
        return this.modules.register(command);
      case 'action':
      case 'assert_return':
      case 'assert_trap':
      case 'assert_exhaustion':
        return judgeAction(command, this.run(command.action));
      case 'assert_malformed':
      case 'assert_invalid':
        return this.validator.execute(command);
      case 'assert_unlinkable':
        return this.expectUnlinkable(command.module, command.text);
      case 'assert_uninstantiable': {
        const state = this.instantiate(command.module, command.text);
        return state.ok ? judgeUninstantiable(command.text, undefined) : state.outcome;
      }
    }
  }

  /** The limits of a table or memory now. */
  private limits = (e: Extern<bigint> & { kind: 'table' | 'memory' }) =>
    e.kind === 'table'
      ? { min: readTable(this.machine, Number(e.address)).length, max: e.type.limits.max }
      : { min: readMemory(this.machine, Number(e.address)).pages, max: e.type.limits.max };

  private link(module: Module): Extern<bigint>[] {
    return resolveImports(module, { registry: (name) => this.modules.exports(name), limits: this.limits }).imports;
  }

  /**
   * Decodes, lowers, links and instantiates. With `uninstantiable` (the assertion's text)
   * the script wants a trap during instantiation: then a trap is the success outcome.
   */
  private instantiate(file: ModuleFile, uninstantiable?: string): ModuleState<Instantiated> {
    const loaded = loadModuleFile(file);
    if ('outcome' in loaded) return { ok: false, outcome: loaded.outcome };
    const module = loaded.module;
    const unavailable = this.modules.unavailableImport(module);
    if (unavailable) return { ok: false, outcome: unavailable };
    const lowered = lowerForRun(module, `m${this.count++}`, this.opt);
    if ('outcome' in lowered) return { ok: false, outcome: lowered.outcome };
    let imports: Extern<bigint>[];
    try {
      imports = this.link(module);
    } catch (error) {
      if (error instanceof LinkError) return { ok: false, outcome: failed(`${basename(file.path)}: unlinkable: ${error.message}`) };
      throw error;
    }
    try {
      const instance = Instance.instantiate(
        this.machine,
        lowered.lowered,
        imports.map((e) => e.address),
      );
      return { ok: true, instance: { instance, imports } };
    } catch (error) {
      if (error instanceof Trap && uninstantiable !== undefined) return { ok: false, outcome: judgeUninstantiable(uninstantiable, error.code) };
      return { ok: false, outcome: failed(`${basename(file.path)}: instantiation failed: ${describe(error)}`) };
    }
  }

  private expectUnlinkable(file: ModuleFile, text: string): Outcome {
    const loaded = loadModuleFile(file);
    if ('outcome' in loaded) return loaded.outcome;
    const unavailable = this.modules.unavailableImport(loaded.module);
    if (unavailable) return unavailable;
    try {
      this.link(loaded.module);
    } catch (error) {
      if (error instanceof LinkError) return PASSED;
      throw error;
    }
    return failed(`${basename(file.path)}: linked, expected unlinkable (${text})`);
  }

  private run(action: Action): ActionRun {
    const target = this.modules.target(action);
    if ('outcome' in target) return { kind: 'outcome', outcome: target.outcome };
    const instance = target.instance.instance;
    try {
      if (action.kind === 'get') {
        const type = instance.globalType(action.field);
        if (type === 'v128') return { kind: 'outcome', outcome: skipped(`v128 global: ${SIMD}`) };
        return { kind: 'returned', results: [instance.global(action.field)] };
      }
      let args: Slot[];
      try {
        args = action.args.map(toSlot);
      } catch (error) {
        if (error instanceof UnsupportedValue) return { kind: 'outcome', outcome: skipped(error.message) };
        throw error;
      }
      const type = instance.funcType(action.field);
      if (type.results.includes('v128')) return { kind: 'outcome', outcome: skipped(`v128 result: ${SIMD}`) };
      return { kind: 'returned', results: instance.invoke(action.field, args) };
    } catch (error) {
      if (error instanceof Trap) return { kind: 'trapped', code: error.code, func: error.func };
      return { kind: 'error', message: describe(error) };
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Trap) return `trap: ${error.message}`;
  if (error instanceof InterpError) return `interpreter: ${error.message}`;
  return describeError(error);
}
