// `mewz run` end to end through the executable (the child's output goes to the real
// stdout, so it must be a real process): the linux platform for builds, args, env, exit
// status and raw stdin; console-platform.mjs (a node "VM") for the framed stdin path,
// status files, signals and a missing VMM. QEMU runs belong to the e2e package.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixture, tempDir } from './helpers.js';

const BIN = path.join(__dirname, '..', 'bin', 'mewz.js');
const built = existsSync(path.join(__dirname, '..', 'dist', 'mewz.js'));
const describeBuilt = built ? describe : describe.skip;
const PROBE = fixture('run-probe.wat');
const CONSOLE_PLATFORM = fixture('console-platform.mjs');

interface Ran {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

function mewzRun(args: string[], options: { input?: Uint8Array; cwd?: string; env?: Record<string, string> } = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, 'run', ...args], {
    input: options.input ?? Buffer.alloc(0),
    cwd: options.cwd,
    env: { ...process.env, MEWZ_DEBUG: '', ...options.env },
    maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

const lines = (out: Buffer): string[] => out.toString('latin1').split('\n');

describeBuilt(built ? 'mewz run' : 'mewz run (skipped: dist/ not built, run `npm run build`)', () => {
  const { dir, cleanup } = tempDir();
  const image = path.join(dir, 'probe');
  afterAll(cleanup);
  beforeAll(() => {
    const r = spawnSync(process.execPath, [BIN, 'build', PROBE, '--platform', 'linux', '-o', image], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
  }, 120_000);

  describe('linux platform', () => {
    test('builds a .wat like build and runs it: argv[0] is the app name, args after -- as written, env, exit status', () => {
      const out = path.join(dir, 'built-by-run');
      const r = mewzRun(['--env', 'GREETING=hello world', PROBE, '--platform', 'linux', '-o', out, '-e', 'EQ=a=b', '--', 'one', 'two words', '-x', '1e3', '0x10', '']);
      expect(r.stderr).toBe('');
      expect(lines(r.stdout)).toEqual(['arg:run-probe', 'arg:one', 'arg:two words', 'arg:-x', 'arg:1e3', 'arg:0x10', 'arg:', 'env:GREETING=hello world', 'env:EQ=a=b', '']);
      expect(r.status).toBe(7);
      expect(existsSync(out)).toBe(true);
    }, 120_000);

    test('an image runs as is, its platform recognised (PT_GNU_STACK); no args, an empty environment', () => {
      const r = mewzRun([image]);
      expect(r.stderr).toBe('');
      expect(lines(r.stdout)).toEqual(['arg:probe', '']);
      expect(r.status).toBe(1);
    });

    test('stdin reaches the app byte for byte, 0x04 and 0x10 included', () => {
      const input = Buffer.from([0x61, 0x04, 0x10, 0x0a, 0x04, 0x00, 0xff, 0x10]);
      const r = mewzRun([image], { input });
      expect(r.status).toBe(1);
      expect(r.stdout.equals(Buffer.concat([Buffer.from('arg:probe\n'), input]))).toBe(true);
    });

    test("a config's env and args, --env merged over them and -- replacing the args", () => {
      const config = path.join(dir, 'mewz.config.json');
      writeFileSync(config, JSON.stringify({ app: PROBE, platform: 'linux', output: 'probe-cfg', args: ['from-config'], env: { A: 'config', B: 'kept' } }));
      const fromConfig = mewzRun(['-c', config, '-e', 'A=cli']);
      expect(fromConfig.stderr).toBe('');
      expect(lines(fromConfig.stdout)).toEqual(['arg:run-probe', 'arg:from-config', 'env:A=cli', 'env:B=kept', '']);
      expect(fromConfig.status).toBe(2);
      const replaced = mewzRun(['-c', config, '--', 'x', 'y']);
      expect(lines(replaced.stdout).slice(0, 3)).toEqual(['arg:run-probe', 'arg:x', 'arg:y']);
      expect(replaced.status).toBe(3);
      // An image run takes the same settings from the config.
      const imageRun = mewzRun([path.join(dir, 'probe-cfg'), '-c', config]);
      expect(lines(imageRun.stdout)).toEqual(['arg:probe-cfg', 'arg:from-config', 'env:A=config', 'env:B=kept', '']);
    }, 120_000);

    test('files that cannot be run are named with the reason', () => {
      expect(mewzRun([path.join(dir, 'nothing.elf')])).toMatchObject({ status: 1, stderr: `mewz: cannot read '${path.join(dir, 'nothing.elf')}': no such file or directory\n` });
      const text = path.join(dir, 'notes.txt');
      writeFileSync(text, 'hello');
      expect(mewzRun([text])).toMatchObject({ status: 1, stderr: `mewz: ${text} is neither an ELF image nor a .wasm or .wat app\n` });
      const broken = path.join(dir, 'broken.elf');
      writeFileSync(broken, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]));
      expect(mewzRun([broken])).toMatchObject({ status: 1, stderr: `mewz: ${broken}: not an image mewz can run: truncated ELF header\n` });
    });

    test('build options with an image are a usage error', () => {
      const r = mewzRun([image, '--stack', '2MiB', '-o', 'x']);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`mewz: --output, --stack: ${image} is an image, which is run as it was built\n`);
    });

    test('a --target that is not the image\'s ISA is a usage error', () => {
      const r = mewzRun([image, '--target', 'aarch64']);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`mewz: ${image} is an x86_64 image, not aarch64\n`);
    });
  });

