// Unikernel suites: what issue 4 asks tools/bench to record for x86_64 images (and the same
// for aarch64 images on QEMU's virt machine) — the size of
// a C hello world image (target under 512 KiB) and of the WAT hello, the time from QEMU's
// start to the app's first output and to exit (TCG, microvm and q35), and the smallest guest
// RAM at which hello world still runs. QEMU is spawned with the platform's own run command.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlatformPlugin } from '@mewz/core';
import { DEFAULT_TOOLS, type Tools } from '../cpu/commands.js';
import { exec, execOrThrow, firstLine } from '../cpu/exec.js';
import { probeMewz } from '../cpu/mewz.js';
import { resolveTool } from '../cpu/resolve-tool.js';
import { probeVersions } from '../cpu/toolchain.js';
import { describeMachine } from '../machine.js';
import { positiveInteger, UsageError } from '../options.js';
import { findRepoRoot } from '../repo-root.js';
import type { Suite, SuiteContext, SuiteReport } from '../suite.js';
import { smallestPassing } from '../unikernel/bisect.js';
import { bootCorrect, describeBoot, timedBoot } from '../unikernel/boot.js';
import { UNIKERNEL_AARCH64, UNIKERNEL_X86_64, type UnikernelTarget } from '../unikernel/target.js';
import { type ImageFact, type MachineTimes, renderUnikernelReport, type UnikernelRun } from '../unikernel/report.js';

const HELLO_OUTPUT = 'Hello, unikernel!\n';
const MiB = 2 ** 20;

function unikernelSuiteFor(name: string, target: UnikernelTarget): Suite {
  return {
    name,
    description: `${target.isa} unikernel images: size of hello world (C and WAT), QEMU start to first output and to exit (TCG), guest RAM needed`,
    options: {
      runs: { type: 'string', description: 'timed boots per machine type', default: '10' },
      machines: { type: 'string', description: 'comma-separated machine types of the platform', default: target.defaultMachines },
      'ram-max': { type: 'string', description: 'top of the guest RAM bisection, MiB (0 skips the bisection)', default: '256' },
      timeout: { type: 'string', description: 'seconds one boot may take', default: '30' },
    },
    run: (ctx) => runUnikernel(ctx, target),
  };
}

export const unikernelSuite: Suite = unikernelSuiteFor('unikernel', UNIKERNEL_X86_64);
export const unikernelAarch64Suite: Suite = unikernelSuiteFor('unikernel-aarch64', UNIKERNEL_AARCH64);

async function loadPlatform(target: UnikernelTarget): Promise<PlatformPlugin> {
  // Dynamic, so that the other suites load while the platform package is not built.
  const specifier = target.specifier;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`cannot load ${specifier} (build it: npx nx build @mewz/cli): ${(e as Error).message}`);
  }
  const platform = mod[target.exportName] as PlatformPlugin | undefined;
  if (!platform || typeof platform.run !== 'function') throw new UsageError(`${specifier} has no ${target.exportName} with a run() yet`);
  return platform;
}

