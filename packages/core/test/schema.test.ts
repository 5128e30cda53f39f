import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { CONFIG_DEFAULTS, configSchema, parseSize } from '../src/index.js';

const root = join(__dirname, '..');

describe('the shipped config schema', () => {
  const properties = configSchema.properties as Record<string, { default?: unknown; properties?: Record<string, { default?: unknown }> }>;

  it('is a valid draft-07 schema that editors can use as is', () => {
    // Non-strict, as editors are: "errorMessage" is mewz's own annotation, which they ignore.
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(configSchema)).toBe(true);
    expect(() => ajv.compile(configSchema)).not.toThrow();
  });

  it('is the file in schema/, which the package ships', () => {
    const file = JSON.parse(readFileSync(join(root, 'schema', 'mewz.config.schema.json'), 'utf8'));
    expect(configSchema).toEqual(file);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(manifest.files).toContain('schema');
    expect(manifest.exports['./schema/mewz.config.schema.json']).toBe('./schema/mewz.config.schema.json');
  });

  it('documents the defaults the loader applies', () => {
    expect(properties.target.default).toBe(CONFIG_DEFAULTS.target);
    expect(properties.missingImports.default).toBe(CONFIG_DEFAULTS.missingImports);
    for (const [key, bytes] of Object.entries(CONFIG_DEFAULTS.memory)) {
      expect(parseSize(properties.memory.properties![key].default as string)).toEqual({ bytes });
    }
  });

  it('describes every key', () => {
    for (const [key, value] of Object.entries(properties)) {
      expect([key, typeof (value as { description?: unknown }).description]).toEqual([key, 'string']);
    }
  });
});
