import { packageBuild } from '../../tsup.base';

// index: the library; cli: what `npm run bench` runs; node-wasi-runner: the cpu suite's
// Node variant, a script of its own.
export default packageBuild(['src/index.ts', 'src/cli.ts', 'src/node-wasi-runner.ts']);