  describe('qemu-x86_64 images (without booting them: that is the e2e suites\' job)', () => {
    test('a PVH image is recognised as qemu-x86_64: its machine types are the ones checked', () => {
      const pvh = path.join(dir, 'probe.elf');
      const b = spawnSync(process.execPath, [BIN, 'build', PROBE, '-o', pvh], { encoding: 'utf8' });
      expect(b.stderr).toBe('');
      const r = mewzRun([pvh, '--machine', 'q3']);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('mewz: --machine q3: unknown machine type for qemu-x86_64; known: microvm, q35; did you mean "q35"?\n');
    }, 120_000);
  });

  describe('console stdin (a platform whose VM is a node script)', () => {
    const vm = (args: string[], input?: Uint8Array, env?: Record<string, string>): Ran => mewzRun([image, '--platform', CONSOLE_PLATFORM, ...args], { input, env });
    const request = (r: Ran): Record<string, unknown> => JSON.parse(lines(r.stdout)[0]) as Record<string, unknown>;
    const payload = (r: Ran): Buffer => r.stdout.subarray(r.stdout.indexOf(0x0a) + 1);

    test('piped input is framed and decodes to the same bytes; the status comes from the status file', () => {
      const input = Buffer.alloc(3 << 20);
      for (let i = 0; i < input.length; i++) input[i] = (i * 7 + (i >> 9)) & 0xff;
      const r = vm(['-e', 'STATUS=42', '--machine', 'large', '--memory', '64MiB', '--accel', 'tcg', '--', 'a'], input);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(42);
      expect(request(r)).toMatchObject({ isa: 'x86_64', machine: 'large', accel: 'tcg', memory: 64 << 20, args: ['probe', 'a'], image });
      expect(payload(r).equals(input)).toBe(true);
    });

    // util-linux's `script` runs mewz on a pseudo-terminal.
    const hasScript = spawnSync('script', ['--version']).status === 0;
    (hasScript ? test : test.skip)(`a terminal is passed through, not framed${hasScript ? '' : ' (skipped: no `script` command)'}`, () => {
      const command = [process.execPath, BIN, 'run', image, '--platform', CONSOLE_PLATFORM].map((w) => `'${w}'`).join(' ');
      const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, MEWZ_DEBUG: '' } });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout.split(/\r?\n/)[0])).toMatchObject({ stdinIsTTY: true, args: ['probe'] });
      const piped = vm([]);
      expect(request(piped)).toMatchObject({ stdinIsTTY: false });
    });

    test('the status file is fresh, empty and removed afterwards', () => {
      const r = vm([]);
      expect(r.status).toBe(0);
      const { statusFile, statusWasEmpty } = request(r) as { statusFile: string; statusWasEmpty: boolean };
      expect(path.isAbsolute(statusFile)).toBe(true);
      expect(statusWasEmpty).toBe(true);
      expect(existsSync(statusFile)).toBe(false);
    });

    test('a VM that exits before reading all input is not an error', () => {
      const r = vm([], Buffer.alloc(8 << 20, 0x41), { VM_EARLY: '1' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });

    test('no status: the message and 125', () => {
      const r = vm(['-e', 'VM_SILENT=1']);
      expect(r.status).toBe(125);
      expect(r.stderr).toBe('mewz: the VM ended without a status (code 0, signal null)\n');
    });

    test("the config's machine is used unless --machine is given", () => {
      const config = path.join(dir, 'machine.config.json');
      writeFileSync(config, JSON.stringify({ app: PROBE, machine: 'small' }));
      expect(request(vm(['-c', config]))).toMatchObject({ machine: 'small' });
      expect(request(vm(['-c', config, '--machine', 'large']))).toMatchObject({ machine: 'large' });
      expect(request(vm([]))).not.toHaveProperty('machine');
    });

    test('an unknown --machine gets the known ones and a did-you-mean', () => {
      const r = vm(['--machine', 'lrage']);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('mewz: --machine lrage: unknown machine type for console-test; known: small, large; did you mean "large"?\n');
    });

    test('a QEMU that is not installed is named with its Debian package, status 127', () => {
      const r = vm(['-e', 'CONSOLE_TEST_COMMAND=qemu-system-x86_64', '-e', `PATH=${dir}`]);
      expect(r.status).toBe(127);
      expect(r.stderr).toBe('mewz: qemu-system-x86_64 is not installed or not on PATH (Debian/Ubuntu: apt-get install qemu-system-x86)\n');
    });

    test('SIGTERM to the runner reaches the VM', async () => {
      const child = spawn(process.execPath, [BIN, 'run', image, '--platform', CONSOLE_PLATFORM, '-e', 'VM_WAIT=1'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('ready\n')) resolve();
        });
      });
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(err).toBe('');
      expect(code).toBe(99);
    });
  });
});
