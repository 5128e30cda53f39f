import { packageBuild } from '../../tsup.base';

// index: the library (main, commands); mewz: the executable behind package.json "bin".
export default packageBuild(['src/index.ts', 'src/mewz.ts']);
