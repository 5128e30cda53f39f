// The file descriptors this component knows: the three stdio streams of the platform.
// Every other fd is EBADF until a filesystem or network component provides more.
import { EBADF } from "./errno";

export function isStdio(fd: u32): bool {
  return fd <= 2;
}

/** `ifStdio` for stdio streams (an operation they do not support), EBADF for any other fd. */
export function unsupported(fd: u32, ifStdio: u32): u32 {
  return isStdio(fd) ? ifStdio : EBADF;
}
