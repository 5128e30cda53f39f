import { decodeModule } from '@mewz/wasm';
import { defineCommand } from '../command.js';
import { formatInspect } from '../format-inspect.js';
import { inspectFacts } from '../inspect-facts.js';
import { loadInput } from '../load-input.js';
import { withWasmErrors } from '../wasm-errors.js';

const JSON_HELP = `With --json, prints one object: file, format ("wasm" | "wat"), size, types,
imports [{module, name, kind, index, ...}], exports [{name, kind, index, ...}],
functions {imported, defined, total}, memories [{index, import, pages, bytes}],
tables [{index, import, elemType, limits}], globals [{index, import, type, mutable, init}],
start {index, name} | null, elementSegments, dataSegments, dataBytes,
customSections [{name, size}]. Limits are {min, max} with max null when absent.
Every field is described in packages/cli/README.md.

inspect decodes but does not validate; use 'mewz validate' for that.`;

export const inspectCommand = defineCommand({
  command: 'inspect <file>',
  describe: 'show what a module imports, exports and contains',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'a .wasm binary or a .wat text module' })
      .option('json', { type: 'boolean', default: false, describe: 'print the facts as JSON' })
      .example('$0 inspect app.wasm', 'human-readable summary')
      .example('$0 inspect app.wat --json', 'the same facts as JSON')
      .epilogue(JSON_HELP),
  async run(args, { io }) {
    const input = await loadInput(args.file);
    const mod = withWasmErrors(input.file, () => decodeModule(input.bytes));
    const facts = inspectFacts(mod, input);
    io.stdout(args.json ? `${JSON.stringify(facts, null, 2)}\n` : formatInspect(facts));
    return 0;
  },
});
