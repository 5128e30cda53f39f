// Hand-written WAT apps built for the linux platform and run natively.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { E2E_DIR, mewzBuild, REPO_ROOT, run, tempDir } from './helpers';

const wat = (name: string): string => path.join(E2E_DIR, 'wat', `${name}.wat`);
const TRAP_STATUS = 134;

describe('mewz build --platform linux (WAT apps)', () => {
  const { dir, cleanup } = tempDir('mewz-e2e-wat-');
  afterAll(cleanup);
  const image = (name: string): string => path.join(dir, name);

  async function build(name: string, source: string, extra: string[] = []): Promise<string> {
    const out = await mewzBuild(source, image(name), extra);
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
    expect(out.stdout).toContain(`→ ${image(name)}`);
    return image(name);
  }

  it('hello world prints and exits 0', async () => {
    const hello = await build('hello', path.join(REPO_ROOT, 'examples', 'hello.wat'));
    expect(run(hello)).toEqual({ status: 0, signal: null, stdout: 'Hello, Mewz!\n', stderr: '' });
  });

  it('args and environment come from the process; proc_exit sets the status', async () => {
    const app = await build('args-env', wat('args-env'));
    const r = run(app, ['first', 'two words', ''], { env: { A: '1', B: 'x=y z' } });
    expect(r).toEqual({ status: 4, signal: null, stdout: `${app}\nfirst\ntwo words\n\nA=1\nB=x=y z\n`, stderr: '' });
    expect(run(app).stdout).toBe(`${app}\n`);
  });

  it('stdin reaches the app, and stderr is separate', async () => {
    const app = await build('stdin-echo', wat('stdin-echo'));
    const input = 'hello\nworld, again\n';
    expect(run(app, [], { input })).toEqual({ status: 0, signal: null, stdout: input, stderr: String.fromCharCode(48 + input.length) });
  });

  it('memory.copy handles overlap both ways; memory.fill; memory.grow up to the maximum', async () => {
    const app = await build('bulk-memory', wat('bulk-memory'));
    expect(run(app)).toEqual({
      status: 0,
      signal: null,
      stdout: '01230123456789ef\n30123456789e89ef\n3012*****89e89ef\n1310\n',
      stderr: '',
    });
  });

  describe('traps print the trap and the function, and exit with status 134', () => {
    const cases: [string, string[], string][] = [
      ['unreachable', [], 'trap: unreachable in boom\n'],
      ['division by zero', ['1'], 'trap: integer divide by zero in divide\n'],
      ['an out-of-bounds load', ['1', '2'], 'trap: out of bounds memory access in read_far\n'],
      ['stack exhaustion', ['1', '2', '3'], 'trap: call stack exhausted in recurse\n'],
      ['a bad indirect call', ['1', '2', '3', '4'], 'trap: indirect call type mismatch in call_wrong\n'],
      ['a store straddling the end', ['1', '2', '3', '4', '5'], 'trap: out of bounds memory access in write_end\n'],
    ];
    let app: string;
    beforeAll(async () => {
      app = await build('traps', wat('traps'));
    });
    it.each(cases)('%s', (_what, args, message) => {
      expect(run(app, args)).toEqual({ status: TRAP_STATUS, signal: null, stdout: '', stderr: message });
    });
  });

  it('WASI calls with pointers outside the app memory fail with EFAULT', async () => {
    const app = await build('bad-pointers', wat('bad-pointers'));
    // EFAULT (21) eight times, then EBADF (8) for fd 9 and EINVAL (28) for clock 99.
    expect(run(app)).toEqual({ status: 0, signal: null, stdout: '21 21 21 21 21 21 21 21 08 28\n', stderr: '' });
  });

  it('lists every import nobody provides, or stubs them with ENOSYS when asked', async () => {
    const out = await mewzBuild(wat('missing-imports'), image('missing'));
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('the app imports 2 functions that no kernel component provides');
    expect(out.stderr).toContain('env.now () -> (i32)');
    expect(out.stderr).toContain('wasi_snapshot_preview1.not_in_preview1 (i32) -> (i32)');
    const app = await build('enosys', wat('missing-imports'), ['--missing-imports', 'enosys']);
    // Both stubs return ENOSYS (52): the app exits with their sum.
    expect(run(app).status).toBe(104);
  });

  it('names ELF symbols after the Wasm functions', async () => {
    const app = await build('traps-symbols', wat('traps'));
    const nm = spawnSync('nm', [app], { encoding: 'utf8' });
    if (nm.error) return; // binutils missing: nothing to check with
    expect(nm.stdout).toMatch(/ t app\.divide$/m);
    expect(nm.stdout).toMatch(/ T _start$/m);
    expect(nm.stdout).toMatch(/ t kernel\..*fd_write$/m);
  });

  it('reports an invalid module in the frontend format', async () => {
    const out = await mewzBuild(path.join(REPO_ROOT, 'packages', 'cli', 'test', 'fixtures', 'invalid.wat'), image('invalid'));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/invalid\.wat:0x[0-9a-f]+: invalid: /);
  });
});
