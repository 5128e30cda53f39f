// Library surface of @mewz/cli: `main` for embedding and tests, and the pieces commands
// are built from. The executable is mewz.ts.
export { main } from './main.js';
export { BUILTIN_PLUGINS } from './builtins.js';
export { COMMANDS } from './commands/index.js';
export { inspectCommand } from './commands/inspect.js';
export { validateCommand } from './commands/validate.js';
export { defineCommand, type CliCommand, type CommandContext, type CommandSpec } from './command.js';
export { processIO, type CliIO } from './io.js';
export { CliError, UsageError, EXIT, reportError } from './errors.js';
export { loadInput, detectFormat, type InputFormat, type LoadedInput } from './load-input.js';
export { watToWasm, WASM2_FEATURES } from './wat.js';
export { inspectFacts, constExprText, type InspectFacts } from './inspect-facts.js';
export { formatInspect, signatureText, bytesText } from './format-inspect.js';
