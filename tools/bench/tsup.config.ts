import { packageBuild } from '../../tsup.base';

// index: the library; cli: what `npm run bench` runs.
export default packageBuild(['src/index.ts', 'src/cli.ts']);
