import { boot, compileKernelForTest, MachineExit, TRAP_INFO_ADDR, type FakeMachine } from './support/fake-machine';

let compiled: WebAssembly.Module;
beforeAll(async () => {
  compiled = await compileKernelForTest();
}, 120_000);

/** The MachineExit a call ends with. */
const exitOf = (f: () => void): MachineExit => {
  try {
    f();
  } catch (e) {
    if (e instanceof MachineExit) return e;
    throw e;
  }
  throw new Error('the call returned');
};

/** Puts a string into kernel memory; its native address. */
const put = (m: FakeMachine, s: string): bigint => {
  const bytes = Buffer.from(s, 'latin1');
  const at = m.exports.test_alloc(bytes.length + 1);
  new Uint8Array(m.exports.memory.buffer).set(bytes, at);
  return BigInt(at);
};

/** A trap info as the build lays it out: three (offset, length) tables of strings. */
function trapInfo(m: FakeMachine, messages: string[], app: string[], runtime: string[]): bigint {
  const tables = [messages, app, runtime];
  const header = 24;
  const entries = tables.reduce((n, t) => n + 8 * t.length, 0);
  const strings = Buffer.from(tables.flat().join(''), 'latin1');
  const info = new DataView(new ArrayBuffer(header + entries + strings.length));
  let table = header;
  let text = header + entries;
  tables.forEach((t, k) => {
    info.setUint32(8 * k, t.length, true);
    info.setUint32(8 * k + 4, table, true);
    for (const s of t) {
      info.setUint32(table, text, true);
      info.setUint32(table + 4, s.length, true);
      table += 8;
      text += s.length;
    }
  });
  new Uint8Array(info.buffer).set(strings, header + entries);
  m.write(TRAP_INFO_ADDR, new Uint8Array(info.buffer));
  return TRAP_INFO_ADDR;
}

describe('panic', () => {
  it('prints the message and ends the machine with kind 2', () => {
    const m = boot(compiled);
    const msg = put(m, 'out of cheese');
    const e = exitOf(() => m.exports.kernel_panic(msg, 13));
    expect([e.kind, e.status]).toEqual([2, 0]);
    expect(m.stderrText).toBe('mewz: kernel panic: out of cheese\n');
  });

  it('ends at once when panicking inside a panic', () => {
    const m = boot(compiled);
    const msg = put(m, 'first');
    exitOf(() => m.exports.kernel_panic(msg, 5));
    const e = exitOf(() => m.exports.kernel_panic(msg, 5));
    expect([e.kind, e.status]).toEqual([2, 0]);
    expect(m.stderrText).toBe('mewz: kernel panic: first\n');
  });

  it('truncates a very long message instead of overrunning', () => {
    const m = boot(compiled);
    const msg = put(m, 'x'.repeat(5000));
    exitOf(() => m.exports.kernel_panic(msg, 5000));
    expect(m.stderrText.length).toBeLessThanOrEqual(1024);
    expect(m.stderrText.startsWith('mewz: kernel panic: xxx')).toBe(true);
    expect(m.stderrText.endsWith('\n')).toBe(true);
  });
});

describe('kernel_log', () => {
  it('prints lines at or below the chosen level', () => {
    const m = boot(compiled, { cmdline: 'mewz.log=info' });
    const msg = put(m, 'hello');
    for (const level of [0, 1, 2, 3, 9]) m.exports.kernel_log(level, msg, 5);
    expect(m.stderrText).toBe('mewz: error: hello\nmewz: warn: hello\nmewz: info: hello\n');
  });

  it('prints warnings and errors by default', () => {
    const m = boot(compiled);
    const msg = put(m, 'm');
    for (const level of [0, 1, 2, 3]) m.exports.kernel_log(level, msg, 1);
    expect(m.stderrText).toBe('mewz: error: m\nmewz: warn: m\n');
  });
});

describe('the trap report', () => {
  it('names the trap and the app function, then ends the machine with kind 1', () => {
    const m = boot(compiled);
    const info = trapInfo(m, ['unreachable', 'integer divide by zero'], ['', 'main', 'helper'], ['k0']);
    const e = exitOf(() => m.exports.mewz_trap(1, 2, info));
    expect([e.kind, e.status]).toEqual([1, 0]);
    expect(m.stderrText).toBe('trap: integer divide by zero in helper\n');
  });

  it('names kernel functions as the runtime, and falls back to numbers', () => {
    const m = boot(compiled);
    const info = trapInfo(m, ['unreachable'], ['', 'main'], ['k0', '']);
    exitOf(() => m.exports.mewz_trap(0, 0x8000_0000 | 0, info));
    expect(m.stderrText).toBe('trap: unreachable in mewz runtime k0\n');
    const again = boot(compiled);
    const info2 = trapInfo(again, ['unreachable'], ['', 'main'], ['k0', '']);
    exitOf(() => again.exports.mewz_trap(7, 0, info2));
    expect(again.stderrText).toBe('trap: code 7 in function 0\n');
    const third = boot(compiled);
    const info3 = trapInfo(third, ['unreachable'], [], ['k0', '']);
    exitOf(() => third.exports.mewz_trap(0, 0x8000_0001 | 0, info3));
    expect(third.stderrText).toBe('trap: unreachable in mewz runtime function 1\n');
    const none = boot(compiled);
    exitOf(() => none.exports.mewz_trap(3, 5, 0n));
    expect(none.stderrText).toBe('trap: code 3 in function 5\n');
  });

  it('ends at once on a trap during the report', () => {
    const m = boot(compiled);
    exitOf(() => m.exports.mewz_trap(3, 5, 0n));
    const e = exitOf(() => m.exports.mewz_trap(3, 5, 0n));
    expect(e.kind).toBe(1);
    expect(m.stderrText).toBe('trap: code 3 in function 5\n');
  });
});

describe('exit', () => {
  it('reports the app status, its low 8 bits like Linux', () => {
    for (const [code, status] of [[0, 0], [1, 1], [255, 255], [256, 0], [257, 1], [0xffff_ffff, 255]]) {
      const m = boot(compiled);
      const e = exitOf(() => m.exports.platform_exit(code | 0));
      expect([e.kind, e.status]).toEqual([0, status]);
    }
  });
});

describe('mewz_init', () => {
  it('passes the boot info to machine_init first', () => {
    const m = boot(compiled, {}, false);
    m.exports.mewz_init(0x1234_5678_9n);
    expect(m.bootInfo).toBe(0x1234_5678_9n);
  });
});
