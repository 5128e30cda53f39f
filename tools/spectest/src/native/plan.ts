import { basename } from 'node:path';
import { type LoweredModule, lowerModule, signatureKey, TrapCode, trapMessage } from '@mewz/compiler';
import type { GlueData } from '@mewz/core';
import type { Module, ValType } from '@mewz/wasm';
import type { Action, Command, ModuleFile, Script } from '../commands.js';
import type { Outcome } from '../executor.js';
import { type ActionCommand, type ActionRun, judgeAction, judgeUninstantiable } from '../judge.js';
import { type ExportTable, type Extern, exportsOf, LinkError, type Linked, resolveImports, type SizeCheck } from '../linker.js';
import { loadModuleFile, lowerForRun, SIMD } from '../module-source.js';
import { failed, type ModuleState, PASSED, ScriptModules, skipped } from '../script-modules.js';
import { ValidateExecutor } from '../validate-executor.js';
import { slotFromBits, toSlot, UnsupportedValue } from '../values.js';
import { ArgumentSlots, ref, type Ref, type TableEntry } from './command-table.js';
import type { EntryResult } from './report-lines.js';

/** Symbols of the driver's data and helper functions (see driver.ts). */
export const DRIVER_SYMBOLS = {
  commands: '__spectest_commands',
  args: '__spectest_args',
  results: '__spectest_results',
  /** `get(cell, _, results)`: copies a global's 8-byte cell to the result slots. */
  get: '__spectest_get',
  check: (n: number): string => `__spectest_check${n}`,
  imports: (prefix: string): string => `__spectest_imports.${prefix}`,
} as const;

/** An instance the image contains: a module of the script, or the host module. */
export interface PlannedInstance {
  prefix: string;
  /** Lowered, not yet optimised. */
  lowered: LoweredModule;
  imports: Extern<Ref>[];
  exports: ExportTable<Ref>;
  /** Its instantiate entry in the command table. */
  entry: number;
}

/** A generated function that traps unless imported tables and memories are big enough now. */
export interface SizeCheckFunction {
  symbol: string;
  checks: SizeCheck<Ref>[];
}

/** A command's outcome: decided while planning, or judged from the run's entry results. */
export type PlannedOutcome = Outcome | ((results: readonly EntryResult[]) => Outcome);

/** Everything a script's image holds, and how to read its run. */
export interface Plan {
  /** The host module first, then the script's modules in order. */
  instances: PlannedInstance[];
  entries: TableEntry[];
  /** What each entry does, for listings (`--keep`). */
  describe: string[];
  sizeChecks: SizeCheckFunction[];
  /** The imports array of each instance that has imports. */
  importArrays: GlueData[];
  args: GlueData;
  /** Result slots the largest invocation needs. */
  resultSlots: number;
  outcomes: PlannedOutcome[];
}

const HOST_PREFIX = 'spectest';

/** The address of a defined function's FuncRef, table, memory or global cell in an instance. */
function ownAddress(lowered: LoweredModule, kind: Extern<Ref>['kind'], index: number): Ref {
  const { layout, module, symbols } = lowered;
  const at = (offset: number | undefined): Ref => {
    if (offset === undefined || offset < 0) throw new Error(`${symbols.prefix}: no ${kind} ${index} in the instance layout`);
    return ref(symbols.vmctx, offset);
  };
  switch (kind) {
    case 'func':
      return at(layout.funcRefs.get(index));
    case 'table':
      return at(layout.ownTables[index - module.importedTableCount]);
    case 'memory':
      return at(layout.ownMemory);
    case 'global':
      return at(layout.globals[index].offset);
  }
}

/** How a function index reported by a trap reads in messages. */
function functionName(funcIndex: number): string {
  if (funcIndex === 0xffff_ffff) return 'generated code';
  if (funcIndex >= 0x8000_0000) return `mewz runtime function ${funcIndex - 0x8000_0000}`;
  return `function ${funcIndex}`;
}

const knownTrap = (code: number): code is TrapCode => Object.hasOwn(trapMessage, code);

/**
 * Decides, command by command, what the image must do and how each outcome follows from
 * the run, with the same rules as the interpreter mode: modules, names and `register` as
 * in ScriptModules, linking by resolveImports (sizes of tables and memories, which may have
 * grown at run time, are checked by a generated function where the declaration does not
 * settle them), validation assertions decided here.
 */
class Planner {
  readonly plan: Plan;
  private readonly modules: ScriptModules<PlannedInstance, Ref>;
  private readonly validator = new ValidateExecutor().startScript();
  private readonly argSlots = new ArgumentSlots();

  constructor(host: Module) {
    this.plan = { instances: [], entries: [], describe: [], sizeChecks: [], importArrays: [], args: { symbol: '', bytes: new Uint8Array(0), align: 8 }, resultSlots: 1, outcomes: [] };
    const lowered = lowerModule(host, { prefix: HOST_PREFIX });
    const instance = this.addInstance(lowered, { imports: [], sizeChecks: [] }, 0, undefined, 'instantiate the host module');
    this.modules = new ScriptModules(instance.exports, (i) => i.exports);
  }

