/**
 * How the image ends the machine: `__mewz_end_machine(text, len, code)` writes the status
 * line `text` to the run's status file through Arm semihosting (the file's path is the
 * semihosting command line, SYS_GET_CMDLINE; SYS_OPEN/SYS_WRITE/SYS_CLOSE), then ends QEMU
 * with SYS_EXIT (ADP_Stopped_ApplicationExit, exit code `code`), then asks PSCI for
 * SYSTEM_OFF through hvc (other VMMs), then waits for interrupts forever.
 *
 * A semihosting or hvc call on a machine without it is an undefined instruction; the
 * exception vectors skip such a call and return -1 (vectors.ts), so every step is tried.
 */
import { type Assembler, mem, sym, x0, x1, x2, x9, x10, x19, x20, x21, x22, x23 } from '@mewz/backend-aarch64';
import { SCRATCH_SIZE, SYMBOLS } from './layout.js';
import { WORDS } from './system-registers.js';

export const END_MACHINE = '__mewz_end_machine';

/** Semihosting operations (Arm's semihosting specification). */
export const SEMIHOSTING = {
  open: 0x01,
  close: 0x02,
  write0: 0x04,
  write: 0x05,
  getCmdline: 0x15,
  exit: 0x18,
} as const;
/** SYS_EXIT's reason for an application that exited; QEMU exits with the subcode. */
export const ADP_STOPPED_APPLICATION_EXIT = 0x20026;
/** SYS_OPEN mode 4: "w" (create or truncate, write). */
const OPEN_WRITE = 4;
export const PSCI_SYSTEM_OFF = 0x8400_0008;
/** Bytes of the status file's path the scratch area holds (after its 64-byte parameter block). */
export const PATH_CAPACITY = SCRATCH_SIZE - 64;

/** QEMU exit codes when the status file cannot be written: the runner's own statuses. */
export const EXIT_CODES = { trap: 134, panic: 135 } as const;

export function endMachineRoutine(a: Assembler): void {
  const noFile = a.newLabel();
  const halt = a.newLabel();
  a.align(16).bind(a.newLabel(END_MACHINE));
  a.msrDaif(true, 0xf);
  a.mov(64, x19, x0).mov(64, x20, x1).mov(64, x21, x2);
  a.loadAddress(x22, sym(SYMBOLS.scratch));
  const call = (op: number) => a.mov(64, x0, op).mov(64, x1, x22).word(WORDS.semihostingCall);
  // The path: SYS_GET_CMDLINE {buffer, capacity} → 0 and the length in the block's second word.
  a.add(64, x9, x22, 64).str(64, x9, mem(x22, 0)).mov(64, x9, PATH_CAPACITY).str(64, x9, mem(x22, 8));
  call(SEMIHOSTING.getCmdline).cbnz(64, x0, noFile);
  a.ldr(64, x10, mem(x22, 8)).cbz(64, x10, noFile);
  // SYS_OPEN {path, mode, length} → handle or -1.
  a.add(64, x9, x22, 64).str(64, x9, mem(x22, 0)).mov(64, x9, OPEN_WRITE).str(64, x9, mem(x22, 8)).str(64, x10, mem(x22, 16));
  call(SEMIHOSTING.open).cmn(64, x0, 1).bcond('eq', noFile);
  a.mov(64, x23, x0);
  // SYS_WRITE {handle, buffer, length}, SYS_CLOSE {handle}.
  a.str(64, x23, mem(x22, 0)).str(64, x19, mem(x22, 8)).str(64, x20, mem(x22, 16));
  call(SEMIHOSTING.write);
  a.str(64, x23, mem(x22, 0));
  call(SEMIHOSTING.close);
  a.bind(noFile);
  a.mov(64, x9, ADP_STOPPED_APPLICATION_EXIT).str(64, x9, mem(x22, 0)).str(64, x21, mem(x22, 8));
  call(SEMIHOSTING.exit);
  a.mov(64, x0, PSCI_SYSTEM_OFF).word(WORDS.hvc0);
  a.bind(halt).wfi().b(halt);
}

/**
 * Ends the machine with the status line `status` (`exit 0`, `trap`, `panic`), after
 * `message` on the semihosting console (stderr). Does not return.
 */
export function endMachine(a: Assembler, status: 'exit 0' | 'trap' | 'panic', message = ''): void {
  const text = a.newLabel();
  if (message) {
    const m = a.newLabel();
    a.mov(64, x0, SEMIHOSTING.write0).adr(x1, m).word(WORDS.semihostingCall);
    const after = a.newLabel();
    a.b(after).bind(m).bytes([...new TextEncoder().encode(message), 0]).align(4, 'zero').bind(after);
  }
  const line = new TextEncoder().encode(`${status}\n`);
  const code = status === 'exit 0' ? 0 : EXIT_CODES[status];
  a.adr(x0, text).mov(64, x1, line.length).mov(64, x2, code).b(sym(END_MACHINE));
  a.bind(text).bytes(line).align(4, 'zero');
}
