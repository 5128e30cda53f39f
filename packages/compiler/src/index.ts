export * from './ir/types.js';
export * from './ir/ops.js';
export * from './ir/function.js';
export { FunctionBuilder, type Variable, type InstOptions } from './ir/builder.js';
export { printFunction } from './ir/print.js';
export { verifyFunction } from './ir/verify.js';
export { computeCfg, type Cfg } from './analysis/cfg.js';
export { DominatorTree } from './analysis/dominators.js';
