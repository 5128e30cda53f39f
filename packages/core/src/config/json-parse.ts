import { closestMatch } from '../suggest.js';

/**
 * A strict JSON parser that remembers where every value is. `JSON.parse` is not enough:
 * its syntax errors carry no reliable line and column, it silently keeps the last of
 * duplicate keys, and config problems are best reported where the key is written.
 */

export interface JsonPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  readonly offset: number;
}

export interface ParsedJson {
  readonly value: unknown;
  /** JSON pointer → where its key (object members) or its value (array items, root) starts. */
  readonly positions: ReadonlyMap<string, JsonPosition>;
  /** Keys written more than once: the pointer, and where the repeat is. */
  readonly duplicateKeys: readonly { readonly pointer: string; readonly position: JsonPosition }[];
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: JsonPosition,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Escapes one key for a JSON pointer (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

const LITERALS: Readonly<Record<string, unknown>> = { true: true, false: false, null: null };

export function parseJson(text: string): ParsedJson {
  const positions = new Map<string, JsonPosition>();
  const duplicateKeys: { pointer: string; position: JsonPosition }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const positionAt = (offset: number): JsonPosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1, offset };
  };
  const fail = (message: string, offset = i): never => {
    throw new JsonSyntaxError(message, positionAt(offset));
  };
  const found = (): string => {
    if (i >= text.length) return 'end of file';
    if (text[i] === '"') return `string ${/^"(?:[^"\\\n]|\\.)*"?/.exec(text.slice(i))![0]}`;
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
    return word ? `"${word[0]}"` : JSON.stringify(text[i]);
  };

  // A value right after a value usually means the comma between them is missing.
  const missingComma = (): string => (i < text.length && /["\d\-[{tfn]/.test(text[i]) ? ' (a missing comma?)' : '');

  const skipSpace = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not allowed in JSON');
      else break;
    }
  };

  const parseValue = (pointer: string): unknown => {
    skipSpace();
    if (i >= text.length) fail('unexpected end of file; expected a value');
    const c = text[i];
    if (c === '{') return parseObject(pointer);
    if (c === '[') return parseArray(pointer);
    if (c === '"') return parseString();
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    if (c === "'") fail('strings must be in double quotes');
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i))?.[0];
    if (word !== undefined && word in LITERALS) {
      i += word.length;
      return LITERALS[word];
    }
    if (word !== undefined) {
      const literal = closestMatch(word, Object.keys(LITERALS));
      fail(`unexpected ${found()}; expected a value${literal ? `; did you mean ${literal}?` : ' (strings must be in double quotes)'}`);
    }
    return fail(`unexpected ${found()}; expected a value`);
  };

  const parseObject = (pointer: string): Record<string, unknown> => {
    const object: Record<string, unknown> = {};
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return object;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') {
        if (text[i] === '}') fail('trailing comma before "}"');
        fail(`unexpected ${found()}; expected a key in double quotes`);
      }
      const keyStart = i;
      const key = parseString();
      const memberPointer = `${pointer}/${pointerSegment(key)}`;
      if (Object.prototype.hasOwnProperty.call(object, key)) duplicateKeys.push({ pointer: memberPointer, position: positionAt(keyStart) });
      else positions.set(memberPointer, positionAt(keyStart));
      skipSpace();
      if (text[i] !== ':') fail(`unexpected ${found()}; expected ":" after key "${key}"`);
      i++;
      // defineProperty: a "__proto__" key must become a key, not the object's prototype.
      Object.defineProperty(object, key, { value: parseValue(memberPointer), enumerable: true, writable: true, configurable: true });
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return object;
      }
      fail(`unexpected ${found()}; expected "," or "}"${missingComma()}`);
    }
  };

  const parseArray = (pointer: string): unknown[] => {
    const array: unknown[] = [];
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return array;
    }
    for (;;) {
      skipSpace();
      if (text[i] === ']') fail('trailing comma before "]"');
      const itemPointer = `${pointer}/${array.length}`;
      positions.set(itemPointer, positionAt(i));
      array.push(parseValue(itemPointer));
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return array;
      }
      fail(`unexpected ${found()}; expected "," or "]"${missingComma()}`);
    }
  };

  const parseString = (): string => {
    const start = i;
    i++;
    let result = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text[i];
      if (c === '"') {
        i++;
        return result;
      }
      if (c === '\n' || c === '\r') fail('unterminated string (strings cannot span lines)', start);
      if (c < ' ') fail(`control character U+${c.charCodeAt(0).toString(16).padStart(4, '0')} in string; escape it`);
      if (c !== '\\') {
        result += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) {
        result += simple[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        result += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        fail(`invalid escape "\\${e ?? ''}" in string`);
      }
    }
  };

  const parseNumber = (): number => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) return fail(`invalid number`);
    const next = text[i + match[0].length];
    if (next !== undefined && /[\w.]/.test(next)) fail(`invalid number "${/^[-\w.+]*/.exec(text.slice(i))![0]}"`);
    i += match[0].length;
    return Number(match[0]);
  };

  skipSpace();
  positions.set('', positionAt(i));
  const value = parseValue('');
  skipSpace();
  if (i < text.length) fail(`unexpected ${found()} after the end of the JSON value`);
  return { value, positions, duplicateKeys };
}
