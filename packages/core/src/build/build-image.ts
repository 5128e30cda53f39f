import {
  BUILTINS,
  type BuiltinName,
  type IrFunction,
  type LoweredModule,
  lowerModule,
  optimize,
  signatureSymbol,
} from '@mewz/compiler';
import { type LinkedImage, link, standardLayout, writeElf64 } from '@mewz/linker';
import type { ObjectFile } from '@mewz/object';
import { funcType, loadModule, type Module, WasmError } from '@mewz/wasm';
import type { ComponentSelection, MissingImports } from '../config/config.js';
import { CONFIG_DEFAULTS } from '../config/normalize.js';
import type { Assembler } from '../plugins/assembler.js';
import type { BackendPlugin } from '../plugins/backend.js';
import type { ComponentPlugin } from '../plugins/component.js';
import { KERNEL_WINDOW, type KernelEntry, type MemoryMap, PLATFORM_SYMBOLS, type PlatformPlugin, type StubContext } from '../plugins/platform.js';
import { bindAppImports, bindKernelImports, formatType, type ImportTarget, kernelExport } from './bind-imports.js';
import { BuildError } from './build-error.js';
import { compileKernel, defaultCacheDir } from './compile-kernel.js';
import { abs64Type, buildObject, compilerOf, type FunctionUnit, stubObject } from './emit-objects.js';
import { builtinThunk, enosysStub, type GlueData, type KernelEntries, kernelEntryFunction, mainFunction, reportTrapFunction, stubFuncRef } from './glue.js';
import { selectComponents } from './select-components.js';
import { trapInfo } from './trap-info.js';

export interface BuildInput {
  /** The app's Wasm binary. */
  app: Uint8Array;
  backend: BackendPlugin;
  platform: PlatformPlugin;
  /** Every component the build may choose from (the registry's list); the build selects. */
  components: readonly ComponentPlugin[];
  /** Default: automatic (what the app imports, plus what the platform needs). */
  selection?: ComponentSelection;
  /** Bytes: the cap on the app's linear memory, and the stack (defaults as in the config). */
  memory?: { max?: number; stack?: number };
  missingImports?: MissingImports;
  /** Where compiled kernels are cached; default `node_modules/.cache/mewz` above the current folder. */
  cacheDir?: string;
  /** Run the compiler's optimisation passes (default true). */
  optimize?: boolean;
  /** Told how long each phase took, in order (benchmarks: tools/bench's compile suite). */
  onPhase?: (phase: BuildPhase, ms: number) => void;
}

/** The phases of a build, as `onPhase` reports them. */
export type BuildPhase = 'decode' | 'kernel' | 'lower' | 'optimize' | 'backend' | 'link';

export interface BuiltImage {
  /** The ELF file. */
  elf: Uint8Array;
  image: LinkedImage;
  /** Names of the kernel components in the image, in build order. */
  components: string[];
  /** Whether the kernel module came from the cache. */
  kernelCached: boolean;
  /** Imports bound to ENOSYS stubs (`missingImports: "enosys"`), as `module.name`. */
  stubbed: string[];
}

/** Function indices of the kernel's functions carry this bit in trap reports (see the runtime's trap.ts). */
export const RUNTIME_FUNCTION_FLAG = 0x8000_0000;
/** The function index of generated glue, which has no trapping code. */
const GLUE_FUNCTION = 0xffff_ffff;

const PAGE = 0x1_0000;
const IMPORTS = 'app.imports';
const TRAP_INFO = '__mewz_trap_info';

/**
 * Builds an image: the app (untrusted) and the kernel compiled from the chosen components
 * (trusted), bound import to export, linked with the platform's stubs and layout.
 */
