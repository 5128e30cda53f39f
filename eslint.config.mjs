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
  // Platforms write their stubs with the assembler of the backend the build hands them,
  // naming the instructions and registers of the ISAs they support.
  { sourceTag: 'layer:platform', onlyDependOnLibsWithTags: ['layer:object', 'layer:core', 'layer:backend'] },
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
  // AssemblyScript (kernel components, the platforms' runtimes) is checked by asc, not by eslint.
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/*.cjs', '**/assembly/**', 'plugins/*/runtime/**'] },
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
