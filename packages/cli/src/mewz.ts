#!/usr/bin/env node
// The `mewz` executable: process arguments in, exit code out.
import { hideBin } from 'yargs/helpers';
import { processIO } from './io.js';
import { main } from './main.js';

// `mewz inspect big.wasm | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(hideBin(process.argv), processIO());
