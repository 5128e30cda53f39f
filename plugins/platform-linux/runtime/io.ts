// stdio for the WASI component: read/write straight from and to the app's memory (the
// addresses are already checked), and fstat turned into a WASI filestat.
import { wasiErrno } from "./errno";
import { EINTR, failed, syscall2, syscall3 } from "./syscalls";

/** The ISA's `struct stat` (isa/<isa>.ts gives its size and the offsets that differ). */
const stat = memory.data(STAT_SIZE, 8);

function transfer(n: i64, fd: u32, addr: u64, len: u32): i64 {
  for (;;) {
    const r = syscall3(n, fd, addr, len);
    if (r == -EINTR) continue;
    return failed(r) ? -<i64>wasiErrno(-r) : r;
  }
}

export function platform_write(fd: u32, addr: u64, len: u32): i64 {
  return transfer(SYS_write, fd, addr, len);
}

export function platform_read(fd: u32, addr: u64, len: u32): i64 {
  return transfer(SYS_read, fd, addr, len);
}

function fileType(mode: u32): u8 {
  switch (mode & 0o170000) {
    case 0o140000: return 6; // socket (stream)
    case 0o120000: return 7; // symbolic link
    case 0o100000: return 4; // regular file
    case 0o060000: return 1; // block device
    case 0o040000: return 3; // directory
    case 0o020000: return 2; // character device
    default: return 0; // unknown (pipes have no WASI type)
  }
}

const NS: u64 = 1_000_000_000;

/** Fills the 64-byte WASI filestat at kernel address `out`; returns a WASI errno. */
export function platform_fd_filestat(fd: u32, out: usize): u32 {
  const r = syscall2(SYS_fstat, fd, <i64>stat);
  if (failed(r)) return wasiErrno(-r);
  memory.fill(out, 0, 64);
  store<u64>(out, load<u64>(stat, 0), 0); // dev
  store<u64>(out, load<u64>(stat, 8), 8); // ino
  store<u8>(out, fileType(load<u32>(stat + STAT_MODE)), 16);
  store<u64>(out, STAT_NLINK_BYTES == 8 ? load<u64>(stat + STAT_NLINK) : <u64>load<u32>(stat + STAT_NLINK), 24); // nlink
  // size and the times are at the same offsets on every 64-bit layout
  store<u64>(out, load<u64>(stat, 48), 32); // size
  store<u64>(out, load<u64>(stat, 72) * NS + load<u64>(stat, 80), 40); // atim
  store<u64>(out, load<u64>(stat, 88) * NS + load<u64>(stat, 96), 48); // mtim
  store<u64>(out, load<u64>(stat, 104) * NS + load<u64>(stat, 112), 56); // ctim
  return 0;
}
