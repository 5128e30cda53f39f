// sock_* (preview1 shapes): no network component yet, so no fd is a socket.
import { ENOTSOCK } from "./errno";
import { unsupported } from "./stdio";

export function sock_accept(fd: u32, flags: u32, out: u32): u32 {
  return unsupported(fd, ENOTSOCK);
}

export function sock_recv(fd: u32, iovs: u32, iovsLen: u32, riflags: u32, nread: u32, roflags: u32): u32 {
  return unsupported(fd, ENOTSOCK);
}

export function sock_send(fd: u32, iovs: u32, iovsLen: u32, siflags: u32, nsent: u32): u32 {
  return unsupported(fd, ENOTSOCK);
}

export function sock_shutdown(fd: u32, how: u32): u32 {
  return unsupported(fd, ENOTSOCK);
}