  planCommand(command: Command): PlannedOutcome {
    switch (command.kind) {
      case 'module': {
        const { state, outcome } = this.instantiate(command.module, command.line);
        this.modules.define(command.name, state);
        return outcome;
      }
      case 'register':
        return this.modules.register(command);
      case 'action':
      case 'assert_return':
      case 'assert_trap':
      case 'assert_exhaustion':
        return this.action(command);
      case 'assert_malformed':
      case 'assert_invalid':
        return this.validator.execute(command);
      case 'assert_unlinkable':
        return this.unlinkable(command.module, command.line, command.text);
      case 'assert_uninstantiable':
        // Never the current module: later commands cannot name it.
        return this.instantiate(command.module, command.line, command.text).outcome;
    }
  }

  finish(): Plan {
    this.plan.args = this.argSlots.data(DRIVER_SYMBOLS.args);
    return this.plan;
  }

  private entry(entry: TableEntry, what: string): number {
    this.plan.entries.push(entry);
    this.plan.describe.push(what);
    return this.plan.entries.length - 1;
  }

  private link(module: Module): Linked<Ref> {
    return resolveImports(module, {
      registry: (name) => this.modules.exports(name),
      // The declared size: what the object had when it was made. It may have grown since,
      // so a larger minimum is checked when the importer is instantiated.
      limits: (e) => e.type.limits,
      sizesMayGrow: true,
    });
  }

  /** An entry running a generated function that traps unless the size checks hold. */
  private sizeCheckEntry(checks: SizeCheck<Ref>[], line: number): number | undefined {
    if (checks.length === 0) return undefined;
    const symbol = DRIVER_SYMBOLS.check(this.plan.sizeChecks.length);
    this.plan.sizeChecks.push({ symbol, checks });
    return this.entry({ fn: ref(symbol), line, results: 0 }, `check sizes: ${checks.map((c) => c.what).join('; ')}`);
  }

  private addInstance(lowered: LoweredModule, linked: Linked<Ref>, line: number, dep: number | undefined, what: string): PlannedInstance {
    const { symbols } = lowered;
    let importArray: Ref | undefined;
    if (linked.imports.length > 0) {
      const symbol = DRIVER_SYMBOLS.imports(symbols.prefix);
      this.plan.importArrays.push({
        symbol,
        bytes: new Uint8Array(8 * linked.imports.length),
        align: 8,
        refs: linked.imports.map((e, k) => ({ offset: 8 * k, symbol: e.address.symbol, addend: e.address.addend })),
      });
      importArray = ref(symbol);
    }
    const entry = this.entry({ fn: ref(symbols.instantiate), a0: ref(symbols.vmctx), a1: importArray, dep, line, results: 0 }, what);
    const instance: PlannedInstance = {
      prefix: symbols.prefix,
      lowered,
      imports: linked.imports,
      exports: exportsOf(lowered.module, linked.imports, (kind, index) => ownAddress(lowered, kind, index)),
      entry,
    };
    this.plan.instances.push(instance);
    return instance;
  }

  /**
   * A module (or, with `uninstantiable`, the assertion's text, a module whose
   * instantiation must trap): decoded, lowered and linked now, instantiated by its entry.
   */
  private instantiate(file: ModuleFile, line: number, uninstantiable?: string): { state: ModuleState<PlannedInstance>; outcome: PlannedOutcome } {
    const refuse = (outcome: Outcome): { state: ModuleState<PlannedInstance>; outcome: PlannedOutcome } => ({ state: { ok: false, outcome }, outcome });
    const loaded = loadModuleFile(file);
    if ('outcome' in loaded) return refuse(loaded.outcome);
    const module = loaded.module;
    const unavailable = this.modules.unavailableImport(module);
    if (unavailable) return refuse(unavailable);
    const name = basename(file.path);
    const lowered = lowerForRun(module, `m${this.plan.instances.length - 1}`, 0);
    if ('outcome' in lowered) return refuse(lowered.outcome);
    let linked: Linked<Ref>;
    try {
      linked = this.link(module);
    } catch (error) {
      if (error instanceof LinkError) return refuse(failed(`${name}: unlinkable: ${error.message}`));
      throw error;
    }
    const check = this.sizeCheckEntry(linked.sizeChecks, line);
    const instance = this.addInstance(lowered.lowered, linked, line, check, `instantiate ${name} as ${lowered.lowered.symbols.prefix}`);
    const entry = instance.entry;
    const outcome = (results: readonly EntryResult[]): Outcome => {
      const r = results[entry];
      switch (r.kind) {
        case 'returned':
          return uninstantiable === undefined ? PASSED : judgeUninstantiable(uninstantiable, undefined);
        case 'trapped':
          if (!knownTrap(r.code)) return failed(`${name}: instantiation stopped with unknown trap code ${r.code}`);
          if (uninstantiable !== undefined) return judgeUninstantiable(uninstantiable, r.code);
          return failed(`${name}: instantiation failed: trap: ${trapMessage[r.code]} (in ${functionName(r.funcIndex)})`);
        case 'not-run':
          return failed(`${name}: unlinkable: ${linked.sizeChecks.map((c) => c.what).join('; ')}`);
        case 'lost':
          return failed(`${name}: ${r.why}`);
      }
    };
    return { state: { ok: true, instance }, outcome };
  }

