import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { relayTo } from '../src/run/relay.js';

/** A named pipe whose write end is non-blocking, as Node leaves a pipe it set up for stdout. */
function fifo(): { readFd: number; writeFd: number; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mewz-relay-'));
  const file = path.join(dir, 'p');
  execFileSync('mkfifo', [file]);
  const readFd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  const writeFd = openSync(file, constants.O_WRONLY | constants.O_NONBLOCK);
  return { readFd, writeFd, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function readAvailable(fd: number, into: Buffer[]): void {
  const buffer = Buffer.alloc(1 << 16);
  for (;;) {
    try {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return;
      into.push(Buffer.from(buffer.subarray(0, n)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return;
      throw error;
    }
  }
}

describe('relayTo', () => {
  it('delivers everything, in order, to a pipe that is full for a while (EAGAIN)', async () => {
    const { readFd, writeFd, cleanup } = fifo();
    try {
      const data = Buffer.alloc(1 << 20);
      for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 12)) & 0xff;
      const relay = relayTo(writeFd);
      for (let at = 0; at < data.length; at += 1000) relay.write(data.subarray(at, at + 1000));
      // Nothing is read until the pipe has been full: the relay must wait, not drop.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const received: Buffer[] = [];
      const done = relay.end();
      let finished = false;
      void done.then(() => (finished = true));
      while (!finished) {
        readAvailable(readFd, received);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      readAvailable(readFd, received);
      expect(Buffer.concat(received).equals(data)).toBe(true);
    } finally {
      closeSync(readFd);
      closeSync(writeFd);
      cleanup();
    }
  });

  it('gives up, without hanging, when the reader has gone (EPIPE)', async () => {
    const { readFd, writeFd, cleanup } = fifo();
    try {
      closeSync(readFd);
      const relay = relayTo(writeFd);
      relay.write(Buffer.from('lost'));
      await expect(relay.end()).resolves.toBeUndefined();
    } finally {
      closeSync(writeFd);
      cleanup();
    }
  });
});
