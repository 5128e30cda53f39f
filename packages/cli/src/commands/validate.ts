import { loadModule } from '@mewz/wasm';
import { defineCommand } from '../command.js';
import { EXIT, reportError } from '../errors.js';
import { loadInput } from '../load-input.js';
import { withWasmErrors } from '../wasm-errors.js';

export const validateCommand = defineCommand({
  command: 'validate <files..>',
  describe: 'check that modules decode and validate (Wasm 2.0)',
  builder: (yargs) =>
    yargs
      .positional('files', { type: 'string', array: true, demandOption: true, describe: '.wasm binaries or .wat text modules' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing for valid modules' })
      .example('$0 validate app.wasm', "prints 'app.wasm: valid', or the first error and exits 1")
      .epilogue(
        "Errors read 'file:0xOFFSET: malformed|invalid: detail (func N)'. For .wat input the offset is\n" +
          'into the binary wabt encodes. Exit status: 0 all valid, 1 some file failed, 2 usage error.',
      ),
  async run(args, { io, debug }) {
    let status: number = EXIT.ok;
    // Every file is checked even after a failure, so one run reports them all.
    for (const file of args.files) {
      try {
        const input = await loadInput(file);
        withWasmErrors(file, () => loadModule(input.bytes));
        if (!args.quiet) io.stdout(`${file}: valid\n`);
      } catch (error) {
        status = Math.max(status, reportError(error, io, debug));
      }
    }
    return status;
  },
});