async function runUnikernel(ctx: SuiteContext, target: UnikernelTarget): Promise<SuiteReport> {
  const runs = positiveInteger(ctx.options.runs, 'runs');
  const timeoutMs = positiveInteger(ctx.options.timeout, 'timeout') * 1000;
  const ramTop = Number(ctx.options['ram-max']);
  if (!Number.isSafeInteger(ramTop) || ramTop < 0) throw new UsageError(`--ram-max must be a non-negative integer (MiB), got '${String(ctx.options['ram-max'])}'`);
  const machineNames = String(ctx.options.machines)
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');

  const machine = describeMachine(); // first, so its load average is the background load, not ours
  const root = findRepoRoot(ctx.cwd);
  const tools: Tools = { cc: resolveTool(DEFAULT_TOOLS.cc), wasmCc: resolveTool(DEFAULT_TOOLS.wasmCc), wasm2c: resolveTool(DEFAULT_TOOLS.wasm2c), node: process.execPath };
  const mewz = probeMewz(root, tools);
  if (!mewz.ok) throw new UsageError(`mewz is not available: ${mewz.reason}`);
  const platform = await loadPlatform(target);
  const unknown = machineNames.filter((m) => !(platform.machines ?? []).includes(m));
  if (unknown.length > 0 || machineNames.length === 0) throw new UsageError(`--machines: ${unknown.join(', ') || 'none given'}; the platform has ${(platform.machines ?? []).join(', ')}`);
  const qemuVersion = exec([target.qemu, '--version'], { timeoutMs: 30_000 });
  if (qemuVersion.status !== 0) throw new UsageError(`${target.qemu} does not run (apt-get install ${target.qemuPackage}): ${qemuVersion.error ?? firstLine(qemuVersion.stderr)}`);
  const qemu = firstLine(qemuVersion.stdout).replace(/^QEMU emulator version /, 'QEMU ');

  const dir = mkdtempSync(path.join(os.tmpdir(), 'mewz-bench-unikernel-'));
  try {
    ctx.log('building the images…');
    const helloWasm = path.join(dir, 'hello.wasm');
    const helloImage = path.join(dir, 'hello-c.img');
    const watImage = path.join(dir, 'hello-wat.img');
    execOrThrow([tools.wasmCc, '--target=wasm32-wasi', '-O2', '-o', helloWasm, path.join(root, 'tools', 'bench', 'apps', 'hello.c')], { timeoutMs: 120_000 });
    execOrThrow([tools.node, mewz.bin, 'build', helloWasm, '--target', target.isa, '-o', helloImage], { cwd: root, timeoutMs: 600_000 });
    const watSource = path.join(root, 'examples', 'hello.wat');
    execOrThrow([tools.node, mewz.bin, 'build', watSource, '--target', target.isa, '-o', watImage], { cwd: root, timeoutMs: 600_000 });
    const images: ImageFact[] = [
      { label: 'C hello world (clang-14 -O2, wasi-libc)', path: 'tools/bench/apps/hello.c', bytes: statSync(helloImage).size },
      { label: 'WAT hello', path: 'examples/hello.wat', bytes: statSync(watImage).size },
    ];
    for (const image of images) ctx.log(`  ${image.label}: ${image.bytes} bytes`);

    const failures: string[] = [];
    const statusFile = path.join(dir, 'status');
    const boot = (machineType: string, ramMiB: number) =>
      timedBoot(
        (request) => platform.run(request),
        { image: helloImage, isa: target.isa, memory: ramMiB * MiB, machine: machineType, accel: 'tcg', args: ['hello'], env: {}, statusFile },
        timeoutMs,
      );
    const times: MachineTimes[] = [];
    for (const machineType of machineNames) {
      ctx.log(`${machineType}: ${runs} boot(s)…`);
      const entry: MachineTimes = { machine: machineType, firstOutputMs: [], exitMs: [], ramMiB: undefined, ramProbes: [], ramTopMiB: ramTop };
      // One untimed boot first: the host's page cache and QEMU's own start-up files warm.
      await boot(machineType, 256);
      for (let i = 0; i < runs; i++) {
        const b = await boot(machineType, 256);
        if (!bootCorrect(b, HELLO_OUTPUT)) {
          failures.push(`${machineType} run ${i + 1}: ${describeBoot(b)}`);
          continue;
        }
        entry.firstOutputMs.push(b.firstOutputMs!);
        entry.exitMs.push(b.exitMs);
      }
      ctx.log(`  first output ${entry.firstOutputMs.map((v) => v.toFixed(0)).join(' ')} ms; exit ${entry.exitMs.map((v) => v.toFixed(0)).join(' ')} ms`);
      if (ramTop > 0) {
        ctx.log(`${machineType}: bisecting guest RAM in [1, ${ramTop}] MiB…`);
        const found = await smallestPassing(1, ramTop, async (mib) => {
          let ok: boolean;
          try {
            ok = bootCorrect(await boot(machineType, mib), HELLO_OUTPUT);
            ctx.log(`  -m ${mib}: ${ok ? 'runs' : 'fails'}`);
          } catch (e) {
            // The platform refuses the size before starting QEMU (a minimum of its own).
            ok = false;
            ctx.log(`  -m ${mib}: refused by the platform: ${(e as Error).message}`);
            entry.ramRefusal ??= (e as Error).message;
            entry.ramRefusedMaxMiB = Math.max(entry.ramRefusedMaxMiB ?? 0, mib);
          }
          return ok;
        });
        entry.ramMiB = found.smallest;
        entry.ramProbes = found.probes;
        if (found.smallest === undefined) failures.push(`${machineType}: hello world does not run even with ${ramTop} MiB`);
      }
      times.push(entry);
    }

    const versions = probeVersions(tools);
    const run: UnikernelRun = {
      isa: target.isa,
      date: ctx.now().toISOString().slice(0, 10),
      machine,
      qemu,
      clang: versions.clang,
      mewzSource: mewz.source,
      accel: 'tcg',
      runs,
      images,
      machines: times,
      failures,
    };
    const markdown = renderUnikernelReport(run);
    ctx.log('');
    ctx.log(markdown);
    return { markdown, failures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
