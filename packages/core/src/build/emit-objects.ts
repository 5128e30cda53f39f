import type { IrFunction } from '@mewz/compiler';
import { ObjectBuilder, type ObjectFile, relocation, type RelocationType } from '@mewz/object';
import type { AssembledCode, Assembler } from '../plugins/assembler.js';
import type { BackendPlugin } from '../plugins/backend.js';
import { BuildError } from './build-error.js';
import type { GlueData } from './glue.js';

/** A function to compile: its IR, the index its traps report, and its name for debuggers. */
export interface FunctionUnit {
  ir: IrFunction;
  funcIndex: number;
  /** Symbol naming the code after the Wasm name (`app.main`), beside the IR symbol. */
  displayName?: string;
}

/** The backend's relocation type for an absolute 64-bit address (its data pointers). */
export function abs64Type(backend: BackendPlugin): RelocationType {
  const type = Object.values(backend.relocations).find((t) => t.kind === 'abs' && t.size === 8);
  if (type === undefined) throw new BuildError(`backend "${backend.name}" has no 64-bit absolute relocation type`);
  return type;
}

export type CompileFunction = (ir: IrFunction, funcIndex: number) => AssembledCode;

/** The backend's code generator, or an error saying it has none. */
export function compilerOf(backend: BackendPlugin): CompileFunction {
  const hooks = backend.compile;
  if (hooks === undefined) throw new BuildError(`backend "${backend.name}" cannot compile functions (it has no compile hooks)`);
  return (ir, funcIndex) => hooks.compileFunction(ir, funcIndex);
}

/**
 * One object of compiled functions and data. Each function and datum is its own section,
 * so the linker drops what nothing reaches. A function's IR symbol (`app.f12`, what code
 * refers to) is global; its display name (`app.main`) is a local function symbol covering
 * the code, which is what debuggers and profilers show.
 */
export function buildObject(name: string, isa: string, functions: readonly FunctionUnit[], data: readonly GlueData[], compile: CompileFunction, abs64: RelocationType): ObjectFile {
  const b = new ObjectBuilder(name, isa);
  // A display name must not shadow a symbol code refers to (a Wasm function named `f7` is
  // not `app.f7`, the symbol of function 7), nor repeat: such names get no alias.
  const displayNames = new Set<string>([...functions.map((u) => u.ir.name), ...data.map((d) => d.symbol)]);
  for (const unit of functions) {
    const sym = unit.ir.name;
    let out: AssembledCode;
    try {
      out = compile(unit.ir, unit.funcIndex);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`compiling ${sym}${unit.displayName ? ` (${unit.displayName})` : ''}: ${message}`, { cause: error });
    }
    const section = `.text.${sym}`;
    b.addSection(section, 'text', out.code, { alignment: 16, relocations: [...out.relocations] });
    const display = unit.displayName !== undefined && !displayNames.has(unit.displayName) ? unit.displayName : undefined;
    b.defineSymbol(sym, section, { size: display ? 0 : out.code.length, type: display ? 'none' : 'func' });
    if (display) {
      displayNames.add(display);
      b.defineSymbol(display, section, { size: out.code.length, type: 'func', binding: 'local' });
    }
  }
  for (const d of data) {
    const relocations = (d.refs ?? []).map((r) => relocation(r.offset, abs64.name, r.symbol, BigInt(r.addend)));
    const binding = d.weak ? 'weak' : 'global';
    const zero = relocations.length === 0 && d.bytes.every((x) => x === 0);
    if (zero && d.writable) b.addBss(d.symbol, d.bytes.length, { alignment: d.align, binding });
    else b.addData(d.symbol, d.writable ? 'data' : 'rodata', d.bytes, { alignment: d.align, binding, relocations });
  }
  return b.build();
}

/** An object from a platform stub: one text section; every named label becomes a global symbol. */
export function stubObject<A extends Assembler>(name: string, isa: string, backend: BackendPlugin<A>, write: (asm: A) => void): ObjectFile {
  const asm = backend.createAssembler();
  write(asm);
  const out = asm.finish();
  const section = `.text.${name}`;
  const b = new ObjectBuilder(name, isa);
  b.addSection(section, 'text', out.code, { alignment: 16, relocations: [...out.relocations] });
  for (const [label, offset] of out.labels) b.defineSymbol(label, section, { offset, type: 'func' });
  return b.build();
}
