// Entry of `npm run bench -- <suite>` (the root script runs the built dist/cli.js).
import { runBench } from './run.js';

const code = await runBench(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  now: () => new Date(),
  debug: Boolean(process.env.MEWZ_DEBUG),
});
process.exitCode = code;
