// The console framing of `RunCommand.stdin: 'console'` (docs/kernel-interfaces.md): data
// bytes equal to CONSOLE_EOF or CONSOLE_ESCAPE get CONSOLE_ESCAPE in front, and
// CONSOLE_EOF marks the end of input. Escaping is per byte, so chunks are framed on
// their own and the stream never holds data back.
import { Transform, type TransformCallback } from 'node:stream';
import { CONSOLE_EOF, CONSOLE_ESCAPE } from '@mewz/core';

/** `bytes` with each CONSOLE_EOF and CONSOLE_ESCAPE escaped (the input itself when none is). */
export function frameConsoleBytes(bytes: Uint8Array): Uint8Array {
  let special = 0;
  for (const byte of bytes) if (byte === CONSOLE_EOF || byte === CONSOLE_ESCAPE) special++;
  if (special === 0) return bytes;
  const out = new Uint8Array(bytes.length + special);
  let at = 0;
  for (const byte of bytes) {
    if (byte === CONSOLE_EOF || byte === CONSOLE_ESCAPE) out[at++] = CONSOLE_ESCAPE;
    out[at++] = byte;
  }
  return out;
}

/** A byte stream in, the framed console stream out: each chunk as it comes, CONSOLE_EOF at the end. */
export function consoleFramer(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      const framed = frameConsoleBytes(chunk);
      done(null, framed === chunk ? chunk : Buffer.from(framed.buffer, framed.byteOffset, framed.byteLength));
    },
    flush(done: TransformCallback) {
      done(null, Buffer.of(CONSOLE_EOF));
    },
  });
}
