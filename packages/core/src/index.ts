// Plugin interfaces
export { PLUGIN_API_VERSION, PLUGIN_KINDS } from './plugins/plugin.js';
export type { Plugin, PluginBase, PluginKind, PluginOfKind, PluginsByKind } from './plugins/plugin.js';
export { REGISTER_CLASSES, relocationTable } from './plugins/backend.js';
export type {
  BackendPlugin,
  CallingConvention,
  CompileHooks,
  CompileStage,
  ExplainOptions,
  Register,
  RegisterClass,
  RegistersByClass,
} from './plugins/backend.js';
export type { AssembledCode, Assembler, Label } from './plugins/assembler.js';
export { CONSOLE_EOF, CONSOLE_ESCAPE, KERNEL_WINDOW, PLATFORM_SYMBOLS, RUN_STATUS } from './plugins/platform.js';
export type {
  ImageFormat,
  KernelEntry,
  LayoutRequest,
  MemoryMap,
  MemoryRegion,
  PlatformPlugin,
  RunCommand,
  RunRequest,
  StubContext,
} from './plugins/platform.js';
export type { ComponentPlugin, ComponentRequirements, JsonSchema, SymbolRef } from './plugins/component.js';
export {
  checkRunRequest,
  inheritedStderrKind,
  kernelCommandLine,
  MACHINE_SERVICES,
  machineComponent,
  percentEncode,
  qemuOptionValue,
  qemuStderrChardev,
  unikernelExitStatus,
} from './plugins/unikernel-run.js';
export type { StderrKind, UnikernelMachines } from './plugins/unikernel-run.js';
export { checkPlugin } from './plugins/check-plugin.js';

// Registry
export { createRegistry, importModule } from './registry/registry.js';
export type { ModuleLoader, Registry, RegistryOptions } from './registry/registry.js';
export { PluginError } from './registry/plugin-error.js';

// Suggestions, shared with the CLI for its own messages
export { closeMatches, closestMatch, didYouMean, editDistance } from './suggest.js';

// Config
export { loadConfig, parseConfig } from './config/load-config.js';
export type { ParseConfigOptions } from './config/load-config.js';
export { mergeConfig } from './config/merge-config.js';
export type { MergeConfigOptions } from './config/merge-config.js';
export { resolveComponentOptions } from './config/component-options.js';
export { ConfigError, formatProblem } from './config/config-error.js';
export type { ConfigProblem } from './config/config-error.js';
export { CONFIG_DEFAULTS } from './config/normalize.js';
export { configSchema } from './config/schema.js';
export { formatSize, parseSize } from './config/size.js';
export type { SizeResult } from './config/size.js';
export type {
  ComponentSelection,
  ComponentsInput,
  MemoryConfig,
  MewzConfig,
  MewzConfigInput,
  MewzConfigOverrides,
  MissingImports,
  SizeInput,
} from './config/config.js';

// Linker layouts, for platforms (which do not import the linker themselves)
export { LinkError, standardLayout } from '@mewz/linker';
export type { LayoutSpec, StandardLayoutOptions } from '@mewz/linker';

// The build pipeline
export { buildImage, RUNTIME_FUNCTION_FLAG } from './build/build-image.js';
export type { BuildInput, BuildPhase, BuiltImage } from './build/build-image.js';
export { buildFromConfig, writeImage } from './build/build-from-config.js';
export { BuildError } from './build/build-error.js';
export { compileKernel, componentEntryFiles, ascFlags, defaultCacheDir } from './build/compile-kernel.js';
export type { CompiledKernel, KernelCompileOptions } from './build/compile-kernel.js';
export { bindAppImports, bindKernelImports, KERNEL_MODULE } from './build/bind-imports.js';
export type { ImportTarget } from './build/bind-imports.js';
export { selectComponents } from './build/select-components.js';
export { trapInfo } from './build/trap-info.js';
// Building blocks of the pipeline, for tools that compose images of their own (the spec runner)
export { abs64Type, buildObject, compilerOf, stubObject } from './build/emit-objects.js';
export type { CompileFunction, FunctionUnit } from './build/emit-objects.js';
export { builtinThunk, reportTrapFunction } from './build/glue.js';
export type { GlueData } from './build/glue.js';
export { kernelExport } from './build/bind-imports.js';
