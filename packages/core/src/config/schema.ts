import type { ValidateFunction } from 'ajv';
import schema from '../../schema/mewz.config.schema.json';
import { createAjv } from '../json-schema.js';

/** The JSON Schema of `mewz.config.json`, as shipped in `schema/`. */
export const configSchema: Readonly<Record<string, unknown>> = schema;

/**
 * A validator for a whole config file, or for overrides (any part of a config). Compiled
 * per call: a compiled Ajv function keeps its last errors on itself, so sharing one would
 * be shared mutable state, and configs are loaded rarely enough for that not to matter.
 */
export function compileConfigValidator(what: 'config' | 'overrides'): ValidateFunction {
  const ajv = createAjv();
  // Our own annotation: the message to show when a value fails a pattern or every anyOf branch.
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return ajv.compile(what === 'config' ? schema : { ...schema, required: [] });
}
