export { Trap, InterpError, MemoryFault } from './errors.js';
export { type Slot, constSlot, slotFits, slotBits, irTypeOf } from './values.js';
export { AddressSpace, Region, type AllocateOptions, FIRST_ADDRESS } from './memory.js';
export { SymbolTable, type HostFunction, type FunctionTarget, type FunctionSymbol, CODE_BASE } from './symbols.js';
export { Machine, type MachineOptions } from './exec.js';
export { PAGE_SIZE, TABLE_UNBOUNDED, memoryNew, memoryGrow, tableNew, tableGrow } from './builtins.js';
export * from './host.js';
export * from './instance.js';
export { nearest, integerToF32, f32Bits, f32Value, f64Bits, f64Value, CANONICAL_NAN32, CANONICAL_NAN64 } from '../ir/eval/float.js';
