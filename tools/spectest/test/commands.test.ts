import { join } from 'node:path';
import { readScript } from '../src/commands.js';

const fixture = join(__dirname, 'fixtures', 'tiny.json');

describe('readScript', () => {
  const script = readScript(fixture);

  it('names the script after its file and keeps the source name', () => {
    expect(script.name).toBe('tiny');
    expect(script.source).toBe('tiny.wast');
    expect(script.commands).toHaveLength(13);
  });

  it('reads module and register commands with their names', () => {
    const [m0, m1, reg] = script.commands;
    expect(m0).toEqual({ kind: 'module', line: 1, module: { path: join(__dirname, 'fixtures', 'tiny.0.wasm'), moduleType: 'binary' } });
    expect(m1).toMatchObject({ kind: 'module', name: '$M' });
    expect(reg).toEqual({ kind: 'register', line: 3, name: '$M', as: 'm' });
  });

  it('reads actions and values', () => {
    expect(script.commands[3]).toEqual({
      kind: 'assert_return',
      line: 4,
      action: { kind: 'invoke', field: 'f', args: [{ type: 'i32', value: '1' }, { type: 'f32', value: '2143289344' }] },
      expected: [{ type: 'f32', value: 'nan:canonical' }],
    });
    expect(script.commands[4]).toEqual({
      kind: 'assert_return',
      line: 5,
      action: { kind: 'get', module: '$M', field: 'g' },
      expected: [{ type: 'v128', laneType: 'i32', value: ['1', '2', '3', '4'] }],
    });
    expect(script.commands[5]).toMatchObject({ kind: 'action', action: { kind: 'invoke', field: 'h', args: [] } });
    expect(script.commands[6]).toMatchObject({ kind: 'assert_trap', text: 'unreachable' });
    expect(script.commands[7]).toMatchObject({ kind: 'assert_exhaustion', text: 'call stack exhausted' });
  });

  it('reads module assertions with the module type', () => {
    const kinds = script.commands.slice(8).map((c) => [c.kind, 'module' in c ? c.module.moduleType : undefined]);
    expect(kinds).toEqual([
      ['assert_malformed', 'binary'],
      ['assert_malformed', 'text'],
      ['assert_invalid', 'binary'],
      ['assert_unlinkable', 'binary'],
      ['assert_uninstantiable', 'binary'],
    ]);
  });
});
