import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadModule, type Module } from '@mewz/wasm';
import type { Script } from '../commands.js';
import type { Outcome } from '../executor.js';
import { hostModuleBinary } from '../host-module.js';
import { failed } from '../script-modules.js';
import { buildKernel, buildScriptImage, type NativeKernel } from './image.js';
import { judgeRun, type Plan, planScript } from './plan.js';
import { type EntryResult, parseReport, type ProcessEnd } from './report-lines.js';
import { nativeTarget, type NativeTarget } from './target.js';

export interface NativeOptions {
  /** A key of NATIVE_TARGETS. */
  target: string;
  opt: 0 | 1;
  /** Where compiled kernels are cached (asc output). */
  kernelCacheDir: string;
  /**
   * Where executables are cached by content hash (the script, its modules, `fingerprint`);
   * without it every script is built.
   */
  cacheDir?: string;
  /** Identifies the toolchain that builds executables (see fingerprint.ts). */
  fingerprint?: string;
  /** Keep each executable and a listing of its command table in this folder. */
  keepDir?: string;
  /** Milliseconds an executable may run. */
  timeout?: number;
}

const DEFAULT_TIMEOUT = 120_000;

/** Runs a built executable to its end, collecting what it prints. */
function runImage(command: { command: string; args: string[] }, timeout: number): Promise<{ stdout: string; end: ProcessEnd }> {
  return new Promise((resolve) => {
    const child = spawn(command.command, command.args, { stdio: ['ignore', 'pipe', 'pipe'], timeout });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const started = Date.now();
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let error: string | undefined;
    child.on('error', (e) => {
      error = e.message;
    });
    child.on('close', (status, signal) => {
      if (signal !== null && Date.now() - started >= timeout) error = `timed out after ${timeout / 1000} s`;
      resolve({ stdout: Buffer.concat(out).toString('latin1'), end: { status, signal, stderr: Buffer.concat(err).toString('utf8'), ...(error ? { error } : {}) } });
    });
  });
}

/** Writes `bytes` under `path` atomically (concurrent runs never see half a file). */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(partial, bytes);
  chmodSync(partial, 0o755);
  renameSync(partial, path);
}

/** The cache key of a script's executable: what it is built from. */
function cacheKey(script: Script, options: NativeOptions): string {
  const hash = createHash('sha256');
  hash.update(`${options.fingerprint ?? ''}\0${options.target}\0${options.opt}\0`);
  const files = new Set<string>();
  const commands = script.commands.map((c) => {
    if (!('module' in c)) return c;
    files.add(c.module.path);
    return { ...c, module: { ...c.module, path: basename(c.module.path) } };
  });
  hash.update(JSON.stringify(commands));
  for (const file of [...files].sort()) {
    hash.update(`\0${basename(file)}\0`);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * Runs scripts natively, one executable per script: plan, build (or take from the cache),
 * run, judge. Holds what every script of a target shares (the host module, the kernel).
 */
export class NativeScriptRunner {
  private readonly target: NativeTarget;
  private host: Promise<Module> | undefined;
  private kernel: Promise<NativeKernel> | undefined;

  constructor(private readonly options: NativeOptions) {
    this.target = nativeTarget(options.target);
  }

  async run(script: Script): Promise<Outcome[]> {
    this.host ??= hostModuleBinary().then((bytes) => loadModule(bytes));
    const plan = planScript(script, await this.host);
    // Nothing to run (only validation assertions, text modules): no executable.
    if (plan.outcomes.every((o) => typeof o !== 'function')) return judgeRun(plan, []);
    let results: readonly EntryResult[];
    try {
      results = await this.execute(script, plan);
    } catch (error) {
      const message = `the executable could not be built: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      return plan.outcomes.map((o) => (typeof o === 'function' ? failed(message) : o));
    }
    return judgeRun(plan, results);
  }

  private async execute(script: Script, plan: Plan): Promise<readonly EntryResult[]> {
    const { options } = this;
    const key = options.cacheDir !== undefined ? cacheKey(script, options) : undefined;
    const cached = key !== undefined ? join(options.cacheDir!, `${script.name}-${key}`) : undefined;
    let path: string;
    let temporary: string | undefined;
    if (cached !== undefined && existsSync(cached)) {
      path = cached;
    } else {
      this.kernel ??= buildKernel(this.target, options.kernelCacheDir);
      const elf = buildScriptImage(plan, this.target, await this.kernel, options.opt);
      if (cached !== undefined) {
        mkdirSync(options.cacheDir!, { recursive: true });
        writeAtomically(cached, elf);
        path = cached;
      } else {
        temporary = mkdtempSync(join(tmpdir(), 'mewz-spectest-'));
        path = join(temporary, script.name);
        writeAtomically(path, elf);
      }
    }
    try {
      if (options.keepDir !== undefined) this.keep(script, plan, path);
      const { stdout, end } = await runImage(this.target.command(path), options.timeout ?? DEFAULT_TIMEOUT);
      return parseReport(stdout, plan.entries.length, end);
    } finally {
      if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
    }
  }

  /** The executable and a listing of its entries (index, line, what) in the keep folder. */
  private keep(script: Script, plan: Plan, path: string): void {
    const dir = this.options.keepDir!;
    mkdirSync(dir, { recursive: true });
    copyFileSync(path, join(dir, script.name));
    chmodSync(join(dir, script.name), 0o755);
    const listing = plan.entries.map((e, i) => `${i} ${e.line} ${plan.describe[i]}`).join('\n');
    writeFileSync(join(dir, `${script.name}.entries`), `${listing}\n`);
  }
}
