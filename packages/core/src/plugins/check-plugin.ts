import { isAbsolute } from 'node:path';
import { RELOCATION_KINDS } from '@mewz/object';
import { createAjv } from '../json-schema.js';
import { didYouMean } from '../suggest.js';
import { REGISTER_CLASSES, type RegisterClass } from './backend.js';
import { PLUGIN_API_VERSION, PLUGIN_KINDS, type PluginKind } from './plugin.js';
import { ShapeProblems, alternatives, describe, isRecord } from './shape.js';

/**
 * Checks that `value` has the shape of a plugin of `expectedKind` (or of the kind it
 * declares, when no kind is expected). Returns every problem found, as human-readable
 * lines; an empty list means the value can be used.
 *
 * Plugins come from third-party packages, so nothing about them is trusted: functions are
 * checked to be functions, data is checked down to register names.
 */
export function checkPlugin(value: unknown, expectedKind?: PluginKind): string[] {
  const p = new ShapeProblems();
  if (!isRecord(value)) {
    p.add(`expected a plugin object, got ${describe(value)}`);
    return p.list;
  }
  const kind = value.kind;
  if (kind === undefined) {
    p.add(`missing "kind"${expectedKind ? ` (expected "${expectedKind}")` : ''}`);
  } else if (expectedKind !== undefined && kind !== expectedKind) {
    p.add(`kind is ${describe(kind)}, expected "${expectedKind}"`);
    // A plugin of another kind: its other fields say nothing useful.
    if (PLUGIN_KINDS.includes(kind as PluginKind)) return p.list;
  } else if (!PLUGIN_KINDS.includes(kind as PluginKind)) {
    const hint = typeof kind === 'string' ? didYouMean(kind, PLUGIN_KINDS) : '';
    p.add(`kind is ${describe(kind)}, expected ${alternatives(PLUGIN_KINDS)}${hint}`);
  }
  p.string(value, 'name', 'name');
  p.string(value, 'description', 'description', true);
  const version = p.required(value, 'apiVersion', 'apiVersion');
  if (version !== undefined && version !== PLUGIN_API_VERSION) {
    p.add(`apiVersion ${describe(version)} is not supported (this mewz supports ${PLUGIN_API_VERSION})`);
    // Written against another API: listing its differences field by field would be noise.
    return p.list;
  }
  const checkedKind = expectedKind ?? (PLUGIN_KINDS.includes(kind as PluginKind) ? (kind as PluginKind) : undefined);
  if (checkedKind === 'backend') checkBackend(value, p);
  if (checkedKind === 'platform') checkPlatform(value, p);
  if (checkedKind === 'component') checkComponent(value, p);
  return p.list;
}

function checkBackend(value: Record<string, unknown>, p: ShapeProblems): void {
  p.string(value, 'isa', 'isa');
  p.oneOf(value, 'pointerSize', 'pointerSize', [4, 8]);
  p.oneOf(value, 'endianness', 'endianness', ['little', 'big']);

  const classes = new Map<string, RegisterClass>();
  const registers = p.array(value, 'registers', 'registers');
  if (registers?.length === 0) p.add('"registers" must not be empty');
  registers?.forEach((register, i) => {
    const path = `registers[${i}]`;
    if (!isRecord(register)) {
      p.add(`"${path}" must be an object, got ${describe(register)}`);
      return;
    }
    const name = p.string(register, 'name', `${path}.name`);
    const cls = p.oneOf(register, 'class', `${path}.class`, REGISTER_CLASSES);
    const encoding = p.required(register, 'encoding', `${path}.encoding`);
    if (encoding !== undefined && !(Number.isInteger(encoding) && (encoding as number) >= 0)) {
      p.add(`"${path}.encoding" must be a non-negative integer, got ${describe(encoding)}`);
    }
    const allocatable = p.required(register, 'allocatable', `${path}.allocatable`);
    if (allocatable !== undefined && typeof allocatable !== 'boolean') {
      p.add(`"${path}.allocatable" must be a boolean, got ${describe(allocatable)}`);
    }
    if (name === undefined) return;
    if (classes.has(name)) p.add(`"${path}.name" repeats register "${name}"`);
    else if (cls !== undefined) classes.set(name, cls);
  });
  // Without a usable register list every name would be reported unknown: skip those checks.
  const knownRegisters = registers !== undefined && classes.size > 0 ? classes : undefined;

  const cc = p.object(value, 'callingConvention', 'callingConvention');
  if (cc) checkCallingConvention(cc, knownRegisters, p);

  const relocations = p.object(value, 'relocations', 'relocations');
  for (const [name, reloc] of Object.entries(relocations ?? {})) {
    const path = `relocations.${name}`;
    if (!isRecord(reloc)) {
      p.add(`"${path}" must be an object, got ${describe(reloc)}`);
      continue;
    }
    const relocName = p.string(reloc, 'name', `${path}.name`);
    if (relocName !== undefined && relocName !== name) p.add(`"${path}.name" is "${relocName}"; it must match its key`);
    p.oneOf(reloc, 'kind', `${path}.kind`, RELOCATION_KINDS);
    const size = p.required(reloc, 'size', `${path}.size`);
    if (size !== undefined && !(Number.isInteger(size) && (size as number) > 0)) {
      p.add(`"${path}.size" must be a positive integer (bytes), got ${describe(size)}`);
    }
    p.func(reloc, 'patch', `${path}.patch`);
  }

  p.strings(value, 'intrinsics', 'intrinsics');
  p.func(value, 'createAssembler', 'createAssembler');
  const compile = p.object(value, 'compile', 'compile', true);
  if (compile) {
    p.func(compile, 'compileFunction', 'compile.compileFunction');
    p.func(compile, 'explainFunction', 'compile.explainFunction', true);
  }
}

