// Linux errno → WASI errno.

export function wasiErrno(linux: i64): u32 {
  switch (<i32>linux) {
    case 1: return 63; // EPERM
    case 2: return 44; // ENOENT
    case 4: return 27; // EINTR
    case 5: return 29; // EIO
    case 6: return 60; // ENXIO
    case 9: return 8; // EBADF
    case 11: return 6; // EAGAIN
    case 12: return 48; // ENOMEM
    case 13: return 2; // EACCES
    case 14: return 21; // EFAULT
    case 16: return 10; // EBUSY
    case 17: return 20; // EEXIST
    case 20: return 54; // ENOTDIR
    case 21: return 31; // EISDIR
    case 22: return 28; // EINVAL
    case 24: return 33; // EMFILE
    case 25: return 59; // ENOTTY
    case 27: return 22; // EFBIG
    case 28: return 51; // ENOSPC
    case 29: return 70; // ESPIPE
    case 30: return 69; // EROFS
    case 32: return 64; // EPIPE
    case 38: return 52; // ENOSYS
    case 104: return 15; // ECONNRESET
    case 110: return 73; // ETIMEDOUT
    default: return 29; // EIO
  }
}
