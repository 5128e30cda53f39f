import { isRecord } from '../plugins/shape.js';

/**
 * The values a loaded module offers as plugins: its default export and its named `plugin`
 * export, each either one plugin or an array of them. A CommonJS module or transpiled ESM
 * arrives with its exports object as `default`; that object is looked into once.
 */
export function exportedPluginValues(namespace: unknown): unknown[] {
  if (!isRecord(namespace)) return [];
  const values: unknown[] = [];
  const add = (value: unknown): void => {
    if (value === undefined) return;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (!values.includes(item)) values.push(item);
    }
  };
  const main = namespace.default;
  if (isRecord(main) && !('kind' in main) && ('default' in main || 'plugin' in main)) {
    add(main.default);
    add(main.plugin);
  } else {
    add(main);
  }
  add(namespace.plugin);
  return values;
}
