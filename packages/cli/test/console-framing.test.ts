import { Readable } from 'node:stream';
import { CONSOLE_EOF, CONSOLE_ESCAPE } from '@mewz/core';
import { consoleFramer, frameConsoleBytes } from '../src/run/console-framing.js';

/** The kernel side of the framing, written here from the contract to check the encoder against. */
function unframe(framed: Uint8Array): { data: number[]; ended: boolean; after: number } {
  const data: number[] = [];
  for (let i = 0; i < framed.length; i++) {
    if (framed[i] === CONSOLE_ESCAPE) data.push(framed[++i]);
    else if (framed[i] === CONSOLE_EOF) return { data, ended: true, after: framed.length - i - 1 };
    else data.push(framed[i]);
  }
  return { data, ended: false, after: 0 };
}

async function frameStream(chunks: readonly Uint8Array[]): Promise<Buffer> {
  const out: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from(chunks.map((c) => Buffer.from(c)))
      .pipe(consoleFramer())
      .on('data', (chunk: Buffer) => out.push(chunk))
      .on('end', resolve)
      .on('error', reject);
  });
  return Buffer.concat(out);
}

// Deterministic bytes with many 0x04 and 0x10 among them.
function sampleBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const r = x >>> 24;
    bytes[i] = r < 40 ? CONSOLE_EOF : r < 80 ? CONSOLE_ESCAPE : r;
  }
  return bytes;
}

describe('console framing', () => {
  test('escapes 0x04 and 0x10 and leaves other bytes alone', () => {
    expect([...frameConsoleBytes(Uint8Array.of(1, 0x04, 2, 0x10, 0x10, 3))]).toEqual([1, 0x10, 0x04, 2, 0x10, 0x10, 0x10, 0x10, 3]);
    expect([...frameConsoleBytes(Uint8Array.of())]).toEqual([]);
    const plain = Uint8Array.of(0, 3, 5, 0x0f, 0x11, 0xff);
    expect(frameConsoleBytes(plain)).toBe(plain);
  });

  test('the stream ends with CONSOLE_EOF, also for empty input', async () => {
    expect([...(await frameStream([]))]).toEqual([CONSOLE_EOF]);
    expect([...(await frameStream([Uint8Array.of(0x04)]))]).toEqual([0x10, 0x04, CONSOLE_EOF]);
  });

  test('every split of the input into chunks frames to the same bytes, which decode back', async () => {
    const input = sampleBytes(300);
    const whole = await frameStream([input]);
    const decoded = unframe(whole);
    expect(decoded).toEqual({ data: [...input], ended: true, after: 0 });
    for (let cut = 0; cut <= input.length; cut += 7) {
      const split = await frameStream([input.subarray(0, cut), input.subarray(cut)]);
      expect(split.equals(whole)).toBe(true);
    }
    const bytewise = await frameStream([...input].map((b) => Uint8Array.of(b)));
    expect(bytewise.equals(whole)).toBe(true);
  });

  test('streams: a chunk comes out before the input ends', async () => {
    const framer = consoleFramer();
    const first = new Promise<Buffer>((resolve) => framer.once('data', resolve));
    framer.write(Buffer.from([0x61, 0x10]));
    expect([...(await first)]).toEqual([0x61, 0x10, 0x10]);
    const rest: number[] = [];
    framer.on('data', (chunk: Buffer) => rest.push(...chunk));
    await new Promise<void>((resolve) => framer.end(Buffer.from([0x04]), resolve));
    expect(rest).toEqual([0x10, 0x04, CONSOLE_EOF]);
  });
});
