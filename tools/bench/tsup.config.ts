import { packageBuild } from '../../tsup.base';

// index: the library; cli: what `npm run bench` runs; node-wasi-runner: the cpu suite's
// Node variant, a script of its own; compile-phases-runner: the compile suite's timed
// build. The toolchain stays external (resolved from the workspace at run time), so the
// runner runs the same built packages as the CLI does.
export default packageBuild(['src/index.ts', 'src/cli.ts', 'src/node-wasi-runner.ts', 'src/compile-phases-runner.ts'], { external: [/^@mewz\//] });
