import Ajv, { type ErrorObject, type Options } from 'ajv';

/**
 * A fresh Ajv for draft-07 schemas. `allErrors` so that every problem is reported at
 * once, `verbose` so that errors carry the schema they failed (for suggestions).
 */
export function createAjv(options: Options = {}): Ajv {
  return new Ajv({ allErrors: true, verbose: true, logger: false, ...options });
}

export type SchemaError = ErrorObject;
