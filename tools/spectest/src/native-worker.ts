/**
 * A worker thread of the native executor: builds and runs the scripts it is sent, one at
 * a time, and answers with their outcomes (workerData: NativeOptions).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Script } from './commands.js';
import type { WorkerReply } from './native/native-executor.js';
import { type NativeOptions, NativeScriptRunner } from './native/run-script.js';

const runner = new NativeScriptRunner(workerData as NativeOptions);
const port = parentPort!;

port.on('message', ({ id, script }: { id: number; script: Script }) => {
  runner.run(script).then(
    (outcomes) => port.postMessage({ id, outcomes } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply),
  );
});