export async function buildImage(input: BuildInput): Promise<BuiltImage> {
  const { backend, platform } = input;
  const isa = backend.isa;
  const lap = lapTimer(input.onPhase);
  if (!platform.isas.includes(isa)) {
    throw new BuildError(`platform "${platform.name}" does not support ${isa} (it supports ${platform.isas.join(', ')})`);
  }
  const app = loadModule(input.app);
  lap('decode');
  const start = appStart(app);
  const memoryMap = platform.memoryMap(isa);
  const window = kernelWindow(platform, memoryMap);
  const maxMemory = input.memory?.max ?? CONFIG_DEFAULTS.memory.max;
  const stackSize = input.memory?.stack ?? CONFIG_DEFAULTS.memory.stack;
  checkAppMemory(app, maxMemory);

  const components = selectComponents(app, input.components, platform.components, input.selection ?? { auto: true, include: [], exclude: [], options: {} });
  const compiled = await compileKernel(components, { memoryBase: window.base, cacheDir: input.cacheDir ?? defaultCacheDir(), isa });
  lap('kernel');
  const kernel = loadKernel(compiled.wasm);
  const direct = bindKernelImports(kernel);
  const targets = bindAppImports(app, kernel, components, input.missingImports ?? CONFIG_DEFAULTS.missingImports);
  const entries = kernelEntries(app, kernel);
  const platformEntries = platformKernelEntries(platform, kernel);

  const loweredApp = lowerModule(app, { prefix: 'app', maxMemoryPages: maxMemory / PAGE });
  const loweredKernel = lowerModule(kernel, { prefix: 'kernel', trusted: true, windowBytes: window.end, directImports: direct });

  const glue = glueUnits(loweredKernel, loweredApp, entries, targets, start);
  for (const { entry, func } of platformEntries) glue.functions.push({ ir: kernelEntryFunction(entry, loweredKernel, func), funcIndex: GLUE_FUNCTION });
  const units = [instanceUnits(loweredApp, 0), instanceUnits(loweredKernel, RUNTIME_FUNCTION_FLAG), glue.functions];
  lap('lower');
  if (input.optimize ?? true) for (const list of units) for (const u of list) optimize(u.ir);
  lap('optimize');

  const compile = compilerOf(backend);
  const abs64 = abs64Type(backend);
  const objects: ObjectFile[] = [
    buildObject('app', isa, units[0], loweredApp.data, compile, abs64),
    buildObject('kernel', isa, units[1], loweredKernel.data, compile, abs64),
    buildObject('glue', isa, glue.functions, [...glue.data, { symbol: TRAP_INFO, bytes: trapInfo(names(loweredApp), names(loweredKernel)), align: 8 }], compile, abs64),
    ...platformStubs(platform, backend, { isa, backend, memoryMap, stackSize }),
  ];
  lap('backend');
  const layout = platform.layout?.(isa, { stackSize }) ?? standardLayout({ base: memoryMap.loadAddress, stackSize });
  const image = link({ objects, relocationTypes: backend.relocations, layout, entry: PLATFORM_SYMBOLS.entry });
  const elf = writeElf64(image, { machine: machineOf(isa), type: 'exec', gnuStack: platform.imageFormat.gnuStack ?? false });
  lap('link');
  return {
    elf,
    image,
    components: components.map((c) => c.name),
    kernelCached: compiled.cached,
    stubbed: targets.flatMap((t) => (t.kind === 'enosys' ? [`${t.module}.${t.name}`] : [])),
  };
}

/** Reports the time since the previous lap (or the start) as the named phase's. */
function lapTimer(onPhase: BuildInput['onPhase']): (phase: BuildPhase) => void {
  let last = performance.now();
  return (phase) => {
    if (onPhase === undefined) return;
    const now = performance.now();
    onPhase(phase, now - last);
    last = now;
  };
}

/** The app's `_start`: a WASI command's entry, `() -> ()`, defined in the app. */
function appStart(app: Module): number {
  const e = app.exports.find((x) => x.kind === 'func' && x.name === '_start');
  if (e === undefined) throw new BuildError('the app exports no "_start" function (a WASI command has one)');
  const type = funcType(app, e.index)!;
  if (type.params.length > 0 || type.results.length > 0) throw new BuildError(`the app's "_start" is ${formatType(type)}; it must be () -> ()`);
  if (e.index < app.importedFuncCount) throw new BuildError('the app\'s "_start" is an import; it must be defined by the app');
  return e.index;
}

