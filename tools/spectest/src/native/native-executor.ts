import { Worker } from 'node:worker_threads';
import type { Script } from '../commands.js';
import type { Executor, Outcome } from '../executor.js';
import { SIMD } from '../module-source.js';
import { type NativeOptions, NativeScriptRunner } from './run-script.js';

/** A message from a worker: the outcomes of the script it was given, or why there are none. */
export type WorkerReply = { id: number; outcomes: Outcome[] } | { id: number; error: string };

/** A thread that runs scripts natively, one at a time (see native-worker.ts). */
class ScriptWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (o: Outcome[]) => void; reject: (e: Error) => void }>();
  private next = 0;
  /** Why the thread is gone, once it is: nothing sent to it would be answered. */
  private gone: Error | undefined;
  private closing = false;

  constructor(file: URL, options: NativeOptions) {
    this.worker = new Worker(file, { workerData: options });
    this.worker.on('message', (reply: WorkerReply) => {
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) w?.reject(new Error(reply.error));
      else w?.resolve(reply.outcomes);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`a spectest worker thread ended (exit code ${code})`)));
  }

  private fail(error: Error): void {
    if (this.closing) return;
    this.gone ??= error;
    for (const w of this.waiting.values()) w.reject(this.gone);
    this.waiting.clear();
  }

  run(script: Script): Promise<Outcome[]> {
    if (this.gone !== undefined) return Promise.reject(this.gone);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, script });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}

export interface NativeExecutorOptions extends NativeOptions {
  /**
   * Scripts built and run at once, each in a worker thread (compiling is CPU-bound);
   * 0 runs them one at a time in this thread.
   */
  jobs: number;
  /** The worker's module (dist/native-worker.js); needed when jobs > 0. */
  workerFile?: URL;
}

/**
 * `--mode=run`: every script becomes one native executable (its modules, the spectest
 * host module, the platform runtime and a driver running its command table under a trap
 * catcher), built by our pipeline, run once, its report judged.
 */
export class NativeExecutor implements Executor {
  readonly name = 'run';
  readonly concurrency: number;
  private readonly workers: ScriptWorker[] = [];
  private readonly idle: ScriptWorker[] = [];
  private readonly local: NativeScriptRunner | undefined;

  constructor(options: NativeExecutorOptions) {
    const { jobs, workerFile, ...native } = options;
    this.concurrency = Math.max(1, jobs);
    if (jobs === 0) {
      this.local = new NativeScriptRunner(native);
      return;
    }
    if (workerFile === undefined) throw new Error('native executor: workers need the worker module');
    for (let i = 0; i < jobs; i++) this.workers.push(new ScriptWorker(workerFile, native));
    this.idle.push(...this.workers);
  }

  async runScript(script: Script): Promise<Outcome[]> {
    if (script.name.startsWith('simd_')) return script.commands.map(() => ({ status: 'skipped', reason: `${script.name}: ${SIMD}` }));
    if (this.local !== undefined) return this.local.run(script);
    // The runner never has more scripts in flight than `concurrency`, so a worker is free.
    const worker = this.idle.pop()!;
    try {
      return await worker.run(script);
    } finally {
      this.idle.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
