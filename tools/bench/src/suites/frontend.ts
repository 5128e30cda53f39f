// Frontend suite: how fast @mewz/wasm decodes and validates a large, realistic module.
import { decodeModule, validateModule } from '@mewz/wasm';
import { DEFAULT_SEED, generateSyntheticModule } from '../gen/module.js';
import { describeMachine, machineLine } from '../machine.js';
import { measure, throughputMBps, type Timing } from '../measure.js';
import { nonNegativeInteger, positiveInteger, positiveNumber } from '../options.js';
import type { Suite, SuiteContext, SuiteReport } from '../suite.js';

/** The goal from the frontend issue: decode + validate of 10 MB well under a second. */
const TARGET_MS = 1000;
const TARGET_BYTES = 10e6;

export const frontendSuite: Suite = {
  name: 'frontend',
  description: 'decode and validate a synthetic ~10 MB module with @mewz/wasm',
  options: {
    size: { type: 'string', description: 'megabytes of code to generate', default: '10' },
    runs: { type: 'string', description: 'timed runs per phase', default: '10' },
    warmup: { type: 'string', description: 'untimed runs before timing', default: '3' },
    seed: { type: 'string', description: 'generator seed (decimal or 0x hex)', default: `0x${DEFAULT_SEED.toString(16)}` },
  },
  run: runFrontend,
};

async function runFrontend(ctx: SuiteContext): Promise<SuiteReport> {
  const sizeMB = positiveNumber(ctx.options.size, 'size');
  const runs = positiveInteger(ctx.options.runs, 'runs');
  const warmup = nonNegativeInteger(ctx.options.warmup, 'warmup');
  const seed = nonNegativeInteger(ctx.options.seed, 'seed');

  const machine = describeMachine(); // first, so its load average is the background load, not ours
  ctx.log(`generating a module with ${sizeMB} MB of code (seed 0x${seed.toString(16)})…`);
  const mod = generateSyntheticModule({ codeBytes: Math.round(sizeMB * 1e6), seed });
  const bytes = mod.bytes;
  ctx.log(`  ${bytes.length} bytes, ${mod.functionCount} functions`);

  // Fail early, with the frontend's own message, if the generator and the frontend disagree.
  validateModule(decodeModule(bytes));

  const opts = { runs, warmup };
  ctx.log(`timing ${runs} run(s) per phase after ${warmup} warm-up run(s)…`);
  const decode = measure('decode', () => decodeModule(bytes), opts);
  const decoded = decodeModule(bytes);
  const validate = measure('validate', () => validateModule(decoded), opts);
  const both = measure('decode + validate', () => validateModule(decodeModule(bytes)), opts);
  const timings = [decode, validate, both];
  for (const t of timings) ctx.log(`  ${t.label.padEnd(18)} ${fmtMs(t.medianMs)} median, ${throughputMBps(bytes.length, t.medianMs).toFixed(1)} MB/s`);

  const date = ctx.now().toISOString().slice(0, 10);
  // Judged on time per 10 MB, so that a run with --size other than 10 still says something true.
  const per10MB = (both.medianMs * TARGET_BYTES) / bytes.length;
  const verdict = per10MB < TARGET_MS ? 'met' : '**not met**';
  const markdown = [
    '## frontend: decode + validate',
    '',
    `Run on ${date}; ${machineLine(machine)}.`,
    '',
    `Module: ${fmtMB(bytes.length)} (${bytes.length.toLocaleString('en-US')} bytes), ${mod.functionCount.toLocaleString('en-US')} functions ` +
      `with ${fmtMB(mod.codeBytes)} of code, made by tools/bench/src/gen (seed 0x${seed.toString(16)}); ` +
      `${runs} timed ${runs === 1 ? 'run' : 'runs'} per phase after ${warmup} warm-up ${warmup === 1 ? 'run' : 'runs'}.`,
    '',
    '| phase | median | min | max | throughput (median) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...timings.map(row(bytes.length)),
    '',
    `Target, decode + validate of 10 MB well under ${TARGET_MS} ms: ${verdict} (${fmtMs(per10MB)} per 10 MB at the median throughput).`,
  ].join('\n');
  return { markdown };
}

function row(size: number) {
  return (t: Timing): string =>
    `| ${t.label} | ${fmtMs(t.medianMs)} | ${fmtMs(t.minMs)} | ${fmtMs(t.maxMs)} | ${throughputMBps(size, t.medianMs).toFixed(1)} MB/s |`;
}

function fmtMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

function fmtMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}
