import { JsonSyntaxError, parseJson, pointerSegment } from '../src/config/json-parse.js';

function syntaxError(text: string): { message: string; line: number; column: number } {
  try {
    parseJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonSyntaxError);
    const { message, position } = error as JsonSyntaxError;
    return { message, line: position.line, column: position.column };
  }
  throw new Error('expected a syntax error');
}

describe('parseJson', () => {
  it('parses what JSON.parse parses', () => {
    const text = '\ufeff{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\/"], "b": {}, "c": [], "d": 0}';
    expect(parseJson(text).value).toEqual(JSON.parse(text.slice(1)));
  });

  it('records where each key and array item is', () => {
    const { positions } = parseJson('{\n  "memory": {\n    "max": 1\n  },\n  "args": ["a",\n "b"]\n}');
    expect(positions.get('')).toEqual({ line: 1, column: 1, offset: 0 });
    expect(positions.get('/memory')).toMatchObject({ line: 2, column: 3 });
    expect(positions.get('/memory/max')).toMatchObject({ line: 3, column: 5 });
    expect(positions.get('/args/1')).toMatchObject({ line: 6, column: 2 });
  });

  it('escapes pointer segments', () => {
    const { positions } = parseJson('{"a/b": {"c~d": 1}}');
    expect([...positions.keys()]).toEqual(['', '/a~1b', '/a~1b/c~0d']);
    expect(pointerSegment('x/y~z')).toBe('x~1y~0z');
  });

  it('reports duplicate keys instead of silently keeping one', () => {
    const { duplicateKeys } = parseJson('{"a": 1,\n "a": 2}');
    expect(duplicateKeys).toEqual([{ pointer: '/a', position: { line: 2, column: 2, offset: 10 } }]);
  });

  it('keeps "__proto__" as a plain key', () => {
    const { value } = parseJson('{"__proto__": {"polluted": true}}');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((value as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{\n  "a": 1,\n}', 'trailing comma before "}"', 3, 1],
    ['[1, 2,]', 'trailing comma before "]"', 1, 7],
    ['{\n  "a": 1\n  "b": 2\n}', 'unexpected string "b"; expected "," or "}" (a missing comma?)', 3, 3],
    ['[1 2]', 'unexpected "2"; expected "," or "]" (a missing comma?)', 1, 4],
    ['{"a": True}', 'unexpected "True"; expected a value; did you mean true?', 1, 7],
    ['{"a": yes}', 'unexpected "yes"; expected a value (strings must be in double quotes)', 1, 7],
    ["{'a': 1}", 'unexpected "\'"; expected a key in double quotes', 1, 2],
    ["[1, 'a']", 'strings must be in double quotes', 1, 5],
    ['{a: 1}', 'unexpected "a"; expected a key in double quotes', 1, 2],
    ['{"a" 1}', 'unexpected "1"; expected ":" after key "a"', 1, 6],
    ['{"a": 1', 'unexpected end of file; expected "," or "}"', 1, 8],
    ['', 'unexpected end of file; expected a value', 1, 1],
    ['{"a": "abc', 'unterminated string', 1, 7],
    ['{"a": "ab\nc"}', 'unterminated string (strings cannot span lines)', 1, 7],
    ['"a\tb"', 'control character U+0009 in string; escape it', 1, 3],
    ['"\\x"', 'invalid escape "\\x" in string', 1, 2],
    ['01', 'invalid number "01"', 1, 1],
    ['1.', 'invalid number "1."', 1, 1],
    ['-', 'invalid number', 1, 1],
    ['{} {}', 'unexpected "{" after the end of the JSON value', 1, 4],
    ['{\n  // note\n  "a": 1}', 'comments are not allowed in JSON', 2, 3],
  ])('%j: %s at %d:%d', (text, message, line, column) => {
    expect(syntaxError(text)).toEqual({ message, line, column });
  });
});
