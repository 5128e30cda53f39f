// The compile suite's in-process view: `node compile-phases-runner.js app.wasm out
// [cacheDir]` builds app.wasm as `mewz build app.wasm --target x86_64 --platform linux -o
// out` does (the same config parsing, registry and built-in plugins), with core's onPhase
// hook timing each phase, and prints one JSON line (compile/runner-report.ts). A fresh
// process per build, so Node's start-up, module loading and a cold JIT count as they do for
// a user. Built as its own entry (dist/compile-phases-runner.js).
import { readFileSync } from 'node:fs';
import type { BuildPhase } from '@mewz/core';
import { loadBuiltinPlugins } from './compile/builtins.js';
import type { RunnerReport } from './compile/runner-report.js';

const startupMs = performance.now(); // performance's origin is the process start
const [app, out, cacheDir] = process.argv.slice(2);
if (app === undefined || out === undefined) {
  process.stderr.write('usage: node compile-phases-runner.js <app.wasm> <out> [kernel cache dir]\n');
  process.exit(2);
}

const core = await import('@mewz/core');
const builtins = await loadBuiltinPlugins();
const loadMs = performance.now() - startupMs;

const config = core.parseConfig(JSON.stringify({ app, target: 'x86_64', platform: 'linux', output: out }), 'command line', { baseDir: process.cwd() });
const registry = core.createRegistry({ builtins, baseDir: config.baseDir });
const phases: Partial<Record<BuildPhase, number>> = {};
const built = await core.buildFromConfig(config, registry, new Uint8Array(readFileSync(config.app)), {
  cacheDir,
  onPhase: (phase, ms) => (phases[phase] = (phases[phase] ?? 0) + ms),
});
const writeStart = performance.now();
await core.writeImage(config.output, built.elf);
const totalMs = performance.now();

const usage = process.resourceUsage();
const report: RunnerReport = {
  startupMs,
  loadMs,
  phases: phases as Record<BuildPhase, number>,
  writeMs: totalMs - writeStart,
  totalMs,
  cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  maxRssKiB: usage.maxRSS,
  kernelCached: built.kernelCached,
  elfBytes: built.elf.length,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
