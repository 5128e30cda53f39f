import { decodeModule } from './decode-module.js';
import type { Module } from './model.js';
import { validateModule } from './validate-module.js';

/** Decodes and validates; throws WasmError ('malformed' or 'invalid'). */
export function loadModule(bytes: Uint8Array): Module {
  const m = decodeModule(bytes);
  validateModule(m);
  return m;
}
