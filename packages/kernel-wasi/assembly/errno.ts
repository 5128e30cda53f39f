// WASI preview1 errno values (the subset this component returns).
export const ESUCCESS: u32 = 0;
export const E2BIG: u32 = 1;
export const EBADF: u32 = 8;
export const EFAULT: u32 = 21;
export const EINVAL: u32 = 28;
export const EIO: u32 = 29;
export const ENOSYS: u32 = 52;
export const ENOTSOCK: u32 = 57;
export const ENOTSUP: u32 = 58;
export const ESPIPE: u32 = 70;
export const ENOTCAPABLE: u32 = 76;
