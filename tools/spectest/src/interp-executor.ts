import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Instance, InterpError, lowerModule, type LoweredModule, Machine, optimizeModule, type Slot, Trap, TrapCode } from '@mewz/compiler';
import { loadModule, type Module, WasmError } from '@mewz/wasm';
import type { Action, Command, ModuleFile, Script, Value } from './commands.js';
import type { Executor, Outcome, ScriptSession } from './executor.js';
import { type ExportTable, type Extern, exportsOf, externKey, LinkError, resolveImports } from './interp-linker.js';
import { formatExpected, formatSlot, matches, toSlot, UnsupportedValue } from './interp-values.js';
import { spectestModule } from './spectest-host.js';
import { ValidateExecutor } from './validate-executor.js';

const PASSED: Outcome = { status: 'passed' };
const UNCOUNTED: Outcome = { status: 'uncounted' };
const SIMD = 'SIMD is not supported yet';

const failed = (message: string): Outcome => ({ status: 'failed', message });
const skipped = (reason: string): Outcome => ({ status: 'skipped', reason });

/** A module of the script: instantiated, or why not (its later commands share the outcome). */
type ModuleState = { ok: true; instance: Instance } | { ok: false; outcome: Outcome };
/** A registered name: an export table, or the reason the module behind it is unavailable. */
type Registered = { ok: true; exports: ExportTable } | { ok: false; outcome: Outcome };

/** Whether a module uses v128 anywhere in its types, globals or locals. */
function usesV128(m: Module): boolean {
  return (
    m.types.some((t) => t.params.includes('v128') || t.results.includes('v128')) ||
    m.globals.some((g) => g.type.valType === 'v128') ||
    m.imports.some((i) => i.desc.kind === 'global' && i.desc.type.valType === 'v128') ||
    m.codes.some((c) => c.locals.some((l) => l.type === 'v128'))
  );
}

function describeError(error: unknown): string {
  if (error instanceof Trap) return `trap: ${error.message}`;
  if (error instanceof InterpError) return `interpreter: ${error.message}`;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

/** What a failure to lower means: SIMD is skipped (not supported yet), anything else fails. */
function lowerOutcome(error: unknown): Outcome {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes(SIMD)) return skipped(message);
  return failed(`lowering failed: ${describeError(error)}`);
}

export interface InterpOptions {
  /** Optimisation level: 0 runs the IR as lowered, 1 (the default) after `optimize`. */
  opt?: 0 | 1;
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

  constructor(options: InterpOptions = {}) {
    this.opt = options.opt ?? 1;
  }

  startScript(script: Script): ScriptSession {
    if (script.name.startsWith('simd_')) return { execute: () => skipped(`${script.name}: ${SIMD}`) };
    return new InterpSession(this.opt);
  }
}

class InterpSession implements ScriptSession {
  private readonly machine = new Machine();
  private readonly registry = new Map<string, Registered>();
  /** Every object made importable so far, by kind and address (keeps re-exports' true types). */
  private readonly known = new Map<string, Extern>();
  private readonly named = new Map<string, ModuleState>();
  private current: ModuleState | undefined;
  private modules = 0;
  private readonly validator: ScriptSession;

  constructor(private readonly opt: 0 | 1) {
    this.validator = new ValidateExecutor().startScript();
    const spectest = spectestModule(this.machine);
    for (const e of spectest.values()) this.known.set(externKey(e), e);
    this.registry.set('spectest', { ok: true, exports: spectest });
  }

  execute(command: Command): Outcome {
    switch (command.kind) {
      case 'module': {
        const state = this.instantiate(command.module, 'module');
        this.current = state;
        if (command.name !== undefined) this.named.set(command.name, state);
        return state.ok ? PASSED : state.outcome;
      }
      case 'register': {
        const state = command.name === undefined ? this.current : this.named.get(command.name);
        if (!state) return failed(`register: no module ${command.name ?? '(current)'}`);
        this.registry.set(command.as, state.ok ? { ok: true, exports: exportsOf(state.instance, this.known) } : { ok: false, outcome: state.outcome });
        return UNCOUNTED;
      }
      case 'action':
        return this.act(command.action, () => PASSED);
      case 'assert_return':
        return this.act(command.action, (results) => this.compare(command.expected, results));
      case 'assert_trap':
        return this.expectTrap(command.action, command.text);
      case 'assert_exhaustion':
        return this.expectTrap(command.action, command.text, TrapCode.CallStackExhausted);
      case 'assert_malformed':
      case 'assert_invalid':
        return this.validator.execute(command);
      case 'assert_unlinkable':
        return this.expectUnlinkable(command.module, command.text);
      case 'assert_uninstantiable': {
        const state = this.instantiate(command.module, 'uninstantiable', command.text);
        return state.ok ? failed(`instantiated, expected a trap (${command.text})`) : state.outcome;
      }
    }
  }

  private load(file: ModuleFile): { module: Module } | { outcome: Outcome } {
    if (file.moduleType === 'text') return { outcome: skipped('text module') };
    try {
      return { module: loadModule(readFileSync(file.path)) };
    } catch (error) {
      const what = error instanceof WasmError ? error.format(basename(file.path)) : describeError(error);
      return { outcome: failed(`${basename(file.path)}: ${what}`) };
    }
  }

  private exportsNamed(name: string): ExportTable | undefined {
    const r = this.registry.get(name);
    return r?.ok ? r.exports : undefined;
  }

  /** The first import from a registered module that is unavailable, as the outcome to share. */
  private unavailableImport(module: Module): Outcome | undefined {
    for (const imp of module.imports) {
      const r = this.registry.get(imp.module);
      if (r && !r.ok) return r.outcome.status === 'skipped' ? r.outcome : skipped(`imports from "${imp.module}", which failed to instantiate`);
    }
    return undefined;
  }

