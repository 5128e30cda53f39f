import type { ValidateFunction } from 'ajv';
import schema from '../../schema/mewz.config.schema.json';
import { createAjv } from '../json-schema.js';

/** The JSON Schema of `mewz.config.json`, as shipped in `schema/`. */
export const configSchema: Readonly<Record<string, unknown>> = schema;

/**
 * Validators for a whole config and for overrides (any part of one). Compiled per call:
 * a compiled Ajv function keeps its last errors on itself, so sharing one would be shared
 * mutable state, and configs are loaded rarely enough for that not to matter.
 */
export function compileConfigValidators(): { config: ValidateFunction; overrides: ValidateFunction } {
  const ajv = createAjv();
  // Our own annotation: the message to show when a value fails a pattern or every anyOf branch.
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return {
    config: ajv.compile(schema),
    overrides: ajv.compile({ ...schema, required: [] }),
  };
}
