import { isAbsolute, relative } from 'node:path';
import { type BuildArgs, buildApp, buildOptions, configFor, registryFor } from '../build-app.js';
import { defineCommand } from '../command.js';

export const buildCommand = defineCommand({
  command: 'build [app]',
  describe: 'compile a WASI app and the kernel it needs into an image',
  builder: (yargs) =>
    buildOptions(yargs.positional('app', { type: 'string', describe: 'a .wasm binary or a .wat text module (or "app" in the config)' }))
      .example('$0 build app.wasm', 'a bootable image for qemu-x86_64: out/app-qemu-x86_64.elf')
      .example('$0 build app.wasm --target x86_64 --platform linux -o app', 'a static Linux executable: ./app args…')
      .example('$0 build -c mewz.config.json', 'everything from the config')
      .epilogue(
        'The app is validated, the kernel components it needs are chosen from its imports and\n' +
          'compiled from AssemblyScript, both are compiled to native code and linked with the\n' +
          "platform's stubs. `mewz run` boots (or, for linux, executes) the image; a linux image\n" +
          "also runs directly. Traps print 'trap: <kind> in <function>' and exit with status 134.",
      ),
  async run(args: BuildArgs, { io }) {
    const config = await configFor(args);
    const { input, built } = await buildApp(config, registryFor(config), args['cache-dir']);
    const rel = relative(process.cwd(), config.output);
    const out = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? config.output : rel;
    io.stdout(`${input.file} → ${out} (${kib(built.elf.length)}; kernel: ${built.components.join(', ')})\n`);
    if (built.stubbed.length > 0) io.stdout(`imports returning ENOSYS: ${built.stubbed.join(', ')}\n`);
    return 0;
  },
});

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