function checkAppMemory(app: Module, maxMemory: number): void {
  const min = app.memories[0]?.type.limits.min ?? 0;
  if (min * PAGE > maxMemory) {
    throw new BuildError(`the app's memory starts at ${min} pages (${min * 64} KiB), more than the ${maxMemory / 1024} KiB memory.max allows`);
  }
}

/** The platform's trusted window: where the kernel's memory starts (`base`) and ends. */
function kernelWindow(platform: PlatformPlugin, map: MemoryMap): { base: number; end: number } {
  const region = map.regions.find((r) => r.name === KERNEL_WINDOW);
  if (region === undefined) throw new BuildError(`platform "${platform.name}" has no "${KERNEL_WINDOW}" region in its memory map`);
  const end = region.base + region.size;
  if (end > 1n << 32n || end % BigInt(PAGE) !== 0n || region.base % 16n !== 0n) {
    throw new BuildError(`platform "${platform.name}": the kernel window must end at a 64 KiB boundary at or below 4 GiB and start 16-byte aligned`);
  }
  return { base: Number(region.base), end: Number(end) };
}

function loadKernel(wasm: Uint8Array): Module {
  try {
    return loadModule(wasm);
  } catch (error) {
    if (error instanceof WasmError) throw new BuildError('the kernel module asc produced does not validate:', [error.format('kernel.wasm')]);
    throw error;
  }
}

/** The kernel exports the startup, trap and builtin glue calls, checked against their types. */
function kernelEntries(app: Module, kernel: Module): KernelEntries {
  const problems: string[] = [];
  const entry = (name: string, params: string[], results: string[], required: boolean): number | undefined => {
    const index = kernelExport(kernel, name);
    if (index === undefined) {
      if (required) problems.push(`the kernel exports no "${name}" ${formatType({ params, results } as never)}`);
      return undefined;
    }
    const type = funcType(kernel, index)!;
    if (type.params.join() !== params.join() || type.results.join() !== results.join()) {
      problems.push(`the kernel's "${name}" is ${formatType(type)}, expected ${formatType({ params, results } as never)}`);
    }
    return index;
  };
  const usesMemory = app.memories.length > 0;
  const usesTables = app.tables.length > 0;
  const builtins: Partial<Record<BuiltinName, number>> = {};
  for (const name of ['memory_new', 'memory_grow', 'table_new', 'table_grow'] as const) {
    const required = name.startsWith('memory') ? usesMemory : usesTables;
    const index = entry(name, [...BUILTINS[name].params], [...BUILTINS[name].results], required);
    if (index !== undefined) builtins[name] = index;
  }
  const entries: KernelEntries = {
    init: entry('mewz_init', ['i64'], [], false),
    attachApp: entry('mewz_attach_app', ['i64'], [], false),
    trap: entry('mewz_trap', ['i32', 'i32', 'i64'], [], true),
    builtins,
  };
  if (problems.length > 0) throw new BuildError('the kernel lacks what the image needs:', problems);
  return entries;
}

/** The kernel functions behind the platform's `kernelEntries`, each checked against the entry's types. */
export function platformKernelEntries(platform: PlatformPlugin, kernel: Module): { entry: KernelEntry; func: number }[] {
  const problems: string[] = [];
  const found: { entry: KernelEntry; func: number }[] = [];
  for (const entry of platform.kernelEntries ?? []) {
    const expected = formatType({ params: [...entry.params], results: [...entry.results] } as never);
    const index = kernelExport(kernel, entry.export);
    if (index === undefined) {
      problems.push(`the kernel exports no "${entry.export}" ${expected} (the platform's ${entry.symbol} calls it)`);
      continue;
    }
    const type = funcType(kernel, index)!;
    if (type.params.join() !== entry.params.join() || type.results.join() !== entry.results.join()) {
      problems.push(`the kernel's "${entry.export}" is ${formatType(type)}, but the platform's ${entry.symbol} calls it as ${expected}`);
      continue;
    }
    found.push({ entry, func: index });
  }
  if (problems.length > 0) throw new BuildError(`platform "${platform.name}" needs kernel exports the kernel lacks:`, problems);
  return found;
}

