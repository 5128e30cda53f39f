/**
 * The 46 functions of WASI preview1 (module `wasi_snapshot_preview1`) with their Wasm
 * types, all of which the component exports (see ../shared/reference/wasi-and-sockets.md).
 */
export const WASI_PREVIEW1 = {
  args_get: { params: ['i32', 'i32'], results: ['i32'] },
  args_sizes_get: { params: ['i32', 'i32'], results: ['i32'] },
  environ_get: { params: ['i32', 'i32'], results: ['i32'] },
  environ_sizes_get: { params: ['i32', 'i32'], results: ['i32'] },
  clock_res_get: { params: ['i32', 'i32'], results: ['i32'] },
  clock_time_get: { params: ['i32', 'i64', 'i32'], results: ['i32'] },
  fd_advise: { params: ['i32', 'i64', 'i64', 'i32'], results: ['i32'] },
  fd_allocate: { params: ['i32', 'i64', 'i64'], results: ['i32'] },
  fd_close: { params: ['i32'], results: ['i32'] },
  fd_datasync: { params: ['i32'], results: ['i32'] },
  fd_fdstat_get: { params: ['i32', 'i32'], results: ['i32'] },
  fd_fdstat_set_flags: { params: ['i32', 'i32'], results: ['i32'] },
  fd_fdstat_set_rights: { params: ['i32', 'i64', 'i64'], results: ['i32'] },
  fd_filestat_get: { params: ['i32', 'i32'], results: ['i32'] },
  fd_filestat_set_size: { params: ['i32', 'i64'], results: ['i32'] },
  fd_filestat_set_times: { params: ['i32', 'i64', 'i64', 'i32'], results: ['i32'] },
  fd_pread: { params: ['i32', 'i32', 'i32', 'i64', 'i32'], results: ['i32'] },
  fd_prestat_get: { params: ['i32', 'i32'], results: ['i32'] },
  fd_prestat_dir_name: { params: ['i32', 'i32', 'i32'], results: ['i32'] },
  fd_pwrite: { params: ['i32', 'i32', 'i32', 'i64', 'i32'], results: ['i32'] },
  fd_read: { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  fd_readdir: { params: ['i32', 'i32', 'i32', 'i64', 'i32'], results: ['i32'] },
  fd_renumber: { params: ['i32', 'i32'], results: ['i32'] },
  fd_seek: { params: ['i32', 'i64', 'i32', 'i32'], results: ['i32'] },
  fd_sync: { params: ['i32'], results: ['i32'] },
  fd_tell: { params: ['i32', 'i32'], results: ['i32'] },
  fd_write: { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  path_create_directory: { params: ['i32', 'i32', 'i32'], results: ['i32'] },
  path_filestat_get: { params: ['i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  path_filestat_set_times: { params: ['i32', 'i32', 'i32', 'i32', 'i64', 'i64', 'i32'], results: ['i32'] },
  path_link: { params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  path_open: { params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i64', 'i64', 'i32', 'i32'], results: ['i32'] },
  path_readlink: { params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  path_remove_directory: { params: ['i32', 'i32', 'i32'], results: ['i32'] },
  path_rename: { params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  path_symlink: { params: ['i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  path_unlink_file: { params: ['i32', 'i32', 'i32'], results: ['i32'] },
  poll_oneoff: { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  proc_exit: { params: ['i32'], results: [] },
  proc_raise: { params: ['i32'], results: ['i32'] },
  sched_yield: { params: [], results: ['i32'] },
  random_get: { params: ['i32', 'i32'], results: ['i32'] },
  sock_accept: { params: ['i32', 'i32', 'i32'], results: ['i32'] },
  sock_recv: { params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  sock_send: { params: ['i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'] },
  sock_shutdown: { params: ['i32', 'i32'], results: ['i32'] },
} as const satisfies Record<string, { params: readonly ('i32' | 'i64')[]; results: readonly 'i32'[] }>;

export type WasiFunction = keyof typeof WASI_PREVIEW1;

export const WASI_PREVIEW1_FUNCTIONS = Object.keys(WASI_PREVIEW1) as WasiFunction[];

/** What the component imports from the platform's kernel component (assembly/platform.ts). */
export const PLATFORM_SERVICES = [
  'platform_write',
  'platform_read',
  'platform_fd_filestat',
  'platform_clock_time',
  'platform_clock_res',
  'platform_sleep',
  'platform_random',
  'platform_exit',
  'platform_yield',
  'platform_arg_count',
  'platform_arg',
  'platform_env_count',
  'platform_env',
] as const;
