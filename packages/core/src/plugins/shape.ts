import { closestMatch, didYouMean } from '../suggest.js';

/**
 * Collects shape problems of a plain value, each naming the offending field by its
 * dotted path (`relocations.abs64.patch`, `registers[3].class`).
 */
export class ShapeProblems {
  readonly list: string[] = [];

  add(problem: string): void {
    this.list.push(problem);
  }

  /** The field's value, or undefined after reporting it missing (with a typo hint). */
  required(object: Record<string, unknown>, key: string, path: string): unknown {
    const value = object[key];
    if (value === undefined) {
      const near = closestMatch(key, Object.keys(object));
      this.add(`missing "${path}"${near === undefined ? '' : ` (found "${near}"; a typo?)`}`);
    }
    return value;
  }

  string(object: Record<string, unknown>, key: string, path: string, optional = false): string | undefined {
    const value = optional ? object[key] : this.required(object, key, path);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      this.add(`"${path}" must be a non-empty string, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string | number>(
    object: Record<string, unknown>,
    key: string,
    path: string,
    allowed: readonly T[],
  ): T | undefined {
    const value = this.required(object, key, path);
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) {
      const hint = typeof value === 'string' ? didYouMean(value, allowed.map(String)) : '';
      this.add(`"${path}" must be ${alternatives(allowed)}, got ${describe(value)}${hint}`);
      return undefined;
    }
    return value as T;
  }

  func(object: Record<string, unknown>, key: string, path: string, optional = false): void {
    const value = optional ? object[key] : this.required(object, key, path);
    if (value !== undefined && typeof value !== 'function') {
      this.add(`"${path}" must be a function, got ${describe(value)}`);
    }
  }

  object(object: Record<string, unknown>, key: string, path: string, optional = false): Record<string, unknown> | undefined {
    const value = optional ? object[key] : this.required(object, key, path);
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
      this.add(`"${path}" must be an object, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  array(object: Record<string, unknown>, key: string, path: string, optional = false): unknown[] | undefined {
    const value = optional ? object[key] : this.required(object, key, path);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.add(`"${path}" must be an array, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  /** An array of non-empty strings; reports duplicates too. */
  strings(object: Record<string, unknown>, key: string, path: string, optional = false): string[] | undefined {
    const items = this.array(object, key, path, optional);
    if (items === undefined) return undefined;
    const seen = new Set<string>();
    const result: string[] = [];
    items.forEach((item, i) => {
      if (typeof item !== 'string' || item === '') {
        this.add(`"${path}[${i}]" must be a non-empty string, got ${describe(item)}`);
      } else if (seen.has(item)) {
        this.add(`"${path}[${i}]" repeats "${item}"`);
      } else {
        seen.add(item);
        result.push(item);
      }
    });
    return result;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a value for messages: `"abc"`, `42`, `an array`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'function':
      return 'a function';
    case 'undefined':
      return 'undefined';
    default:
      return `an ${typeof value}`;
  }
}

/** `4 or 8`, `"a", "b" or "c"`. */
export function alternatives(values: readonly (string | number)[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}
