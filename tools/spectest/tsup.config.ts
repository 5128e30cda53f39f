import { packageBuild } from '../../tsup.base';

// yargs is a root dev dependency: keep it external so node resolves it at run time.
export default packageBuild(['src/index.ts', 'src/cli.ts', 'src/native-worker.ts'], { external: ['yargs', 'yargs/helpers'] });
