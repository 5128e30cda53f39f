// Library surface of the benchmark harness: suites, the synthetic module generator (also
// useful as a large test input elsewhere), and the pieces a new suite needs.
export { runBench, findRepoRoot, type BenchIO } from './run.js';
export type { Suite, SuiteContext, SuiteOptionSpec, SuiteReport } from './suite.js';
export { SUITES } from './suites/index.js';
export { frontendSuite } from './suites/frontend.js';
export { cpuSuite } from './suites/cpu.js';
export { compileSuite } from './suites/compile.js';
export { unikernelSuite } from './suites/unikernel.js';
export { generateSyntheticModule, DEFAULT_SEED, type SyntheticModule, type SyntheticModuleOptions } from './gen/module.js';
export { generateCProgram, DEFAULT_C_SEED, type CProgram, type CProgramOptions } from './gen/c/program.js';
export { ByteWriter } from './gen/byte-writer.js';
export { Rng } from './gen/rng.js';
export { measure, median, throughputMBps, type MeasureOptions, type Timing } from './measure.js';
export { describeMachine, machineLine, type MachineInfo } from './machine.js';
export { upsertSection, BENCHMARKS_HEADER } from './record.js';
export { UsageError } from './options.js';
