// The WASI preview1 component: every export below is a kernel export the build binds app
// imports of `wasi_snapshot_preview1` to (by name and type).
export { mewz_attach_app } from "./app-memory";
export {
  fd_advise,
  fd_allocate,
  fd_close,
  fd_datasync,
  fd_fdstat_get,
  fd_fdstat_set_flags,
  fd_fdstat_set_rights,
  fd_filestat_get,
  fd_filestat_set_size,
  fd_filestat_set_times,
  fd_pread,
  fd_prestat_dir_name,
  fd_prestat_get,
  fd_pwrite,
  fd_read,
  fd_readdir,
  fd_renumber,
  fd_seek,
  fd_sync,
  fd_tell,
  fd_write,
} from "./fd";
export { args_get, args_sizes_get, environ_get, environ_sizes_get } from "./args";
export { clock_res_get, clock_time_get, proc_exit, proc_raise, random_get, sched_yield } from "./proc";
export { poll_oneoff } from "./poll";
export {
  path_create_directory,
  path_filestat_get,
  path_filestat_set_times,
  path_link,
  path_open,
  path_readlink,
  path_remove_directory,
  path_rename,
  path_symlink,
  path_unlink_file,
} from "./path";
export { sock_accept, sock_recv, sock_send, sock_shutdown } from "./sock";
