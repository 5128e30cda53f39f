// The Node variant of the cpu suite: `node node-wasi-runner.js prog.wasm [args…]` runs a
// WASI preview1 command the way a user of Node would, with node:wasi, passing on the
// program's arguments and exit status. Built as its own entry (dist/node-wasi-runner.js).
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

// The ES2022 lib has no WebAssembly types (they come with lib.dom); this is all we use.
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
};

const [file, ...args] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: node node-wasi-runner.js <program.wasm> [args…]\n');
  process.exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
