import { boot, compileKernelForTest, cString, type FakeMachine } from './support/fake-machine';

let compiled: WebAssembly.Module;
beforeAll(async () => {
  compiled = await compileKernelForTest();
}, 120_000);

const args = (m: FakeMachine) => Array.from({ length: m.exports.platform_arg_count() }, (_, i) => cString(m, m.exports.platform_arg(i)));
const envs = (m: FakeMachine) => Array.from({ length: m.exports.platform_env_count() }, (_, i) => cString(m, m.exports.platform_env(i)));

describe('the kernel command line', () => {
  it('gives args in order and environment entries, ignoring other words', () => {
    const m = boot(compiled, { cmdline: 'console=ttyS0 mewz.arg=app mewz.env=HOME=/root  mewz.arg=-v mewz.unknown=1 mewz.arg=x\tmewz.env=A=\n' });
    expect(args(m)).toEqual(['app', '-v', 'x']);
    expect(envs(m)).toEqual(['HOME=/root', 'A=']);
    expect(m.stderrText).toBe('');
  });

  it('percent-decodes values (either hex case), including spaces, % and non-ASCII bytes', () => {
    const m = boot(compiled, { cmdline: 'mewz.arg=hello%20world mewz.arg=100%25 mewz.arg=%e2%82%AC mewz.env=K=a%3db' });
    expect(args(m)).toEqual(['hello world', '100%', '\xe2\x82\xac']);
    expect(envs(m)).toEqual(['K=a=b']);
  });

  it('keeps malformed encodings and %00 as written, with a warning', () => {
    const m = boot(compiled, { cmdline: 'mewz.arg=50% mewz.arg=%zz%4 mewz.arg=a%00b mewz.arg=ok%21' });
    expect(args(m)).toEqual(['50%', '%zz%4', 'a%00b', 'ok!']);
    expect(m.stderrText.split('\n').filter((l) => l.includes('cannot be decoded'))).toHaveLength(3);
  });

  it('gives empty args for empty values, and nothing without a command line', () => {
    const m = boot(compiled, { cmdline: 'mewz.arg= mewz.arg=b' });
    expect(args(m)).toEqual(['', 'b']);
    const none = boot(compiled, {});
    expect(none.exports.platform_arg_count()).toBe(0);
    expect(none.exports.platform_env_count()).toBe(0);
    expect(none.exports.platform_arg(0)).toBe(0n);
    expect(none.exports.platform_env(5)).toBe(0n);
    const empty = boot(compiled, { cmdline: '   ' });
    expect(empty.exports.platform_arg_count()).toBe(0);
  });

  it('answers 0 for an index past the end', () => {
    const m = boot(compiled, { cmdline: 'mewz.arg=a mewz.env=B=c' });
    expect(m.exports.platform_arg(1)).toBe(0n);
    expect(m.exports.platform_env(1)).toBe(0n);
  });

  it('handles a long command line with many words', () => {
    const words = Array.from({ length: 500 }, (_, i) => `mewz.arg=w${i}%20x`);
    const m = boot(compiled, { cmdline: words.join(' ') });
    expect(args(m)).toEqual(Array.from({ length: 500 }, (_, i) => `w${i} x`));
  });

  it('sets the log level, wherever the word is, and warns about an unknown level', () => {
    const quiet = boot(compiled, { cmdline: 'mewz.arg=%zz mewz.log=error' });
    expect(quiet.stderrText).toBe('');
    const debug = boot(compiled, { cmdline: 'mewz.log=debug' });
    expect(debug.stderrText).toContain('mewz: debug: kernel ready: 0 arguments, 0 environment entries\n');
    const bad = boot(compiled, { cmdline: 'mewz.log=loud' });
    expect(bad.stderrText).toBe('mewz: warn: command line: unknown log level "loud" (error, warn, info or debug); keeping the level\n');
  });

  it('survives arbitrary bytes on the command line', () => {
    const bytes = new Uint8Array(2000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const b = x % 256;
      bytes[i] = b === 0 ? 0x25 : b;
    }
    const prefix = new TextEncoder().encode('mewz.arg=');
    const line = new Uint8Array([...prefix, ...bytes]);
    const m = boot(compiled, { cmdline: line });
    expect(m.exports.platform_arg_count()).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < m.exports.platform_arg_count(); i++) expect(() => cString(m, m.exports.platform_arg(i))).not.toThrow();
  });
});
