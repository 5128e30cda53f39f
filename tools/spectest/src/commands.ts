import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The commands of one spec test script, as wast2json writes them, turned into typed
 * values. Module files are resolved to absolute paths; nothing is read or run here.
 */

export type ValueType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

/**
 * A constant argument or expected result. Numbers are decimal strings of the bit pattern;
 * floats may be `nan:canonical` / `nan:arithmetic`; references may be `null`; v128 values
 * are a list of lanes of `laneType`. `value` is absent where only the type matters.
 */
export interface Value {
  type: ValueType;
  laneType?: string;
  value?: string | string[];
}

export type Action =
  | { kind: 'invoke'; module?: string; field: string; args: Value[] }
  | { kind: 'get'; module?: string; field: string };

/** A module file referenced by a command; text modules (.wat) are meant to fail to parse. */
export interface ModuleFile {
  path: string;
  moduleType: 'binary' | 'text';
}

interface At {
  /** Line in the .wast script. */
  line: number;
}

export type Command =
  | (At & { kind: 'module'; name?: string; module: ModuleFile })
  | (At & { kind: 'register'; name?: string; as: string })
  | (At & { kind: 'action'; action: Action })
  | (At & { kind: 'assert_return'; action: Action; expected: Value[] })
  | (At & { kind: 'assert_trap'; action: Action; text: string })
  | (At & { kind: 'assert_exhaustion'; action: Action; text: string })
  | (At & { kind: 'assert_malformed' | 'assert_invalid' | 'assert_unlinkable' | 'assert_uninstantiable'; module: ModuleFile; text: string });

export type CommandKind = Command['kind'];

export interface Script {
  /** Script name, e.g. `binary` for binary.json (from binary.wast). */
  name: string;
  /** The .wast file the commands came from. */
  source: string;
  commands: Command[];
}

type Json = Record<string, unknown>;

function str(o: Json, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new Error(`expected string "${key}" in ${JSON.stringify(o)}`);
  return v;
}

function optStr(o: Json, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

function readValue(o: Json): Value {
  const v: Value = { type: str(o, 'type') as ValueType };
  const laneType = optStr(o, 'lane_type');
  if (laneType !== undefined) v.laneType = laneType;
  const value = o.value;
  if (typeof value === 'string' || Array.isArray(value)) v.value = value as string | string[];
  return v;
}

function readAction(o: Json): Action {
  const module = optStr(o, 'module');
  const field = str(o, 'field');
  const type = str(o, 'type');
  const base = module === undefined ? { field } : { module, field };
  if (type === 'invoke') return { kind: 'invoke', ...base, args: ((o.args as Json[]) ?? []).map(readValue) };
  if (type === 'get') return { kind: 'get', ...base };
  throw new Error(`unknown action type "${type}"`);
}

function readModuleFile(o: Json, dir: string): ModuleFile {
  const filename = str(o, 'filename');
  const declared = optStr(o, 'module_type');
  const moduleType = declared === 'text' || (declared === undefined && filename.endsWith('.wat')) ? 'text' : 'binary';
  return { path: join(dir, filename), moduleType };
}

/** Converts one JSON command; `dir` is where its module files live. */
export function readCommand(o: Json, dir: string): Command {
  const line = typeof o.line === 'number' ? o.line : 0;
  const type = str(o, 'type');
  const name = optStr(o, 'name');
  const withName = name === undefined ? {} : { name };
  switch (type) {
    case 'module':
      return { kind: 'module', line, ...withName, module: readModuleFile(o, dir) };
    case 'register':
      return { kind: 'register', line, ...withName, as: str(o, 'as') };
    case 'action':
      return { kind: 'action', line, action: readAction(o.action as Json) };
    case 'assert_return':
      return { kind: 'assert_return', line, action: readAction(o.action as Json), expected: ((o.expected as Json[]) ?? []).map(readValue) };
    case 'assert_trap':
    case 'assert_exhaustion':
      return { kind: type, line, action: readAction(o.action as Json), text: str(o, 'text') };
    case 'assert_malformed':
    case 'assert_invalid':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
      return { kind: type, line, module: readModuleFile(o, dir), text: str(o, 'text') };
    default:
      throw new Error(`unknown command type "${type}" at line ${line}`);
  }
}

/** Reads one wast2json output file. */
export function readScript(jsonPath: string): Script {
  const doc = JSON.parse(readFileSync(jsonPath, 'utf8')) as Json;
  const dir = dirname(jsonPath);
  const commands = ((doc.commands as Json[]) ?? []).map((c) => readCommand(c, dir));
  const source = optStr(doc, 'source_filename') ?? basename(jsonPath);
  return { name: basename(jsonPath, '.json'), source, commands };
}
