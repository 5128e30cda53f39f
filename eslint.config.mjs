// Lint: TypeScript rules plus the layering of docs/architecture.md, enforced on
// project tags (each package.json carries "nx": { "tags": ["layer:…"] }).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const layers = [
  // The frontend and the object model stand alone.
  { sourceTag: 'layer:frontend', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'layer:object', onlyDependOnLibsWithTags: [] },
  // The compiler sees Wasm and objects; backends see the compiler's IR and the object
  // model, never another backend or the linker.
  { sourceTag: 'layer:compiler', onlyDependOnLibsWithTags: ['layer:frontend', 'layer:object'] },
  { sourceTag: 'layer:backend', onlyDependOnLibsWithTags: ['layer:compiler', 'layer:object', 'layer:core'] },
  { sourceTag: 'layer:linker', onlyDependOnLibsWithTags: ['layer:object'] },
  // Platforms write their stubs with whatever backend the build hands them.
  { sourceTag: 'layer:platform', onlyDependOnLibsWithTags: ['layer:object', 'layer:core'] },
  // Kernel components are AssemblyScript packages: they never import the toolchain.
  { sourceTag: 'layer:kernel', onlyDependOnLibsWithTags: ['layer:kernel'] },
  // core composes frontend, compiler, linker; the cli composes core and the built-in plugins.
  { sourceTag: 'layer:core', onlyDependOnLibsWithTags: ['layer:frontend', 'layer:compiler', 'layer:object', 'layer:linker'] },
  {
    sourceTag: 'layer:cli',
    onlyDependOnLibsWithTags: ['layer:core', 'layer:frontend', 'layer:compiler', 'layer:object', 'layer:linker', 'layer:backend', 'layer:platform', 'layer:kernel'],
  },
  { sourceTag: 'layer:tool', onlyDependOnLibsWithTags: ['*'] },
];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: layers, checkDynamicDependenciesExceptions: [] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
