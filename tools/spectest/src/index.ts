export * from './commands.js';
export * from './executor.js';
export { ValidateExecutor } from './validate-executor.js';
export { InterpExecutor, type InterpOptions } from './interp-executor.js';
export * from './runner.js';
export { formatReport, summaryLine } from './report.js';
export { DEFAULT_SPEC_DIR, findRepoRoot, resolveSpecDir } from './spec-dir.js';
export { HOST_MODULE_NAME, HOST_MODULE_WAT, hostModuleBinary } from './host-module.js';
