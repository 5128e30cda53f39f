// path_*: there are no directories yet (no preopens): a stdio fd is not a directory,
// any other fd is EBADF.
import { unsupported } from "./stdio";

const ENOTDIR: u32 = 54;

function noDir(fd: u32): u32 {
  return unsupported(fd, ENOTDIR);
}

export function path_create_directory(fd: u32, path: u32, len: u32): u32 {
  return noDir(fd);
}

export function path_filestat_get(fd: u32, flags: u32, path: u32, len: u32, out: u32): u32 {
  return noDir(fd);
}

export function path_filestat_set_times(fd: u32, flags: u32, path: u32, len: u32, atim: u64, mtim: u64, fstflags: u32): u32 {
  return noDir(fd);
}

export function path_link(oldFd: u32, oldFlags: u32, oldPath: u32, oldLen: u32, newFd: u32, newPath: u32, newLen: u32): u32 {
  return noDir(oldFd);
}

export function path_open(
  fd: u32,
  dirflags: u32,
  path: u32,
  len: u32,
  oflags: u32,
  rightsBase: u64,
  rightsInheriting: u64,
  fdflags: u32,
  opened: u32,
): u32 {
  return noDir(fd);
}

export function path_readlink(fd: u32, path: u32, len: u32, buf: u32, bufLen: u32, used: u32): u32 {
  return noDir(fd);
}

export function path_remove_directory(fd: u32, path: u32, len: u32): u32 {
  return noDir(fd);
}

export function path_rename(fd: u32, oldPath: u32, oldLen: u32, newFd: u32, newPath: u32, newLen: u32): u32 {
  return noDir(fd);
}

export function path_symlink(oldPath: u32, oldLen: u32, fd: u32, newPath: u32, newLen: u32): u32 {
  return noDir(fd);
}

export function path_unlink_file(fd: u32, path: u32, len: u32): u32 {
  return noDir(fd);
}
