import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineCommand } from '../src/command.js';
import { COMMANDS } from '../src/commands/index.js';
import { mewz, STACK_LINE } from './helpers.js';

const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

describe('mewz (global behaviour)', () => {
  test('--version prints the package version', async () => {
    expect(await mewz(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('--help lists every command', async () => {
    const r = await mewz(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mewz <command> [options]');
    expect(r.stdout).toMatch(/mewz inspect <file> +show what a module imports/);
    expect(r.stdout).toMatch(/mewz validate <files\.\.> +check that modules/);
    expect(r.stderr).toBe('');
  });

  test.each(COMMANDS.map((c) => c.name))('%s --help works', async (name) => {
    const r = await mewz([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`mewz ${name}`);
    expect(r.stdout).toContain('--debug');
  });

  test('inspect --help documents the JSON fields', async () => {
    const r = await mewz(['inspect', '--help']);
    for (const field of ['imports', 'exports', 'functions', 'memories', 'customSections', 'dataSegments']) expect(r.stdout).toContain(field);
  });

  test('no command is a usage error (exit 2)', async () => {
    const r = await mewz([]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "mewz: no command given\nRun 'mewz --help' for usage.\n" });
  });

  test('unknown commands and options are usage errors', async () => {
    const unknown = await mewz(['inspekt', 'x.wasm']);
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: "mewz: unknown command 'inspekt'. Did you mean inspect?\nRun 'mewz --help' for usage.\n" });
    // Far from every command (yargs suggests anything within 3 edits, so 'run' is close to any 3-letter word).
    expect((await mewz(['zzzzzz'])).stderr).toBe("mewz: unknown command 'zzzzzz'\nRun 'mewz --help' for usage.\n");
    const option = await mewz(['validate', 'x.wasm', '--frobnicate']);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe("mewz: Unknown argument: frobnicate\nRun 'mewz validate --help' for usage.\n");
  });

  test('a missing positional is a usage error naming the command', async () => {
    const r = await mewz(['inspect']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Run 'mewz inspect --help' for usage.");
  });

  describe('an internal error', () => {
    const crash = defineCommand({
      command: 'crash',
      describe: 'throws a bug',
      builder: (y) => y,
      run: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });

    test('is one line and a hint, no stack trace', async () => {
      const r = await mewz(['crash'], { commands: [crash] });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('mewz: internal error: cannot read properties of undefined\n(run with --debug or MEWZ_DEBUG=1 to see the stack trace)\n');
      expect(r.stderr).not.toMatch(STACK_LINE);
    });

    test('shows the stack with --debug or MEWZ_DEBUG', async () => {
      const flag = await mewz(['crash', '--debug'], { commands: [crash] });
      expect(flag.stderr).toMatch(STACK_LINE);
      const env = await mewz(['crash'], { commands: [crash], env: { MEWZ_DEBUG: '1' } });
      expect(env.stderr).toMatch(STACK_LINE);
      expect(env.code).toBe(1);
      const off = await mewz(['crash'], { commands: [crash], env: { MEWZ_DEBUG: '0' } });
      expect(off.stderr).not.toMatch(STACK_LINE);
    });
  });
});
