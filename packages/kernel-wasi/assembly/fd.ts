// fd_* functions: reads and writes on stdio, their fdstat and filestat; the rest
// answer with the errno a stream (or a missing fd) gives.
import { appAddress, copyIn, copyOut, storeU32 } from "./app-memory";
import { EBADF, EFAULT, EINVAL, ENOTSUP, ESPIPE, ESUCCESS } from "./errno";
import { platform_fd_filestat, platform_read, platform_write } from "./platform";
import { isStdio, unsupported } from "./stdio";

/** Most iovecs one call takes (Linux's IOV_MAX). */
const IOV_MAX: u32 = 1024;
const iov = memory.data(8, 8);
const filestat = memory.data(64, 8);
const fdstat = memory.data(24, 8);

// Rights bits (WASI preview1).
const RIGHT_FD_READ: u64 = 1 << 1;
const RIGHT_FD_FDSTAT_SET_FLAGS: u64 = 1 << 3;
const RIGHT_FD_WRITE: u64 = 1 << 6;
const RIGHT_FD_FILESTAT_GET: u64 = 1 << 21;
const RIGHT_POLL_FD_READWRITE: u64 = 1 << 27;

/**
 * Checks every iovec of [iovs, iovs + 8 * count) and its buffer before any byte moves
 * (as Linux's readv/writev do); returns an errno.
 */
function checkIovecs(iovs: u32, count: u32): u32 {
  if (count > IOV_MAX) return EINVAL;
  if (appAddress(iovs, count * 8) == 0) return EFAULT;
  let total: u64 = 0;
  for (let i: u32 = 0; i < count; i++) {
    copyIn(iov, iovs + i * 8, 8);
    const len = load<u32>(iov, 4);
    if (appAddress(load<u32>(iov), len) == 0) return EFAULT;
    total += len;
  }
  return total > 0xffff_ffff ? EINVAL : ESUCCESS;
}

/** Runs `transfer` over each iovec until one moves less than asked; stores the total at `donePtr`. */
function transferIovecs(fd: u32, iovs: u32, count: u32, donePtr: u32, write: bool): u32 {
  if (!isStdio(fd)) return EBADF;
  if (appAddress(donePtr, 4) == 0) return EFAULT;
  const bad = checkIovecs(iovs, count);
  if (bad != ESUCCESS) return bad;
  let done: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    copyIn(iov, iovs + i * 8, 8);
    const len = load<u32>(iov, 4);
    if (len == 0) continue;
    // Checked again: an earlier read may have overwritten this iovec with a bad one.
    const addr = appAddress(load<u32>(iov), len);
    if (addr == 0) {
      if (done == 0) return EFAULT;
      break;
    }
    const r = write ? platform_write(fd, addr, len) : platform_read(fd, addr, len);
    if (r < 0) {
      // An error after some bytes moved reports those bytes, as POSIX does.
      if (done == 0) return <u32>-r;
      break;
    }
    done += <u32>r;
    if (<u32>r < len) break;
  }
  storeU32(donePtr, done);
  return ESUCCESS;
}

export function fd_write(fd: u32, iovs: u32, iovsLen: u32, nwritten: u32): u32 {
  return transferIovecs(fd, iovs, iovsLen, nwritten, true);
}

export function fd_read(fd: u32, iovs: u32, iovsLen: u32, nread: u32): u32 {
  return transferIovecs(fd, iovs, iovsLen, nread, false);
}

export function fd_filestat_get(fd: u32, out: u32): u32 {
  if (!isStdio(fd)) return EBADF;
  const err = platform_fd_filestat(fd, filestat);
  if (err != ESUCCESS) return err;
  return copyOut(out, filestat, 64) ? ESUCCESS : EFAULT;
}

export function fd_fdstat_get(fd: u32, out: u32): u32 {
  if (!isStdio(fd)) return EBADF;
  const err = platform_fd_filestat(fd, filestat);
  if (err != ESUCCESS) return err;
  memory.fill(fdstat, 0, 24);
  store<u8>(fdstat, load<u8>(filestat, 16)); // fs_filetype
  // Streams: no seek or tell (which is also how wasi-libc's isatty tells a terminal).
  const io = fd == 0 ? RIGHT_FD_READ : RIGHT_FD_WRITE;
  store<u64>(fdstat, io | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE, 8);
  return copyOut(out, fdstat, 24) ? ESUCCESS : EFAULT;
}

export function fd_pread(fd: u32, iovs: u32, iovsLen: u32, offset: u64, nread: u32): u32 {
  return unsupported(fd, ESPIPE);
}

export function fd_pwrite(fd: u32, iovs: u32, iovsLen: u32, offset: u64, nwritten: u32): u32 {
  return unsupported(fd, ESPIPE);
}

export function fd_seek(fd: u32, delta: i64, whence: u32, newOffset: u32): u32 {
  return unsupported(fd, ESPIPE);
}

export function fd_tell(fd: u32, offset: u32): u32 {
  return unsupported(fd, ESPIPE);
}

export function fd_advise(fd: u32, offset: u64, len: u64, advice: u32): u32 {
  return unsupported(fd, ESPIPE);
}

export function fd_allocate(fd: u32, offset: u64, len: u64): u32 {
  return unsupported(fd, ENOTSUP);
}

/** Closing stdio is accepted and does nothing: the streams stay usable for the runtime's own messages. */
export function fd_close(fd: u32): u32 {
  return unsupported(fd, ESUCCESS);
}

export function fd_datasync(fd: u32): u32 {
  return unsupported(fd, EINVAL);
}

export function fd_sync(fd: u32): u32 {
  return unsupported(fd, EINVAL);
}

export function fd_fdstat_set_flags(fd: u32, flags: u32): u32 {
  return unsupported(fd, ENOTSUP);
}

export function fd_fdstat_set_rights(fd: u32, base: u64, inheriting: u64): u32 {
  return unsupported(fd, ENOTSUP);
}

export function fd_filestat_set_size(fd: u32, size: u64): u32 {
  return unsupported(fd, EINVAL);
}

export function fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, flags: u32): u32 {
  return unsupported(fd, ENOTSUP);
}

/** No preopened directories: wasi-libc scans from fd 3 until it gets EBADF. */
export function fd_prestat_get(fd: u32, out: u32): u32 {
  return EBADF;
}

export function fd_prestat_dir_name(fd: u32, path: u32, len: u32): u32 {
  return EBADF;
}

export function fd_readdir(fd: u32, buf: u32, len: u32, cookie: u64, used: u32): u32 {
  return unsupported(fd, ENOTSUP);
}

export function fd_renumber(fd: u32, to: u32): u32 {
  return isStdio(fd) && isStdio(to) ? ENOTSUP : EBADF;
}
