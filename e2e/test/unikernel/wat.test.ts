// WAT apps in the unikernel: `mewz run app.wat` builds and boots in one step; the apps of
// e2e/wat that the linux platform runs behave the same way in QEMU.
import path from 'node:path';
import { E2E_DIR, REPO_ROOT, tempDir } from '../helpers';
import { skipReason, TARGETS } from './targets';
import { buildImage, expectBuilt, runApp, textOf } from './unikernel';

// Each test builds images (tens of seconds on a loaded machine) and boots QEMU under TCG.
jest.setTimeout(300_000);

const wat = (name: string): string => path.join(E2E_DIR, 'wat', `${name}.wat`);

describe.each(TARGETS)('%s unikernel: WAT apps', (target) => {
  const skip = skipReason(target);
  if (skip) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }
  const { dir, cleanup } = tempDir(`mewz-e2e-wat-${target}-`);
  afterAll(cleanup);

  async function built(name: string): Promise<string> {
    const image = path.join(dir, `${name}.img`);
    expectBuilt(`mewz build ${name}.wat`, await buildImage(wat(name), image, target));
    return image;
  }

  it('mewz run hello.wat builds and boots it: prints and exits 0', async () => {
    const r = await runApp(path.join(REPO_ROOT, 'examples', 'hello.wat'), target, { cwd: dir });
    expect(textOf(r)).toEqual({ status: 0, stdout: 'Hello, Mewz!\n', stderr: '' });
  });

  it('mewz build hello.wat gives an image that mewz run boots', async () => {
    const image = path.join(dir, 'hello.img');
    expectBuilt('mewz build hello.wat', await buildImage(path.join(REPO_ROOT, 'examples', 'hello.wat'), image, target));
    expect(textOf(await runApp(image, target))).toEqual({ status: 0, stdout: 'Hello, Mewz!\n', stderr: '' });
  });

  it('args and environment reach a WAT app; proc_exit sets the status', async () => {
    const image = await built('args-env');
    const r = await runApp(image, target, { args: ['first', 'two words', ''], env: [['A', '1'], ['B', 'x=y z']] });
    // argv[0] is the app's name: the image's file name without its extension.
    expect(textOf(r)).toEqual({ status: 4, stdout: 'args-env\nfirst\ntwo words\n\nA=1\nB=x=y z\n', stderr: '' });
  });

  it('stdin reaches a WAT app, and stderr is separate', async () => {
    const image = await built('stdin-echo');
    const input = 'hello\nworld, again\n';
    expect(textOf(await runApp(image, target, { input }))).toEqual({ status: 0, stdout: input, stderr: String.fromCharCode(48 + input.length) });
  });

  it('memory.copy, memory.fill and memory.grow up to the maximum', async () => {
    const image = await built('bulk-memory');
    expect(textOf(await runApp(image, target))).toEqual({ status: 0, stdout: '01230123456789ef\n30123456789e89ef\n3012*****89e89ef\n1310\n', stderr: '' });
  });

  it('WASI calls with pointers outside the app memory fail with EFAULT, not a crash', async () => {
    const image = await built('bad-pointers');
    expect(textOf(await runApp(image, target))).toEqual({ status: 0, stdout: '21 21 21 21 21 21 21 21 08 28\n', stderr: '' });
  });
});
