import type { ErrorObject } from 'ajv';
import { alternatives, describe, isRecord } from '../plugins/shape.js';
import { didYouMean } from '../suggest.js';
import { pointerSegment } from './json-parse.js';

/** A schema violation located by JSON pointer, before a file is attached to it. */
export interface PointerProblem {
  readonly pointer: string;
  readonly message: string;
}

/**
 * Turns Ajv's errors (from a validator built with `allErrors` and `verbose`) into one
 * readable problem per mistake: unknown keys and enum values get the closest valid name,
 * and an `anyOf` is reported by the branch the value was evidently meant for instead of
 * one error per branch.
 */
export function schemaProblems(errors: readonly ErrorObject[]): PointerProblem[] {
  const remaining = collapseAnyOf(errors);
  const problems: PointerProblem[] = [];
  for (const error of remaining) {
    const problem = describeError(error);
    if (!problems.some((p) => p.pointer === problem.pointer && p.message === problem.message)) problems.push(problem);
  }
  return problems;
}

function collapseAnyOf(errors: readonly ErrorObject[]): ErrorObject[] {
  let remaining = [...errors];
  // Outermost first: choosing a branch of an outer anyOf discards inner ones of other branches.
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const anyOf of anyOfs) {
    if (!remaining.includes(anyOf)) continue;
    const branches = Array.isArray(anyOf.schema) ? (anyOf.schema as unknown[]) : [];
    const inBranch = (e: ErrorObject, index: number): boolean => e.schemaPath.startsWith(`${anyOf.schemaPath}/${index}/`);
    const inAny = (e: ErrorObject): boolean => e.schemaPath.startsWith(`${anyOf.schemaPath}/`);
    const meant = branches.map((branch, index) => ({ branch, index })).filter(({ branch }) => acceptsType(branch, anyOf.data));
    // A const/enum branch is "meant" only by type; a wrong string there is better explained by the summary.
    const exactBranch = meant.length === 1 && isRecord(meant[0].branch) && !('const' in meant[0].branch) && !('enum' in meant[0].branch);
    if (exactBranch) {
      remaining = remaining.filter((e) => e !== anyOf && (!inAny(e) || inBranch(e, meant[0].index)));
    } else {
      const summary: ErrorObject = { ...anyOf, keyword: 'anyOf-summary' };
      remaining = remaining.filter((e) => e !== anyOf && !inAny(e));
      remaining.push(summary);
    }
  }
  return remaining;
}

/** Whether a branch schema is for values of this JSON type (whatever else it demands). */
function acceptsType(branch: unknown, value: unknown): boolean {
  if (!isRecord(branch)) return true;
  if ('const' in branch) return jsonType(branch.const) === jsonType(value);
  if (Array.isArray(branch.enum)) return branch.enum.some((option) => jsonType(option) === jsonType(value));
  if (branch.type !== undefined) {
    const types = Array.isArray(branch.type) ? branch.type : [branch.type];
    return types.some((t) => t === jsonType(value) || (t === 'number' && jsonType(value) === 'integer') || (t === 'integer' && Number.isInteger(value)));
  }
  return true;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function describeError(error: ErrorObject): PointerProblem {
  const pointer = error.instancePath;
  const got = `, got ${describe(error.data)}`;
  const params = error.params as Record<string, unknown>;
  const parent = isRecord(error.parentSchema) ? error.parentSchema : {};
  const custom = typeof parent.errorMessage === 'string' ? parent.errorMessage : undefined;
  switch (error.keyword) {
    case 'required':
      return { pointer: `${pointer}/${pointerSegment(String(params.missingProperty))}`, message: 'required key is missing' };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = isRecord(parent.properties) ? Object.keys(parent.properties).filter((k) => k !== '$schema') : [];
      const hint = didYouMean(key, known) || (known.length > 0 ? `; expected one of: ${known.join(', ')}` : '');
      return { pointer: `${pointer}/${pointerSegment(key)}`, message: `unknown key${hint}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return { pointer, message: `must be ${alternatives(allowed)}${got}${hint}` };
    }
    case 'const':
      return { pointer, message: `must be ${JSON.stringify(params.allowedValue)}${got}` };
    case 'type': {
      const types = String(params.type).split(',');
      return { pointer, message: `must be ${types.map(typeName).join(' or ')}${got}` };
    }
    case 'minLength':
      return { pointer, message: params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters long` };
    case 'minimum':
      return { pointer, message: `must be at least ${params.limit}${got}` };
    case 'pattern':
      return { pointer, message: `${custom ?? `must match /${params.pattern}/`}${got}` };
    case 'uniqueItems': {
      const [first, again] = [Number(params.j), Number(params.i)].sort((a, b) => a - b);
      return { pointer: `${pointer}/${again}`, message: `repeats item ${first} (${describe((error.data as unknown[])[again])})` };
    }
    case 'anyOf-summary': {
      const branches = Array.isArray(error.schema) ? (error.schema as unknown[]) : [];
      const consts = branches.flatMap((b) => (isRecord(b) && typeof b.const === 'string' ? [b.const] : []));
      const hint = typeof error.data === 'string' ? didYouMean(error.data, consts) : '';
      const expected = custom ?? `must be ${branches.map(branchName).join(' or ')}`;
      return { pointer, message: `${expected}${got}${hint}` };
    }
    default:
      return { pointer, message: error.message ?? `fails "${error.keyword}"` };
  }
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object',
    array: 'an array',
    null: 'null',
  };
  return names[type] ?? type;
}

function branchName(branch: unknown): string {
  if (!isRecord(branch)) return 'anything';
  if ('const' in branch) return JSON.stringify(branch.const);
  if (typeof branch.type === 'string') return typeName(branch.type);
  return 'a valid value';
}