  private unlinkable(file: ModuleFile, line: number, text: string): PlannedOutcome {
    const loaded = loadModuleFile(file);
    if ('outcome' in loaded) return loaded.outcome;
    const unavailable = this.modules.unavailableImport(loaded.module);
    if (unavailable) return unavailable;
    const linkedWrongly = failed(`${basename(file.path)}: linked, expected unlinkable (${text})`);
    let linked: Linked<Ref>;
    try {
      linked = this.link(loaded.module);
    } catch (error) {
      if (error instanceof LinkError) return PASSED;
      throw error;
    }
    const check = this.sizeCheckEntry(linked.sizeChecks, line);
    if (check === undefined) return linkedWrongly;
    return (results) => {
      const r = results[check];
      if (r.kind === 'trapped') return PASSED;
      return r.kind === 'lost' ? failed(r.why) : linkedWrongly;
    };
  }

  private action(command: ActionCommand): PlannedOutcome {
    const planned = this.actionEntry(command.action, command.line);
    if ('outcome' in planned) return judgeAction(command, { kind: 'outcome', outcome: planned.outcome });
    const { entry, types, instance } = planned;
    return (results) => judgeAction(command, this.actionRun(results, entry, types, instance));
  }

  private actionRun(results: readonly EntryResult[], entry: number, types: readonly ValType[], instance: PlannedInstance): ActionRun {
    const r = results[entry];
    switch (r.kind) {
      case 'returned':
        return { kind: 'returned', results: types.map((t, i) => slotFromBits(t, r.bits[i] ?? 0n)) };
      case 'trapped':
        return knownTrap(r.code) ? { kind: 'trapped', code: r.code, func: functionName(r.funcIndex) } : { kind: 'error', message: `unknown trap code ${r.code}` };
      case 'not-run': {
        const why = results[instance.entry];
        return { kind: 'outcome', outcome: failed(`module unavailable: ${instance.prefix} did not instantiate${why.kind === 'lost' ? ` (${why.why})` : ''}`) };
      }
      case 'lost':
        return { kind: 'error', message: r.why };
    }
  }

  /** The entry that performs an action, with the types of its results. */
  private actionEntry(action: Action, line: number): { entry: number; types: ValType[]; instance: PlannedInstance } | { outcome: Outcome } {
    const target = this.modules.target(action);
    if ('outcome' in target) return target;
    const instance = target.instance;
    const results = ref(DRIVER_SYMBOLS.results);
    if (action.kind === 'get') {
      const g = instance.exports.get(action.field);
      if (g?.kind !== 'global') return { outcome: failed(`${action.field}: no exported global ${action.field}`) };
      if (g.type.valType === 'v128') return { outcome: skipped(`v128 global: ${SIMD}`) };
      const entry = this.entry({ fn: ref(DRIVER_SYMBOLS.get), a0: g.address, a2: results, dep: instance.entry, line, results: 1 }, `get ${instance.prefix} ${action.field}`);
      return { entry, types: [g.type.valType], instance };
    }
    const f = instance.exports.get(action.field);
    if (f?.kind !== 'func') return { outcome: failed(`${action.field}: no exported function ${action.field}`) };
    if (f.type.results.includes('v128')) return { outcome: skipped(`v128 result: ${SIMD}`) };
    let args: bigint[];
    try {
      args = action.args.map((a) => {
        const slot = toSlot(a);
        return typeof slot === 'number' ? BigInt(slot >>> 0) : slot;
      });
    } catch (error) {
      if (error instanceof UnsupportedValue) return { outcome: skipped(error.message) };
      throw error;
    }
    const trampoline = instance.lowered.invokers.get(signatureKey(f.type.params, f.type.results));
    if (trampoline === undefined) throw new Error(`${instance.prefix} has no invoke trampoline for ${action.field}`);
    this.plan.resultSlots = Math.max(this.plan.resultSlots, f.type.results.length);
    const entry = this.entry(
      { fn: ref(trampoline), a0: f.address, a1: ref(DRIVER_SYMBOLS.args, this.argSlots.add(args)), a2: results, dep: instance.entry, line, results: f.type.results.length },
      `invoke ${instance.prefix} ${action.field}`,
    );
    return { entry, types: f.type.results, instance };
  }
}

/** The plan of a script's image (`host` is the spectest host module). */
export function planScript(script: Script, host: Module): Plan {
  const planner = new Planner(host);
  for (const command of script.commands) planner.plan.outcomes.push(planner.planCommand(command));
  return planner.finish();
}

/** The outcomes of a script's commands from the results of its image's entries. */
export function judgeRun(plan: Plan, results: readonly EntryResult[]): Outcome[] {
  return plan.outcomes.map((o) => (typeof o === 'function' ? o(results) : o));
}
