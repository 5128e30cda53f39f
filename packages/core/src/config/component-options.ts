import { createAjv } from '../json-schema.js';
import type { ComponentPlugin } from '../plugins/component.js';
import type { MewzConfig } from './config.js';
import { ConfigError } from './config-error.js';
import { pointerSegment } from './json-parse.js';
import { schemaProblems } from './schema-problems.js';

/**
 * The options a component is built with: its `defaults`, overridden key by key by the
 * config's `components.<name>` object, checked against the component's options schema.
 * Problems are reported at `/components/<name>/...` of the config file.
 */
export function resolveComponentOptions(component: ComponentPlugin, config: MewzConfig): Record<string, unknown> {
  const options = { ...component.defaults, ...config.components.options[component.name] };
  if (component.options === undefined) {
    const given = Object.keys(config.components.options[component.name] ?? {});
    if (given.length === 0) return options;
    throw new ConfigError(
      given.map((key) => ({
        file: config.file ?? 'config',
        pointer: `/components/${pointerSegment(component.name)}/${pointerSegment(key)}`,
        message: `unknown option: component "${component.name}" has no options`,
      })),
    );
  }
  const validate = createAjv({ strict: false }).compile(component.options);
  if (validate(options)) return options;
  const prefix = `/components/${pointerSegment(component.name)}`;
  throw new ConfigError(
    schemaProblems(validate.errors ?? []).map((problem) => ({
      file: config.file ?? 'config',
      pointer: `${prefix}${problem.pointer}`,
      message: problem.message,
    })),
  );
}
