// The kernel command line (docs/kernel-interfaces.md): words separated by spaces (tabs and
// line ends count as spaces too, as boot loaders append them); `mewz.arg=VALUE` words are
// the app's argv in order, `mewz.env=KEY=VALUE` its environment, `mewz.log=LEVEL` the log
// level; every other word is ignored. VALUE is percent-encoded. An encoding that cannot be
// decoded — `%` not followed by two hex digits, or `%00`, which a NUL-terminated string
// cannot hold — stays as the bytes written, with a warning: the app sees what was passed.
import { LOG_DEBUG, LOG_ERROR, LOG_INFO, LOG_WARN, logBegin, setLogLevel } from "./log";
import { machine_cmdline } from "./machine";
import { bytes, finish, text } from "./message";
import { nativeCopy, nativeStrlen } from "./native";

let argc: u32 = 0;
let envc: u32 = 0;
/** Kernel addresses (u32 each) of the NUL-terminated argument and environment strings. */
let argv: usize = 0;
let envp: usize = 0;

export function argCount(): u32 {
  return argc;
}

export function envCount(): u32 {
  return envc;
}

/** Native address of argument `i`, 0 when there is none. */
export function arg(i: u32): u64 {
  return i < argc ? <u64>load<u32>(argv + 4 * i) : 0;
}

export function env(i: u32): u64 {
  return i < envc ? <u64>load<u32>(envp + 4 * i) : 0;
}

function isSpace(c: u32): bool {
  return c == 32 || c == 9 || c == 10 || c == 13;
}

function hexValue(c: u32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Whether the bytes at `p` (up to `end`) start with the ASCII `prefix`. */
function startsWith(p: usize, end: usize, prefix: string): bool {
  if (<usize>prefix.length > end - p) return false;
  for (let i = 0; i < prefix.length; i++) if (<u32>load<u8>(p + i) != <u32>prefix.charCodeAt(i)) return false;
  return true;
}

function equals(p: usize, end: usize, s: string): bool {
  return <usize>s.length == end - p && startsWith(p, end, s);
}

/**
 * Decodes [src, end) to `dst` (dst <= src, so it may decode in place) and NUL-terminates
 * it; returns whether an encoding was kept as written.
 */
function decode(src: usize, end: usize, dst: usize): bool {
  let kept = false;
  while (src < end) {
    const c = <u32>load<u8>(src);
    if (c == 37 && end - src >= 3) {
      const hi = hexValue(load<u8>(src + 1));
      const lo = hexValue(load<u8>(src + 2));
      if (hi >= 0 && lo >= 0 && (hi | lo) != 0) {
        store<u8>(dst++, <u8>(hi * 16 + lo));
        src += 3;
        continue;
      }
    }
    if (c == 37) kept = true;
    store<u8>(dst++, <u8>c);
    src++;
  }
  store<u8>(dst, 0);
  return kept;
}

/** A decoded string: its address is recorded in `list` at `index`. */
function decodeWord(valueStart: usize, end: usize, wordStart: usize, list: usize, index: u32): void {
  // The value is written over the word from its start: decoding never lengthens it, and
  // the terminating NUL lands at most on the separator after the word.
  if (decode(valueStart, end, wordStart) && logBegin(LOG_WARN)) {
    text("command line: a percent-encoding that cannot be decoded is kept as written: ");
    bytes(<u64>wordStart, <u32>nativeStrlen(<u64>wordStart));
    finish();
  }
  store<u32>(list + 4 * index, <u32>wordStart);
}

function setLevel(p: usize, end: usize): void {
  if (equals(p, end, "error")) setLogLevel(LOG_ERROR);
  else if (equals(p, end, "warn")) setLogLevel(LOG_WARN);
  else if (equals(p, end, "info")) setLogLevel(LOG_INFO);
  else if (equals(p, end, "debug")) setLogLevel(LOG_DEBUG);
  else if (logBegin(LOG_WARN)) {
    text("command line: unknown log level \"");
    bytes(<u64>p, <u32>(end - p));
    text("\" (error, warn, info or debug); keeping the level");
    finish();
  }
}

/** The end of the word that starts at `p`. */
function wordEnd(p: usize): usize {
  while (load<u8>(p) != 0 && !isSpace(load<u8>(p))) p++;
  return p;
}

/**
 * Reads the command line the machine reports into kernel memory (a copy, decoded in
 * place) and records the arguments and environment. The log level is set first, so the
 * warnings of the other words follow it.
 */
export function parseCommandLine(): void {
  const addr = machine_cmdline();
  if (addr == 0) return;
  const len = nativeStrlen(addr);
  const line = heap.alloc(<usize>len + 1);
  nativeCopy(<u64>line, addr, len);
  store<u8>(line + len, 0);
  const lineEnd = line + len;

  let words: u32 = 0;
  for (let p = line; p < lineEnd; ) {
    if (isSpace(load<u8>(p))) {
      p++;
      continue;
    }
    const end = wordEnd(p);
    words++;
    if (startsWith(p, end, "mewz.log=")) setLevel(p + 9, end);
    p = end;
  }
  argv = heap.alloc(4 * <usize>(words + 1));
  envp = heap.alloc(4 * <usize>(words + 1));
  for (let p = line; p < lineEnd; ) {
    if (isSpace(load<u8>(p))) {
      p++;
      continue;
    }
    const end = wordEnd(p);
    if (startsWith(p, end, "mewz.arg=")) decodeWord(p + 9, end, p, argv, argc++);
    else if (startsWith(p, end, "mewz.env=")) decodeWord(p + 9, end, p, envp, envc++);
    p = end + 1;
  }
}
