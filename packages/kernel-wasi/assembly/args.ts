// args_* and environ_*: the platform's strings copied into the app's buffers.
import { appAddress, storeU32 } from "./app-memory";
import { EFAULT, EINVAL, ESUCCESS } from "./errno";
import { nativeCopy, nativeStrlen } from "./native";
import { platform_arg, platform_arg_count, platform_env, platform_env_count } from "./platform";

/** Count and total bytes (NULs included) of a string list; stores them; returns an errno. */
function sizes(countPtr: u32, bytesPtr: u32, env: bool): u32 {
  if (appAddress(countPtr, 4) == 0 || appAddress(bytesPtr, 4) == 0) return EFAULT;
  const count = env ? platform_env_count() : platform_arg_count();
  let bytes: u64 = 0;
  for (let i: u32 = 0; i < count; i++) bytes += <u64>nativeStrlen(env ? platform_env(i) : platform_arg(i)) + 1;
  if (bytes > 0xffff_ffff) return EINVAL;
  storeU32(countPtr, count);
  storeU32(bytesPtr, <u32>bytes);
  return ESUCCESS;
}

/** Writes the pointers to `ptrs` and the strings to `buf`; returns an errno. */
function strings(ptrs: u32, buf: u32, env: bool): u32 {
  const count = env ? platform_env_count() : platform_arg_count();
  if (appAddress(ptrs, count * 4) == 0) return EFAULT;
  let at: u64 = buf;
  for (let i: u32 = 0; i < count; i++) {
    const s = env ? platform_env(i) : platform_arg(i);
    const len = nativeStrlen(s) + 1;
    if (at + len > 0xffff_ffff) return EFAULT;
    const dst = appAddress(<u32>at, len);
    if (dst == 0) return EFAULT;
    nativeCopy(dst, s, len);
    storeU32(ptrs + i * 4, <u32>at);
    at += len;
  }
  return ESUCCESS;
}

export function args_sizes_get(argc: u32, bufSize: u32): u32 {
  return sizes(argc, bufSize, false);
}

export function args_get(argv: u32, buf: u32): u32 {
  return strings(argv, buf, false);
}

export function environ_sizes_get(count: u32, bufSize: u32): u32 {
  return sizes(count, bufSize, true);
}

export function environ_get(environ: u32, buf: u32): u32 {
  return strings(environ, buf, true);
}
