// The linux platform's kernel component: what the WASI component needs from the
// platform (`platform_*`, bound to its `mewz:kernel` imports), the runtime builtins
// generated code calls (memory_new, memory_grow, table_new, table_grow), and the entry
// points the image's startup and trap code call (mewz_init, mewz_trap).
export { mewz_init, platform_arg, platform_arg_count, platform_env, platform_env_count, platform_exit, platform_random, platform_yield } from "./process";
export { platform_fd_filestat, platform_read, platform_write } from "./io";
export { platform_clock_res, platform_clock_time, platform_sleep } from "./clock";
export { memory_grow, memory_new, table_grow, table_new } from "./memory";
export { mewz_trap } from "./trap";
