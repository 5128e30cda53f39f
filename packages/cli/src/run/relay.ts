// Output the runner passes on without ever blocking its event loop: chunks wait in memory
// until the file descriptor takes them.
import { write } from 'node:fs';

/** How long to wait before trying again when the descriptor is full (non-blocking, EAGAIN). */
const RETRY_MS = 5;

export interface Relay {
  write(chunk: Buffer): void;
  /** Resolves when everything written so far has reached the descriptor, or it failed (a reader that went away). */
  end(): Promise<void>;
}

/**
 * A relay to `fd`. Writes run on the thread pool, so a blocking descriptor stalls only a
 * worker thread; a non-blocking one (a pipe Node itself set up for the runner's stdout)
 * answers EAGAIN when full, and the relay tries again shortly after.
 */
export function relayTo(fd: number): Relay {
  const queue: Buffer[] = [];
  let busy = false;
  let failed = false;
  let ended: (() => void) | undefined;
  const settle = (): void => {
    if (ended && (failed || (queue.length === 0 && !busy))) ended();
  };
  const pump = (): void => {
    const chunk = queue[0];
    if (failed || chunk === undefined) {
      busy = false;
      settle();
      return;
    }
    busy = true;
    write(fd, chunk, 0, chunk.length, null, (error, written) => {
      if (error) {
        if (error.code === 'EAGAIN') setTimeout(pump, RETRY_MS);
        else {
          failed = true;
          queue.length = 0;
          pump();
        }
        return;
      }
      if (written < chunk.length) queue[0] = chunk.subarray(written);
      else queue.shift();
      pump();
    });
  };
  return {
    write(chunk) {
      if (failed) return;
      queue.push(chunk);
      if (!busy) pump();
    },
    end() {
      return new Promise((resolve) => {
        ended = resolve;
        settle();
      });
    },
  };
}
