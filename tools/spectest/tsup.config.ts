import { packageBuild } from '../../tsup.base';

// yargs and wabt are root dev dependencies: keep them external so node resolves them at run time.
export default packageBuild(['src/index.ts', 'src/cli.ts'], { external: ['yargs', 'yargs/helpers', 'wabt'] });
