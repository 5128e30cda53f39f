/**
 * The aarch64 backend as a plugin value (core's BackendPlugin): registers and calling
 * convention as data, the relocation table, the inline intrinsics, the assembler, and
 * code generation (instruction selection → register allocation → emission), and the same
 * stage by stage as text for `mewz dump`.
 */
import { inlineIntrinsicsFor, type IrFunction } from '@mewz/compiler';
import type { BackendPlugin, ExplainOptions } from '@mewz/core';
import { callingConvention, registers } from './abi.js';
import { Assembler } from './assembler.js';
import { compileFunction } from './compile.js';
import { explainFunction } from './explain.js';
import { relocationTypes } from './relocations.js';

export { compileFunction };

export const aarch64Backend: BackendPlugin<Assembler> = Object.freeze({
  kind: 'backend' as const,
  name: 'aarch64',
  apiVersion: 1 as const,
  description: 'AArch64 (AAPCS64-like calling convention, Armv8.0-A)',
  isa: 'aarch64',
  pointerSize: 8 as const,
  endianness: 'little' as const,
  registers,
  callingConvention,
  relocations: relocationTypes,
  intrinsics: Object.freeze(inlineIntrinsicsFor('aarch64')),
  createAssembler: () => new Assembler(),
  compile: Object.freeze({
    compileFunction: (fn: unknown, funcIndex: number) => compileFunction(fn as IrFunction, funcIndex),
    explainFunction: (fn: unknown, funcIndex: number, options?: ExplainOptions) => explainFunction(fn as IrFunction, funcIndex, options),
  }),
});
