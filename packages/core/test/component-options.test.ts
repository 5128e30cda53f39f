import { ConfigError, parseConfig, resolveComponentOptions } from '../src/index.js';
import { fakeComponent } from './fake-plugins.js';

const net = fakeComponent('net', {
  options: {
    type: 'object',
    additionalProperties: false,
    properties: { mtu: { type: 'integer', minimum: 576 }, ip: { type: 'string' }, mode: { enum: ['dhcp', 'static'] } },
  },
  defaults: { mtu: 1500, mode: 'dhcp' },
});

function config(components: unknown) {
  return parseConfig(JSON.stringify({ app: 'a.wasm', components }), 'mewz.config.json', { baseDir: '/p' });
}

describe('resolveComponentOptions', () => {
  it('starts from the defaults and lets the config override them key by key', () => {
    expect(resolveComponentOptions(net, config('auto'))).toEqual({ mtu: 1500, mode: 'dhcp' });
    expect(resolveComponentOptions(net, config({ net: { mtu: 9000, ip: '10.0.2.15' } }))).toEqual({
      mtu: 9000,
      mode: 'dhcp',
      ip: '10.0.2.15',
    });
  });

  it('reports options against the schema, at their pointer in the config, with suggestions', () => {
    expect(() => resolveComponentOptions(net, config({ net: { mtuu: 9000, mode: 'dchp', mtu: 100 } }))).toThrow(
      new ConfigError([
        { file: 'mewz.config.json', pointer: '/components/net/mtuu', message: 'unknown key; did you mean "mtu"?' },
        { file: 'mewz.config.json', pointer: '/components/net/mtu', message: 'must be at least 576, got 100' },
        { file: 'mewz.config.json', pointer: '/components/net/mode', message: 'must be "dhcp" or "static", got "dchp"; did you mean "dhcp"?' },
      ]),
    );
  });

  it('refuses options for a component without an options schema', () => {
    const clock = fakeComponent('clock');
    expect(resolveComponentOptions(clock, config({ clock: true }))).toEqual({});
    expect(() => resolveComponentOptions(clock, config({ clock: { hz: 100 } }))).toThrow(
      'mewz.config.json: /components/clock/hz: unknown option: component "clock" has no options',
    );
  });
});
