// The kernel log: lines `mewz: <level>: <message>` on stderr, printed when their level is
// at or below the one chosen with `mewz.log=` (default warn).
import { begin, bytes, finish, text } from "./message";

export const LOG_ERROR: u32 = 0;
export const LOG_WARN: u32 = 1;
export const LOG_INFO: u32 = 2;
export const LOG_DEBUG: u32 = 3;

let level: u32 = LOG_WARN;

export function setLogLevel(l: u32): void {
  level = l;
}

export function logLevel(): u32 {
  return level;
}

/**
 * Starts a log line at level `l`: false when that level is not printed (the caller then
 * skips the line). Finish the line with message.ts's text/decimal/hex, then finish().
 */
export function logBegin(l: u32): bool {
  if (l > LOG_DEBUG) l = LOG_DEBUG;
  if (l > level) return false;
  begin();
  text("mewz: ");
  text(l == LOG_ERROR ? "error" : l == LOG_WARN ? "warn" : l == LOG_INFO ? "info" : "debug");
  text(": ");
  return true;
}

/** kernel_log: a message from another component, `len` bytes at a native address. */
export function logMessage(l: u32, message: u64, len: u32): void {
  if (!logBegin(l)) return;
  bytes(message, len);
  finish();
}
