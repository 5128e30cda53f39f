// External tools are looked up on PATH but outside node_modules: `npm run` puts
// node_modules/.bin first, and the npm package wabt ships its own (newer) wasm2c, whose
// output does not compile against the Debian wasm2c runtime in /usr/share/wabt.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The first executable `name` on `searchPath` outside node_modules, or `name` itself if none is found. */
export function resolveTool(name: string, searchPath: string = process.env.PATH ?? '', isExecutable: (file: string) => boolean = executable): string {
  if (name.includes('/')) return name;
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '' || dir.split(path.sep).includes('node_modules')) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return name;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `searchPath` without its node_modules folders: what a shell outside npm would search. */
export function pathOutsideNodeModules(searchPath: string = process.env.PATH ?? ''): string {
  return searchPath
    .split(path.delimiter)
    .filter((dir) => dir !== '' && !dir.split(path.sep).includes('node_modules'))
    .join(path.delimiter);
}
