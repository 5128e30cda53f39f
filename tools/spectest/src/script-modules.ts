import type { Module } from '@mewz/wasm';
import type { Action, Command } from './commands.js';
import type { Outcome } from './executor.js';
import { HOST_MODULE_NAME } from './host-module.js';
import type { ExportTable } from './linker.js';

export const PASSED: Outcome = { status: 'passed' };
export const UNCOUNTED: Outcome = { status: 'uncounted' };
export const failed = (message: string): Outcome => ({ status: 'failed', message });
export const skipped = (reason: string): Outcome => ({ status: 'skipped', reason });

/** A module of the script: instantiated (`I` is the mode's handle on it), or why not (later commands on it share the outcome). */
export type ModuleState<I> = { ok: true; instance: I } | { ok: false; outcome: Outcome };

/** A registered name: an export table, or the reason the module behind it is unavailable. */
type Registered<A> = { ok: true; exports: ExportTable<A> } | { ok: false; outcome: Outcome };

/**
 * What the commands of a script refer to, the same in every mode: the current module,
 * modules by `$name`, and the names `register` gives export tables (the host module's
 * is `spectest`).
 */
export class ScriptModules<I, A> {
  private readonly registry = new Map<string, Registered<A>>();
  private readonly named = new Map<string, ModuleState<I>>();
  private current: ModuleState<I> | undefined;

  constructor(
    host: ExportTable<A>,
    /** The export table of an instance (for `register`). */
    private readonly exportsOf: (instance: I) => ExportTable<A>,
  ) {
    this.registry.set(HOST_MODULE_NAME, { ok: true, exports: host });
  }

  /** A `module` command's module becomes the current one, and is known by its name. */
  define(name: string | undefined, state: ModuleState<I>): void {
    this.current = state;
    if (name !== undefined) this.named.set(name, state);
  }

  register(command: Command & { kind: 'register' }): Outcome {
    const state = command.name === undefined ? this.current : this.named.get(command.name);
    if (!state) return failed(`register: no module ${command.name ?? '(current)'}`);
    this.registry.set(command.as, state.ok ? { ok: true, exports: this.exportsOf(state.instance) } : { ok: false, outcome: state.outcome });
    return UNCOUNTED;
  }

  /** The export table registered as `name`, if it is available. */
  exports(name: string): ExportTable<A> | undefined {
    const r = this.registry.get(name);
    return r?.ok ? r.exports : undefined;
  }

  /** The first import from a registered module that is unavailable, as the outcome to share. */
  unavailableImport(module: Module): Outcome | undefined {
    for (const imp of module.imports) {
      const r = this.registry.get(imp.module);
      if (r && !r.ok) return r.outcome.status === 'skipped' ? r.outcome : skipped(`imports from "${imp.module}", which failed to instantiate`);
    }
    return undefined;
  }

  /** The instance an action addresses, or the outcome that replaces running it. */
  target(action: Action): { instance: I } | { outcome: Outcome } {
    const state = action.module === undefined ? this.current : this.named.get(action.module);
    if (!state) return { outcome: failed(`no module ${action.module ?? '(current)'}`) };
    if (!state.ok) {
      const o = state.outcome;
      return { outcome: o.status === 'skipped' ? o : failed(`module unavailable: ${o.status === 'failed' ? o.message.split('\n')[0] : ''}`) };
    }
    return { instance: state.instance };
  }
}
