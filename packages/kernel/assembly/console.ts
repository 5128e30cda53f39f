// stdio on the machine console. stdout and stderr are its two output streams; stdin is
// its input with the framing of docs/kernel-interfaces.md: 0x04 ends the input, 0x10
// makes the next byte literal. A read blocks (halting) until a byte or the end arrives.
import { waitForEvent } from "./event-loop";
import { machine_console_read, machine_console_write } from "./machine";
import { nativeCopy } from "./native";

const EBADF: i64 = 8;
const END_OF_INPUT: i32 = 0x04;
const ESCAPE: i32 = 0x10;

/** Input has ended (0x04 seen): every read returns 0 from now on. */
let ended = false;
/** An 0x10 was the last byte read: the next one is data whatever it is. */
let escaped = false;

const STAGE: u32 = 256;
const stage = memory.data(<i32>STAGE);

export function consoleWrite(fd: u32, addr: u64, len: u32): i64 {
  if (fd != 1 && fd != 2) return -EBADF;
  if (len != 0) machine_console_write(fd, addr, len);
  return <i64>len;
}

/** Takes what the console holds, up to `len` bytes, unframed into `addr`: the bytes stored. */
function drain(addr: u64, len: u32): u32 {
  let done: u32 = 0;
  let staged: u32 = 0;
  while (done + staged < len && !ended) {
    const c = machine_console_read();
    if (c < 0) break;
    if (escaped) escaped = false;
    else if (c == ESCAPE) {
      escaped = true;
      continue;
    } else if (c == END_OF_INPUT) {
      ended = true;
      break;
    }
    store<u8>(stage + staged++, <u8>c);
    if (staged == STAGE) {
      nativeCopy(addr + done, <u64>stage, staged);
      done += staged;
      staged = 0;
    }
  }
  nativeCopy(addr + done, <u64>stage, staged);
  return done + staged;
}

export function consoleRead(fd: u32, addr: u64, len: u32): i64 {
  if (fd != 0) return -EBADF;
  if (len == 0) return 0;
  for (;;) {
    const n = drain(addr, len);
    if (n > 0 || ended) return <i64>n;
    waitForEvent();
  }
  return 0;
}

/** The WASI filestat of a stdio fd: a character device, everything else zero; an errno. */
export function consoleFilestat(fd: u32, out: usize): u32 {
  if (fd > 2) return <u32>EBADF;
  memory.fill(out, 0, 64);
  store<u8>(out, 2, 16); // filetype: character device
  store<u64>(out, 1, 24); // nlink
  return 0;
}
