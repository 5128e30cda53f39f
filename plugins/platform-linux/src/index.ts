/** @mewz/platform-linux: the `linux` platform and its kernel component, the Linux runtime. */
export { linuxPlatform, hostRunner } from './platform.js';
export { linuxRuntime, LINUX_SERVICES } from './runtime-component.js';
export { linuxMemoryMap, LINUX_ISAS, LOAD_ADDRESS, WINDOW_BASE, WINDOW_SIZE } from './memory-map.js';
export { stubsFor, type IsaStubs } from './stubs.js';
export { stackMargin, START_FAILURE_STATUS, STACK_BOTTOM, STACK_TOP, CATCH_SYMBOL, CATCH_FRAME_SYMBOL } from './stub-constants.js';
/** The x86_64 stubs by their historical names. */
export { bootStub, trapStub, builtinStubs } from './x86_64-stubs.js';
export { catchStubs } from './x86_64-catch.js';

import { linuxPlatform } from './platform.js';
import { linuxRuntime } from './runtime-component.js';

/** Both plugins, for a config's `plugins` list or the CLI's built-ins. */
export const plugins = [linuxPlatform, linuxRuntime] as const;
export default plugins;
