// `mewz run` boots C apps (wasi-libc) in QEMU: output, exit status, args, environment and
// stdin reach the app exactly as given.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { available, MEWZ, spawnCollect, tempDir } from '../helpers';
import { skipReason, targetFacts, TARGETS } from './targets';
import { APPS_DIR, buildImage, compileC, expectBuilt, runApp, textOf } from './unikernel';

// Each test builds images (tens of seconds on a loaded machine) and boots QEMU under TCG.
jest.setTimeout(300_000);

/** A word for sh -c, quoted. */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

describe.each(TARGETS)('%s unikernel: mewz run of C apps', (target) => {
  const skip = skipReason(target) ?? (available('clang-14') ? undefined : 'clang-14 is not installed (apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32)');
  if (skip) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }
  const { dir, cleanup } = tempDir(`mewz-e2e-run-${target}-`);
  afterAll(cleanup);

  /** clang, then mewz build: the image of one app of e2e/unikernel, built once per file. */
  const images = new Map<string, Promise<string>>();
  function image(name: string): Promise<string> {
    let pending = images.get(name);
    if (!pending) {
      pending = (async () => {
        const wasm = path.join(dir, `${name}.wasm`);
        const out = path.join(dir, `${name}.img`);
        expectBuilt(`clang-14 ${name}.c`, await compileC(path.join(APPS_DIR, `${name}.c`), wasm));
        expectBuilt(`mewz build ${name}.wasm`, await buildImage(wasm, out, target));
        return out;
      })();
      images.set(name, pending);
    }
    return pending;
  }

  it('a C hello world prints and exits 0', async () => {
    const r = await runApp(await image('hello'), target);
    expect(textOf(r)).toEqual({ status: 0, stdout: 'Hello from the unikernel!\n', stderr: '' });
  });

  it('hello world runs on every machine type of the platform (--machine)', async () => {
    const machines = (await targetFacts(target).platform()).machines ?? [];
    expect(machines.length).toBeGreaterThan(0);
    const hello = await image('hello');
    for (const machine of machines) {
      const r = await runApp(hello, target, { machine });
      expect({ machine, ...textOf(r) }).toEqual({ machine, status: 0, stdout: 'Hello from the unikernel!\n', stderr: '' });
    }
  });

  it('a .wasm input is built and booted in one step', async () => {
    await image('hello'); // the .wasm is written next to the image
    const r = await runApp(path.join(dir, 'hello.wasm'), target, { cwd: dir });
    expect(textOf(r)).toEqual({ status: 0, stdout: 'Hello from the unikernel!\n', stderr: '' });
  });

  it.each([
    ['returned from main', ['3'], 3],
    ['returned from main', ['255'], 255],
    ['passed to exit()', ['exit', '3'], 3],
    ['passed to exit()', ['exit', '255'], 255],
  ])('the exit status %s propagates exactly: %j', async (_how, args, status) => {
    const r = await runApp(await image('exit_code'), target, { args });
    expect(r.status).toBe(status);
    expect(r.stderr).toBe('to stderr\n');
    expect(r.stdout).toContain(`argv[${args.length}]=[${args[args.length - 1]}]\n`);
  });

  it('args and environment reach the app, argv[0] is the app name', async () => {
    const r = await runApp(await image('exit_code'), target, {
      args: ['0', 'b c', '', 'x=%y', 'tab\there', 'ünï'],
      env: [
        ['K', 'V'],
        ['EMPTY', ''],
        ['SPACES', 'a b  c'],
        ['EQUALS', 'x=y=z'],
        ['PERCENT', '100%25'],
      ],
    });
    expect(textOf(r)).toEqual({
      status: 0,
      stdout: [
        'argc=7',
        'argv[0]=[exit_code]',
        'argv[1]=[0]',
        'argv[2]=[b c]',
        'argv[3]=[]',
        'argv[4]=[x=%y]',
        'argv[5]=[tab\there]',
        'argv[6]=[ünï]',
        'env [K=V]',
        'env [EMPTY=]',
        'env [SPACES=a b  c]',
        'env [EQUALS=x=y=z]',
        'env [PERCENT=100%25]',
        '',
      ].join('\n'),
      stderr: 'to stderr\n',
    });
  });

  it('without args or --env the app has only argv[0] and an empty environment', async () => {
    const r = await runApp(await image('exit_code'), target);
    expect(textOf(r)).toEqual({ status: 0, stdout: 'argc=1\nargv[0]=[exit_code]\n', stderr: 'to stderr\n' });
  });

  it('stdin piped into mewz run reaches the app byte for byte, including 0x04, 0x10 and 0x00', async () => {
    const input = Buffer.from([0x61, 0x04, 0x62, 0x10, 0x10, 0x00, 0x04, 0x04, 0x0a, 0x10, 0xff, 0x0d, 0x0a, 0x00, 0x7f, 0x04]);
    const r = await runApp(await image('cat'), target, { input });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: `${input.length} bytes\n` });
    expect(r.stdoutBytes.equals(input)).toBe(true);
  });

  it('a large stdin (> 64 KiB, every byte value) arrives complete and in order', async () => {
    const input = Buffer.alloc(200_000);
    // Every byte value, in a sequence that does not repeat with a short period.
    for (let i = 0, x = 12345; i < input.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      input[i] = i % 1000 < 256 ? i % 1000 : x >>> 24;
    }
    const r = await runApp(await image('cat'), target, { input });
    expect({ status: r.status, stderr: r.stderr, length: r.stdoutBytes.length }).toEqual({ status: 0, stderr: `${input.length} bytes\n`, length: input.length });
    expect(r.stdoutBytes.equals(input)).toBe(true);
  });

  it('output is complete when the reader of mewz run stalls (a shell pipe into a slow consumer)', async () => {
    // `mewz run app < input | (sleep 8; cat)`: the console (~15 KB/s under TCG here) fills the
    // 64 KiB pipe while the consumer sleeps, so QEMU must wait for room; no byte may be lost.
    const input = Buffer.alloc(200_000, 'abcdefghij');
    const inputFile = path.join(dir, 'slow-reader.in');
    writeFileSync(inputFile, input);
    const mewzRun = ['node', MEWZ, 'run', await image('cat'), '--target', target, '--accel', 'tcg'].map(shellQuote).join(' ');
    const r = await spawnCollect('sh', ['-c', `${mewzRun} < ${shellQuote(inputFile)} | (sleep 8; cat)`], { timeoutMs: 120_000, env: { PATH: process.env.PATH ?? '' } });
    expect({ status: r.status, stderr: r.stderr, length: r.stdoutBytes.length }).toEqual({ status: 0, stderr: `${input.length} bytes\n`, length: input.length });
    expect(r.stdoutBytes.equals(input)).toBe(true);
  });

  it('an empty stdin is end of input at once', async () => {
    const r = await runApp(await image('cat'), target, { input: '' });
    expect(textOf(r)).toEqual({ status: 0, stdout: '', stderr: '0 bytes\n' });
  });
});
