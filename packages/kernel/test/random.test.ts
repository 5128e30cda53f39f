import { APP_BASE, boot, compileKernelForTest } from './support/fake-machine';

let compiled: WebAssembly.Module;
beforeAll(async () => {
  compiled = await compileKernelForTest();
}, 120_000);

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('the random generator', () => {
  it('computes the ChaCha20 block of RFC 8439 section 2.3.2', () => {
    const m = boot(compiled);
    const key = m.exports.test_alloc(32);
    const nonce = m.exports.test_alloc(12);
    const out = m.exports.test_alloc(64);
    const mem = new Uint8Array(m.exports.memory.buffer);
    mem.set(Uint8Array.from({ length: 32 }, (_, i) => i), key);
    mem.set(hex('000000090000004a00000000'), nonce);
    m.exports.test_chacha20_block(key, 1, nonce, out);
    expect(Buffer.from(new Uint8Array(m.exports.memory.buffer, out, 64)).toString('hex')).toBe(
      '10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e' +
        'd2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e',
    );
  });

  it('fills app memory exactly, seeded from the machine entropy, and never repeats', () => {
    const m = boot(compiled);
    expect(m.entropyCalls).toBeGreaterThanOrEqual(4);
    m.app.fill(0xcc);
    expect(m.exports.platform_random(APP_BASE + 1n, 100)).toBe(0);
    expect(m.app[0]).toBe(0xcc);
    expect(m.app[101]).toBe(0xcc);
    const first = Buffer.from(m.app.subarray(1, 101));
    expect(m.exports.platform_random(APP_BASE + 1n, 100)).toBe(0);
    const second = Buffer.from(m.app.subarray(1, 101));
    expect(second.equals(first)).toBe(false);
    // Not constant: a hundred random bytes have many distinct values.
    expect(new Set(first).size).toBeGreaterThan(50);
    expect(m.exports.platform_random(APP_BASE, 0)).toBe(0);
  });

  it('gives the same stream for the same entropy and a different one otherwise', () => {
    const [a, b, c] = [1n, 1n, 2n].map((entropySeed) => boot(compiled, { entropySeed }));
    for (const m of [a, b, c]) m.exports.platform_random(APP_BASE, 64);
    const out = (m: typeof a) => Buffer.from(m.app.subarray(0, 64));
    expect(out(a).equals(out(b))).toBe(true);
    expect(out(a).equals(out(c))).toBe(false);
  });

  it('mixes in fresh entropy after a mebibyte of output', () => {
    const m = boot(compiled);
    const before = m.entropyCalls;
    for (let i = 0; i < 300; i++) m.exports.platform_random(APP_BASE, 4096);
    expect(m.entropyCalls).toBe(before + 4);
  });
});
