/**
 * Runs compiled Wasm as a static aarch64 Linux executable: lowers a WAT module, compiles
 * every function, links it with the test runtime and runs it under qemu-aarch64 (directly
 * on an aarch64 Linux host). The exported `main` (func (result i32)) gives the exit
 * status; a trap exits with 100 + code.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lowerModule } from '@mewz/compiler';
import { link, standardLayout, writeElf64 } from '@mewz/linker';
import { ObjectBuilder, type ObjectFile } from '@mewz/object';
import { loadModule } from '@mewz/wasm';
import { compileFunction, relocationTypes } from '../src/index.js';
import { runtimeObject } from './native-runtime.js';
import { watToWasm } from './wat.js';

const nativeHost = platform() === 'linux' && arch() === 'arm64';
const hasQemu = platform() === 'linux' && spawnSync('qemu-aarch64', ['--version']).status === 0;
/** Whether aarch64 executables can run here (natively or under qemu-user). */
export const canRunAarch64 = nativeHost || hasQemu;
export const cannotRunReason = 'neither an aarch64 Linux host nor qemu-aarch64 (Debian package qemu-user)';

export async function moduleObject(wat: string, trusted = false): Promise<{ object: ObjectFile; main: string; instantiate: string; vmctx: string }> {
  const module = loadModule(await watToWasm(wat));
  const lowered = lowerModule(module, { prefix: 'm', trusted });
  const b = new ObjectBuilder('m.o', 'aarch64');
  lowered.functions.forEach((f, i) => {
    const { code, relocations } = compileFunction(f, i < module.functions.length ? module.importedFuncCount + i : -1);
    b.addFunction(f.name, code, { relocations });
  });
  for (const d of lowered.data) {
    b.addData(d.symbol, d.writable ? 'data' : 'rodata', d.bytes, { alignment: Math.max(d.align, 1), binding: d.weak ? 'weak' : 'global' });
  }
  const main = module.exports.find((e) => e.kind === 'func' && e.name === 'main');
  if (!main) throw new Error('the test module exports no "main"');
  return { object: b.build(), main: lowered.symbols.func(main.index), instantiate: lowered.symbols.instantiate, vmctx: lowered.symbols.vmctx };
}

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout?: string;
}

/** Builds and runs a module; its `main` result (low 8 bits) is the exit status. */
export async function runWat(wat: string, options: { trusted?: boolean } = {}): Promise<RunResult> {
  const { object, main, instantiate, vmctx } = await moduleObject(wat, options.trusted);
  const image = link({
    objects: [object, runtimeObject(main, instantiate, vmctx)],
    relocationTypes: relocationTypes as never,
    layout: standardLayout({ base: 0x400000n }),
    entry: '_start',
  });
  const dir = mkdtempSync(join(tmpdir(), 'mewz-a64-'));
  try {
    const path = join(dir, 'a.out');
    writeFileSync(path, writeElf64(image, { machine: 'aarch64', type: 'exec', gnuStack: true }));
    chmodSync(path, 0o755);
    const run = nativeHost ? spawnSync(path, [], { timeout: 60_000 }) : spawnSync('qemu-aarch64', [path], { timeout: 60_000 });
    if (run.error && (run.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw run.error;
    const stdout = run.stdout?.toString() ?? '';
    return stdout ? { status: run.status, signal: run.signal, stdout } : { status: run.status, signal: run.signal };
  } finally {
    if (!process.env.KEEP_BINARY) rmSync(dir, { recursive: true, force: true });
    else console.log(dir);
  }
}