  private lower(module: Module): { lowered: LoweredModule } | { outcome: Outcome } {
    if (usesV128(module)) return { outcome: skipped(`module uses v128: ${SIMD}`) };
    let lowered: LoweredModule;
    try {
      lowered = lowerModule(module, { prefix: `m${this.modules++}` });
    } catch (error) {
      return { outcome: lowerOutcome(error) };
    }
    if (this.opt === 0) return { lowered };
    try {
      optimizeModule(lowered);
    } catch (error) {
      return { outcome: failed(`optimisation failed: ${describeError(error)}`) };
    }
    return { lowered };
  }

  /**
   * Decodes, lowers, links and instantiates. `expect` says what the script wants:
   * a module, or a trap during instantiation (then a trap is the success outcome).
   */
  private instantiate(file: ModuleFile, expect: 'module' | 'uninstantiable', text = ''): ModuleState {
    const loaded = this.load(file);
    if ('outcome' in loaded) return { ok: false, outcome: loaded.outcome };
    const module = loaded.module;
    const unavailable = this.unavailableImport(module);
    if (unavailable) return { ok: false, outcome: unavailable };
    const lowered = this.lower(module);
    if ('outcome' in lowered) return { ok: false, outcome: lowered.outcome };
    let imports: Extern[];
    try {
      imports = resolveImports(this.machine, module, (name) => this.exportsNamed(name));
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
      return { ok: true, instance };
    } catch (error) {
      if (error instanceof Trap && expect === 'uninstantiable') {
        return { ok: false, outcome: trapMatches(error, text) ? PASSED : failed(`trapped with "${error.trapMessage}", expected "${text}"`) };
      }
      return { ok: false, outcome: failed(`${basename(file.path)}: instantiation failed: ${describeError(error)}`) };
    }
  }

  private expectUnlinkable(file: ModuleFile, text: string): Outcome {
    const loaded = this.load(file);
    if ('outcome' in loaded) return loaded.outcome;
    const unavailable = this.unavailableImport(loaded.module);
    if (unavailable) return unavailable;
    try {
      resolveImports(this.machine, loaded.module, (name) => this.exportsNamed(name));
    } catch (error) {
      if (error instanceof LinkError) return PASSED;
      throw error;
    }
    return failed(`${basename(file.path)}: linked, expected unlinkable (${text})`);
  }

  /** The instance an action addresses, or the outcome that replaces running it. */
  private target(action: Action): Instance | Outcome {
    const state = action.module === undefined ? this.current : this.named.get(action.module);
    if (!state) return failed(`no module ${action.module ?? '(current)'}`);
    if (!state.ok) return state.outcome.status === 'skipped' ? state.outcome : failed(`module unavailable: ${state.outcome.status === 'failed' ? state.outcome.message.split('\n')[0] : ''}`);
    return state.instance;
  }

  /** Runs an action; `check` judges its results. Traps and internal errors fail. */
  private act(action: Action, check: (results: Slot[]) => Outcome): Outcome {
    const run = this.run(action);
    if ('outcome' in run) return run.outcome;
    if ('error' in run) return failed(`${action.field}: ${describeError(run.error)}`);
    return check(run.results);
  }

  private run(action: Action): { results: Slot[]; types: Value['type'][] } | { error: unknown } | { outcome: Outcome } {
    const instance = this.target(action);
    if (!(instance instanceof Instance)) return { outcome: instance };
    if (action.kind === 'get') {
      try {
        const type = instance.globalType(action.field);
        if (type === 'v128') return { outcome: skipped(`v128 global: ${SIMD}`) };
        return { results: [instance.global(action.field)], types: [type] };
      } catch (error) {
        return { error };
      }
    }
    let args: Slot[];
    try {
      args = action.args.map(toSlot);
    } catch (error) {
      if (error instanceof UnsupportedValue) return { outcome: skipped(error.message) };
      throw error;
    }
    try {
      const type = instance.funcType(action.field);
      if (type.results.includes('v128')) return { outcome: skipped(`v128 result: ${SIMD}`) };
      return { results: instance.invoke(action.field, args), types: type.results };
    } catch (error) {
      return { error };
    }
  }

  private compare(expected: Value[], results: Slot[]): Outcome {
    if (expected.some((e) => e.type === 'v128')) return skipped(`v128 result: ${SIMD}`);
    if (expected.length !== results.length) return failed(`${results.length} results, expected ${expected.length}`);
    const bad = expected.findIndex((e, i) => !matches(e, results[i]));
    if (bad < 0) return PASSED;
    const got = results.map((r, i) => formatSlot(expected[i].type, r)).join(', ');
    return failed(`got ${got}; expected ${expected.map(formatExpected).join(', ')}`);
  }

  private expectTrap(action: Action, text: string, code?: TrapCode): Outcome {
    const run = this.run(action);
    if ('outcome' in run) return run.outcome;
    if ('results' in run) return failed(`${action.field}: returned ${run.results.map(String).join(', ') || 'nothing'}, expected trap "${text}"`);
    const error = run.error;
    if (!(error instanceof Trap)) return failed(`${action.field}: ${describeError(error)}`);
    if (code !== undefined ? error.code === code : trapMatches(error, text)) return PASSED;
    return failed(`${action.field}: trapped with "${error.trapMessage}" (in ${error.func}), expected "${text}"`);
  }
}

/** The script's message and ours name the same trap (either may carry extra words). */
function trapMatches(trap: Trap, text: string): boolean {
  const ours = trap.trapMessage;
  return text.startsWith(ours) || ours.startsWith(text);
}
