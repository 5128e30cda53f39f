import { type BuiltinName, type IrFunction, type LoweredModule, lowerModule, optimize } from '@mewz/compiler';
import {
  abs64Type,
  bindKernelImports,
  buildObject,
  builtinThunk,
  compileKernel,
  compilerOf,
  CONFIG_DEFAULTS,
  type FunctionUnit,
  type GlueData,
  KERNEL_WINDOW,
  kernelExport,
  PLATFORM_SYMBOLS,
  reportTrapFunction,
  RUNTIME_FUNCTION_FLAG,
  standardLayout,
  stubObject,
  trapInfo,
} from '@mewz/core';
import { link, writeElf64 } from '@mewz/linker';
import type { ObjectFile } from '@mewz/object';
import { loadModule } from '@mewz/wasm';
import { REPORT_EXPORT, spectestReportComponent } from '../runtime-component.js';
import { encodeCommandTable } from './command-table.js';
import { getFunction, mainFunction, sizeCheckFunction } from './driver.js';
import { DRIVER_SYMBOLS, type Plan } from './plan.js';
import type { NativeTarget } from './target.js';

/** Function index of generated code in trap reports. */
const GENERATED = 0xffff_ffff;
const TRAP_INFO = '__mewz_trap_info';

/** The kernel every image of a target shares: the platform's runtime and the report, compiled once. */
export interface NativeKernel {
  lowered: LoweredModule;
  object: ObjectFile;
  /** Function indices of the kernel exports the driver and the glue call. */
  report: number;
  trap: number;
  builtins: Partial<Record<BuiltinName, number>>;
}

/** The functions of a lowered instance with the function indices their traps report. */
function instanceUnits(lowered: LoweredModule, flag = 0): FunctionUnit[] {
  const { module } = lowered;
  const total = module.importedFuncCount + module.functions.length;
  // Defined functions first, then instantiate and the invoke trampolines (numbered after them).
  return lowered.functions.map((ir, k) => ({ ir, funcIndex: ((k < module.functions.length ? module.importedFuncCount + k : total + k - module.functions.length) | flag) >>> 0 }));
}

/**
 * The kernel of the target's platform runtime plus the spec report component, through the
 * same steps as a real image's kernel: asc (cached by content hash), trusted lowering in
 * the platform's window, optimisation, the backend.
 */
export async function buildKernel(target: NativeTarget, cacheDir: string): Promise<NativeKernel> {
  const { backend, platform } = target;
  const window = platform.memoryMap(backend.isa).regions.find((r) => r.name === KERNEL_WINDOW);
  if (window === undefined) throw new Error(`platform ${platform.name} has no ${KERNEL_WINDOW} region`);
  const compiled = await compileKernel([...target.runtime, spectestReportComponent], { memoryBase: Number(window.base), cacheDir, isa: backend.isa });
  const module = loadModule(compiled.wasm);
  const lowered = lowerModule(module, { prefix: 'kernel', trusted: true, windowBytes: Number(window.base + window.size), directImports: bindKernelImports(module) });
  const units = instanceUnits(lowered, RUNTIME_FUNCTION_FLAG);
  for (const u of units) optimize(u.ir);
  const object = buildObject('kernel', backend.isa, units, lowered.data, compilerOf(backend), abs64Type(backend));
  const exported = (name: string): number => {
    const index = kernelExport(module, name);
    if (index === undefined) throw new Error(`the spectest kernel exports no "${name}"`);
    return index;
  };
  const builtins: Partial<Record<BuiltinName, number>> = {};
  for (const name of ['memory_new', 'memory_grow', 'table_new', 'table_grow'] as const) builtins[name] = exported(name);
  return { lowered, object, report: exported(REPORT_EXPORT), trap: exported('mewz_trap'), builtins };
}

/** Bytes of stack compiled code gets (the limit check traps well before its end). */
const STACK_SIZE = CONFIG_DEFAULTS.memory.stack;

/**
 * The ELF executable of a planned script: every instance compiled with its prefix, the
 * kernel, the driver and its data, the platform's entry and builtin stubs, and the
 * target's trap catcher in place of the platform's trap stub.
 */
export function buildScriptImage(plan: Plan, target: NativeTarget, kernel: NativeKernel, opt: 0 | 1): Uint8Array {
  const { backend, platform } = target;
  const isa = backend.isa;
  const compile = compilerOf(backend);
  const abs64 = abs64Type(backend);
  const objects: ObjectFile[] = [kernel.object];
  for (const instance of plan.instances) {
    const units = instanceUnits(instance.lowered);
    if (opt === 1) for (const u of units) optimize(u.ir);
    objects.push(buildObject(instance.prefix, isa, units, instance.lowered.data, compile, abs64));
  }

  const functions: IrFunction[] = [
    mainFunction({ instances: plan.instances.map((i) => i.lowered), kernel: kernel.lowered, report: kernel.report, catchSymbol: target.catchSymbol, entries: plan.entries.length }),
    getFunction(),
    ...plan.sizeChecks.map(sizeCheckFunction),
    reportTrapFunction(kernel.lowered, kernel.trap, TRAP_INFO),
    ...(Object.entries(kernel.builtins) as [BuiltinName, number][]).map(([name, index]) => builtinThunk(name, kernel.lowered, index)),
  ];
  const data: GlueData[] = [
    encodeCommandTable(DRIVER_SYMBOLS.commands, plan.entries),
    plan.args,
    { symbol: DRIVER_SYMBOLS.results, bytes: new Uint8Array(8 * plan.resultSlots), align: 8, writable: true },
    { symbol: target.catchFrameSymbol, bytes: new Uint8Array(8), align: 8, writable: true },
    { symbol: TRAP_INFO, bytes: trapInfo([], []), align: 8 },
    ...plan.importArrays,
  ];
  const units = functions.map((ir) => ({ ir, funcIndex: GENERATED }));
  for (const u of units) optimize(u.ir);
  objects.push(buildObject('spectest.driver', isa, units, data, compile, abs64));

  const context = { isa, backend, memoryMap: platform.memoryMap(isa), stackSize: STACK_SIZE };
  objects.push(stubObject('platform.boot', isa, backend, (asm) => platform.bootStub(asm, context)));
  if (platform.builtinStubs) objects.push(stubObject('platform.builtins', isa, backend, (asm) => platform.builtinStubs!(asm, context)));
  objects.push(stubObject('spectest.catch', isa, backend, (asm) => target.catchStubs(asm)));

  const layout = platform.layout?.(isa, { stackSize: STACK_SIZE }) ?? standardLayout({ base: context.memoryMap.loadAddress, stackSize: STACK_SIZE });
  const image = link({ objects, relocationTypes: backend.relocations, layout, entry: PLATFORM_SYMBOLS.entry });
  return writeElf64(image, { machine: target.elfMachine, type: 'exec', gnuStack: platform.imageFormat.gnuStack ?? false });
}