function checkCallingConvention(
  cc: Record<string, unknown>,
  registers: ReadonlyMap<string, RegisterClass> | undefined,
  p: ShapeProblems,
): void {
  const path = 'callingConvention';
  p.string(cc, 'name', `${path}.name`);
  const known = (name: string, where: string, cls?: RegisterClass): void => {
    if (registers === undefined) return;
    const actual = registers.get(name);
    if (actual === undefined) {
      p.add(`"${where}" names unknown register "${name}"${didYouMean(name, registers.keys())}`);
    } else if (cls !== undefined && (actual === 'int') !== (cls === 'int')) {
      // float and vector values share one register file on x86_64 and aarch64, so either class may serve.
      p.add(`"${where}" is "${name}", ${actual === 'int' ? 'an' : 'a'} ${actual} register, not ${cls}`);
    }
  };
  for (const key of ['arguments', 'results']) {
    const byClass = p.object(cc, key, `${path}.${key}`);
    for (const cls of Object.keys(byClass ?? {})) {
      const where = `${path}.${key}.${cls}`;
      if (!REGISTER_CLASSES.includes(cls as RegisterClass)) {
        p.add(`"${where}": unknown register class "${cls}", expected ${alternatives(REGISTER_CLASSES)}${didYouMean(cls, REGISTER_CLASSES)}`);
        continue;
      }
      p.strings(byClass!, cls, where)?.forEach((name, i) => known(name, `${where}[${i}]`, cls as RegisterClass));
    }
  }
  p.strings(cc, 'calleeSaved', `${path}.calleeSaved`)?.forEach((name, i) => known(name, `${path}.calleeSaved[${i}]`));
  const sp = p.string(cc, 'stackPointer', `${path}.stackPointer`);
  if (sp !== undefined) known(sp, `${path}.stackPointer`);
  const fp = p.string(cc, 'framePointer', `${path}.framePointer`, true);
  if (fp !== undefined) known(fp, `${path}.framePointer`);
  const align = p.required(cc, 'stackAlignment', `${path}.stackAlignment`);
  if (align !== undefined && !(Number.isInteger(align) && (align as number) > 0 && ((align as number) & ((align as number) - 1)) === 0)) {
    p.add(`"${path}.stackAlignment" must be a power of two (bytes), got ${describe(align)}`);
  }
}

function checkPlatform(value: Record<string, unknown>, p: ShapeProblems): void {
  const isas = p.strings(value, 'isas', 'isas');
  if (isas?.length === 0) p.add('"isas" must name at least one ISA');
  p.func(value, 'memoryMap', 'memoryMap');
  const format = p.object(value, 'imageFormat', 'imageFormat');
  if (format) {
    p.oneOf(format, 'container', 'imageFormat.container', ['elf64']);
    p.string(format, 'entry', 'imageFormat.entry');
  }
  p.strings(value, 'components', 'components');
  p.func(value, 'bootStub', 'bootStub');
  p.func(value, 'trapStub', 'trapStub');
  p.func(value, 'builtinStubs', 'builtinStubs', true);
  p.func(value, 'layout', 'layout', true);
  p.func(value, 'run', 'run');
}

function checkComponent(value: Record<string, unknown>, p: ShapeProblems): void {
  p.strings(value, 'sources', 'sources')?.forEach((source, i) => {
    if (!isAbsolute(source)) {
      p.add(`"sources[${i}]" must be an absolute path (compute it from import.meta.url), got "${source}"`);
    }
  });
  p.func(value, 'isaSources', 'isaSources', true);
  const provides = p.array(value, 'provides', 'provides');
  provides?.forEach((symbol, i) => checkSymbol(symbol, `provides[${i}]`, p));
  const requires = p.object(value, 'requires', 'requires', true);
  if (requires) {
    p.strings(requires, 'components', 'requires.components', true);
    p.array(requires, 'symbols', 'requires.symbols', true)?.forEach((symbol, i) => checkSymbol(symbol, `requires.symbols[${i}]`, p));
  }
  const options = p.object(value, 'options', 'options', true);
  const defaults = p.object(value, 'defaults', 'defaults', true);
  if (options) checkOptionsSchema(options, defaults, p);
}

function checkSymbol(symbol: unknown, path: string, p: ShapeProblems): void {
  if (!isRecord(symbol)) {
    p.add(`"${path}" must be an object { module, name }, got ${describe(symbol)}`);
    return;
  }
  p.string(symbol, 'module', `${path}.module`);
  p.string(symbol, 'name', `${path}.name`);
}

/** The options schema must compile, and the defaults must satisfy it. */
function checkOptionsSchema(options: Record<string, unknown>, defaults: Record<string, unknown> | undefined, p: ShapeProblems): void {
  const ajv = createAjv({ strict: false });
  let validate;
  try {
    validate = ajv.compile(options);
  } catch (error) {
    p.add(`"options" is not a valid JSON Schema: ${(error as Error).message}`);
    return;
  }
  if (defaults && !validate(defaults)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    p.add(`"defaults" do not satisfy "options": ${errors.join('; ')}`);
  }
}
