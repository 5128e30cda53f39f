/** @mewz/platform-linux: the `linux` platform and its kernel component, the Linux runtime. */
export { linuxPlatform } from './platform.js';
export { linuxRuntime, LINUX_SERVICES } from './runtime-component.js';
export { linuxMemoryMap, LOAD_ADDRESS, WINDOW_BASE, WINDOW_SIZE } from './memory-map.js';
export { bootStub, trapStub, builtinStubs, stackMargin, START_FAILURE_STATUS, STACK_BOTTOM, STACK_TOP } from './x86_64-stubs.js';
export { catchStubs, CATCH_SYMBOL, CATCH_FRAME_SYMBOL } from './x86_64-catch.js';

import { linuxPlatform } from './platform.js';
import { linuxRuntime } from './runtime-component.js';

/** Both plugins, for a config's `plugins` list or the CLI's built-ins. */
export const plugins = [linuxPlatform, linuxRuntime] as const;
export default plugins;
