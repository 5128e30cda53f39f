// Kernel panic: `mewz: kernel panic: <message>` on stderr, then the machine ends with
// kind 2. A panic while panicking (the console itself failing, say) ends it at once.
import { EXIT_PANIC, machine_exit } from "./machine";
import { begin, bytes, finish, text } from "./message";

let panicking = false;

function start(): void {
  if (panicking) {
    machine_exit(EXIT_PANIC, 0);
    unreachable();
  }
  panicking = true;
  begin();
  text("mewz: kernel panic: ");
}

function end(): void {
  finish();
  machine_exit(EXIT_PANIC, 0);
  unreachable();
}

/** kernel_panic: the message is `len` bytes at a native address. */
export function panicWith(message: u64, len: u32): void {
  start();
  bytes(message, len);
  end();
}

export function panic(message: string): void {
  start();
  text(message);
  end();
}
