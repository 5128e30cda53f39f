import { APP_BASE, boot, compileKernelForTest, NO_DEADLINE, type FakeMachine } from './support/fake-machine';

let compiled: WebAssembly.Module;
beforeAll(async () => {
  compiled = await compileKernelForTest();
}, 120_000);

const EBADF = -8n;
const appText = (m: FakeMachine, at: number, n: number) => Buffer.from(m.app.subarray(at, at + n)).toString('latin1');
const read = (m: FakeMachine, len: number, at = 0) => {
  const n = m.exports.platform_read(0, APP_BASE + BigInt(at), len);
  return { n, text: n > 0n ? appText(m, at, Number(n)) : '' };
};

describe('console output', () => {
  it('writes fd 1 to stdout and fd 2 to stderr, answering the length', () => {
    const m = boot(compiled);
    m.app.set(Buffer.from('hello\nworld'), 0);
    expect(m.exports.platform_write(1, APP_BASE, 6)).toBe(6n);
    expect(m.exports.platform_write(2, APP_BASE + 6n, 5)).toBe(5n);
    expect(m.exports.platform_write(1, APP_BASE, 0)).toBe(0n);
    expect(m.stdoutText).toBe('hello\n');
    expect(m.stderrText).toBe('world');
  });

  it('answers EBADF for other fds', () => {
    const m = boot(compiled);
    for (const fd of [0, 3, 100, 0xffff_ffff]) expect(m.exports.platform_write(fd | 0, APP_BASE, 1)).toBe(EBADF);
    for (const fd of [1, 2, 3]) expect(m.exports.platform_read(fd, APP_BASE, 1)).toBe(EBADF);
    expect(m.stdout).toEqual([]);
  });

  it('describes stdio as character devices, other fds as EBADF', () => {
    const m = boot(compiled);
    const out = m.exports.test_alloc(64);
    const mem = () => new DataView(m.exports.memory.buffer);
    for (const fd of [0, 1, 2]) {
      new Uint8Array(m.exports.memory.buffer, out, 64).fill(0xee);
      expect(m.exports.platform_fd_filestat(fd, out)).toBe(0);
      expect(mem().getUint8(out + 16)).toBe(2);
      expect(mem().getBigUint64(out + 24, true)).toBe(1n);
      expect(mem().getBigUint64(out + 32, true)).toBe(0n);
      expect(mem().getBigUint64(out + 56, true)).toBe(0n);
    }
    expect(m.exports.platform_fd_filestat(3, out)).toBe(8);
  });
});

describe('console input', () => {
  it('returns what is waiting, up to the length asked for', () => {
    const m = boot(compiled);
    m.input.push(...Buffer.from('abcdef'));
    expect(read(m, 4)).toEqual({ n: 4n, text: 'abcd' });
    expect(read(m, 100)).toEqual({ n: 2n, text: 'ef' });
    expect(m.waits).toEqual([]);
  });

  it('blocks in machine_wait with no deadline until a byte arrives', () => {
    const m = boot(compiled);
    m.arriveAt(5_000_000n, 'x');
    expect(read(m, 10)).toEqual({ n: 1n, text: 'x' });
    expect(m.waits).toEqual([NO_DEADLINE]);
    expect(m.now).toBe(5_000_000n);
  });

  it('re-waits after an early wake-up without input', () => {
    const m = boot(compiled, { maxWaitNs: 1_000_000n });
    m.arriveAt(m.now + 3_500_000n, 'y');
    expect(read(m, 10)).toEqual({ n: 1n, text: 'y' });
    expect(m.waits.length).toBe(4);
  });

  it('ends input at 0x04: reads return 0 from then on, bytes after it are not data', () => {
    const m = boot(compiled);
    m.input.push(...Buffer.from('hi\x04more'));
    expect(read(m, 10)).toEqual({ n: 2n, text: 'hi' });
    expect(read(m, 10)).toEqual({ n: 0n, text: '' });
    expect(read(m, 10)).toEqual({ n: 0n, text: '' });
    expect(m.waits).toEqual([]);
  });

  it('returns 0 at once when the input ends with nothing before it', () => {
    const m = boot(compiled);
    m.arriveAt(2_000_000n, [0x04]);
    expect(read(m, 10).n).toBe(0n);
    expect(m.waits.length).toBe(1);
  });

  it('takes the byte after 0x10 literally, even across reads and wake-ups', () => {
    const m = boot(compiled);
    m.input.push(0x41, 0x10, 0x04, 0x10, 0x10, 0x42, 0x10);
    expect(read(m, 10)).toEqual({ n: 4n, text: 'A\x04\x10B' });
    m.arriveAt(3_000_000n, [0x04, 0x43, 0x04]);
    expect(read(m, 10)).toEqual({ n: 2n, text: '\x04C' });
    expect(read(m, 10).n).toBe(0n);
  });

  it('reads more than its staging buffer in one call', () => {
    const m = boot(compiled);
    const data = Array.from({ length: 1000 }, (_, i) => 32 + (i % 90));
    m.input.push(...data);
    expect(read(m, 1000).n).toBe(1000n);
    expect([...m.app.subarray(0, 1000)]).toEqual(data);
  });

  it('answers 0 for a zero-length read without waiting', () => {
    const m = boot(compiled);
    expect(m.exports.platform_read(0, APP_BASE, 0)).toBe(0n);
    expect(m.waits).toEqual([]);
  });
});
