// Plugin interfaces
export { PLUGIN_API_VERSION, PLUGIN_KINDS } from './plugins/plugin.js';
export type { Plugin, PluginBase, PluginKind, PluginOfKind, PluginsByKind } from './plugins/plugin.js';
export { REGISTER_CLASSES } from './plugins/backend.js';
export type {
  BackendPlugin,
  CallingConvention,
  CompileHooks,
  Register,
  RegisterClass,
  RegistersByClass,
} from './plugins/backend.js';
export type {
  AsmRelocation,
  AssembledCode,
  Assembler,
  ImmediateOperand,
  Label,
  MemoryOperand,
  Operand,
  RegisterOperand,
  SymbolOperand,
} from './plugins/assembler.js';
export {
  RELOCATION_KINDS,
  RELOCATION_PAGE_SIZE,
  RelocationRangeError,
  applyRelocation,
  checkAlignment,
  checkBits,
  checkSignedBits,
  checkUnsignedBits,
  relocationValue,
} from './plugins/relocation.js';
export type { RelocationKind, RelocationSite, RelocationType } from './plugins/relocation.js';
export type {
  ImageFormat,
  MemoryMap,
  MemoryRegion,
  PlatformPlugin,
  RunCommand,
  RunRequest,
  StubContext,
} from './plugins/platform.js';
export type { ComponentPlugin, ComponentRequirements, JsonSchema, SymbolRef } from './plugins/component.js';
export { checkPlugin } from './plugins/check-plugin.js';

// Registry
export { createRegistry, importModule } from './registry/registry.js';
export type { ModuleLoader, Registry, RegistryOptions } from './registry/registry.js';
export { PluginError } from './registry/plugin-error.js';

// Suggestions, shared with the CLI for its own messages
export { closestMatch, didYouMean, editDistance } from './suggest.js';
