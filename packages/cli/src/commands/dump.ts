import { createRegistry, type BackendPlugin, PluginError } from '@mewz/core';
import { loadModule } from '@mewz/wasm';
import { BUILTIN_PLUGINS } from '../builtins.js';
import { defineCommand } from '../command.js';
import { BACKEND_STAGES, dumpStages, formatStages, IR_STAGES } from '../dump-stages.js';
import { CliError } from '../errors.js';
import { findFunction } from '../find-function.js';
import { loadInput } from '../load-input.js';
import { withWasmErrors } from '../wasm-errors.js';

const STAGES = [...IR_STAGES, ...BACKEND_STAGES];

type DumpArgs = { file: string; function: string; target: string } & Partial<Record<`dump-${string}`, boolean>>;

export const dumpCommand = defineCommand({
  command: 'dump <file>',
  describe: 'show each stage of compiling one function, IR to machine code',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'a .wasm binary or a .wat text module' })
      .option('function', { alias: 'f', type: 'string', demandOption: true, describe: 'index (function index space), name-section name or export name' })
      .option('target', { alias: 't', type: 'string', default: 'x86_64', describe: 'ISA: a backend plugin' })
      .option('dump-ir', { type: 'boolean', describe: 'the IR as lowered from Wasm' })
      .option('dump-opt', { type: 'boolean', describe: 'the IR after the optimisation passes' })
      .option('dump-vcode', { type: 'boolean', describe: "the backend's instruction selection (virtual registers)" })
      .option('dump-regalloc', { type: 'boolean', describe: 'the register allocation: frame, copies, instructions with registers' })
      .option('dump-asm', { type: 'boolean', describe: 'the machine code: offsets, bytes, disassembly, relocations' })
      .example('$0 dump app.wasm --function main', 'every stage of "main"')
      .example('$0 dump app.wat -f 3 --dump-opt --dump-asm', 'function 3: optimised IR and machine code')
      .epilogue(
        'Without --dump-* flags every stage is shown. The function is compiled as `mewz build`\n' +
          'compiles the app, so its symbols (app.f3) and calls read as in the image; relocations\n' +
          'name the symbols the linker will fill in.',
      ),
  async run(args: DumpArgs, { io }) {
    const input = await loadInput(args.file);
    const module = withWasmErrors(input.file, () => loadModule(input.bytes));
    const fn = findFunction(module, args.function, input.file);
    const backend = await backendFor(args.target);
    const flagged = STAGES.filter((name) => args[`dump-${name}`] === true);
    let wanted: readonly string[] = flagged.length > 0 ? flagged : STAGES;
    if (flagged.length === 0 && backend.compile?.explainFunction === undefined) {
      // Asked for everything: show what there is rather than nothing.
      io.stderr(`mewz: backend "${backend.name}" cannot show its code generation; showing the IR stages only\n`);
      wanted = IR_STAGES;
    }
    const stages = await dumpStages(module, fn.index, backend, wanted);
    io.stdout(`;; ${fn.label} of ${input.file}, target ${backend.isa}\n\n${formatStages(stages)}`);
    return 0;
  },
});

async function backendFor(target: string): Promise<BackendPlugin> {
  try {
    return await createRegistry({ builtins: BUILTIN_PLUGINS, baseDir: process.cwd() }).resolve('backend', target);
  } catch (error) {
    if (error instanceof PluginError) throw new CliError(`mewz: ${error.message}`);
    throw error;
  }
}