/** The functions of a lowered instance with their trap indices and display names. */
function instanceUnits(lowered: LoweredModule, flag: number): FunctionUnit[] {
  const { module, symbols } = lowered;
  const total = module.importedFuncCount + module.functions.length;
  const named = module.names?.functions;
  return lowered.functions.map((ir, k) => {
    // Defined functions come first, then instantiate and the invoke trampolines, which get
    // indices after the last function (names() gives them names at those indices).
    const index = k < module.functions.length ? module.importedFuncCount + k : total + (k - module.functions.length);
    const name = k < module.functions.length ? named?.get(index) : undefined;
    return { ir, funcIndex: (index | flag) >>> 0, displayName: name === undefined ? undefined : `${symbols.prefix}.${name}` };
  });
}

/** Names by trap index: the name section's, then the generated functions'. */
function names(lowered: LoweredModule): (string | undefined)[] {
  const { module } = lowered;
  const total = module.importedFuncCount + module.functions.length;
  const out: (string | undefined)[] = [];
  for (let i = 0; i < total; i++) out.push(module.names?.functions.get(i));
  out.push(`${lowered.symbols.prefix} instantiation`);
  for (const key of lowered.invokers.keys()) out.push(`${lowered.symbols.prefix} invoke ${key}`);
  return out;
}

/** Startup, builtin thunks, the trap report, ENOSYS stubs, and the app's imports array. */
function glueUnits(
  kernel: LoweredModule,
  app: LoweredModule,
  entries: KernelEntries,
  targets: readonly ImportTarget[],
  start: number,
): { functions: FunctionUnit[]; data: GlueData[] } {
  const functions: IrFunction[] = [mainFunction(kernel, app, entries, IMPORTS, start), reportTrapFunction(kernel, entries.trap!, TRAP_INFO)];
  for (const [name, index] of Object.entries(entries.builtins) as [BuiltinName, number][]) functions.push(builtinThunk(name, kernel, index));

  const data: GlueData[] = [];
  const imports: GlueData = { symbol: IMPORTS, bytes: new Uint8Array(8 * Math.max(targets.length, 1)), align: 8, refs: [] };
  const signatures = new Set<string>();
  targets.forEach((t, k) => {
    if (t.kind === 'kernel') {
      const ref = kernel.layout.funcRefs.get(t.func);
      if (ref === undefined) throw new Error(`kernel export ${t.func} has no FuncRef`);
      imports.refs!.push({ offset: 8 * k, symbol: kernel.symbols.vmctx, addend: ref });
      return;
    }
    const stub = `__mewz_enosys.${k}.${t.module}.${t.name}`;
    functions.push(enosysStub(stub, t.type));
    data.push(stubFuncRef(`${stub}.ref`, stub, t.type));
    signatures.add(signatureSymbol(t.type.params, t.type.results));
    imports.refs!.push({ offset: 8 * k, symbol: `${stub}.ref`, addend: 0 });
  });
  data.push(imports);
  for (const sym of signatures) data.push({ symbol: sym, bytes: new Uint8Array(1), align: 1, weak: true });
  return { functions: functions.map((ir) => ({ ir, funcIndex: GLUE_FUNCTION })), data };
}

/** The platform's stubs, one object each. */
function platformStubs<A extends Assembler>(platform: PlatformPlugin<A>, backend: BackendPlugin<A>, context: StubContext<A>): ObjectFile[] {
  const stubs: ObjectFile[] = [
    stubObject('platform.boot', context.isa, backend, (asm) => platform.bootStub(asm, context)),
    stubObject('platform.trap', context.isa, backend, (asm) => platform.trapStub(asm, context)),
  ];
  const builtins = platform.builtinStubs;
  if (builtins) stubs.push(stubObject('platform.builtins', context.isa, backend, (asm) => builtins.call(platform, asm, context)));
  return stubs;
}

function machineOf(isa: string): 'x86_64' | 'aarch64' {
  if (isa === 'x86_64' || isa === 'aarch64') return isa;
  throw new BuildError(`no ELF machine type for ISA "${isa}"`);
}
