// Shared jest setup: TypeScript through swc, and @mewz/* imports resolved to the
// workspace sources so that tests never depend on stale builds.
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const moduleNameMapper = {};
for (const group of ['packages', 'plugins', 'tools']) {
  const dir = path.join(root, group);
  if (!fs.existsSync(dir)) continue;
  for (const name of fs.readdirSync(dir)) {
    const pkgFile = path.join(dir, name, 'package.json');
    const src = path.join(dir, name, 'src', 'index.ts');
    if (!fs.existsSync(pkgFile) || !fs.existsSync(src)) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    moduleNameMapper[`^${pkg.name.replace('/', '\\/')}$`] = src;
  }
}
// Sources import siblings as './x.js' (ESM style); map them back to the .ts file.
moduleNameMapper['^(\\.{1,2}/.*)\\.js$'] = '$1';

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch: ['**/?(*.)test.ts'],
};
