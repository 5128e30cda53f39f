/**
 * How the image ends the machine by itself (when the kernel cannot): the status line on
 * the debug console (port 0xe9, the run's status file), then isa-debug-exit (port 0xf4).
 * Where neither device exists (other VMMs), it halts with interrupts off.
 */
import { type Assembler, rax, rcx, rdx, rip, rsi } from '@mewz/backend-x86_64';

export const DEBUGCON_PORT = 0xe9;
export const DEBUG_EXIT_PORT = 0xf4;
export const COM1_PORT = 0x3f8;
export const COM2_PORT = 0x2f8;

/** Writes `text` byte by byte to an I/O port (uses rax, rcx, rdx, rsi). */
export function writePort(a: Assembler, port: number, text: string): void {
  const bytes = new TextEncoder().encode(text);
  const data = a.newLabel();
  const loop = a.newLabel();
  const done = a.newLabel();
  a.lea(64, rsi, rip(data)).mov(32, rcx, bytes.length).mov(32, rdx, port);
  a.bind(loop).movzx(32, rax, 8, { base: rsi, disp: 0 }).out(8, rdx);
  a.alu('add', 64, rsi, 1).alu('sub', 32, rcx, 1).jcc('ne', loop);
  a.jmp(done);
  a.bind(data).bytes(bytes);
  a.bind(done);
}

/** Ends the machine with the status line `status` (e.g. `exit 0`, `panic`), after `message` on COM2 (stderr). */
export function endMachine(a: Assembler, status: string, message = ''): void {
  if (message) writePort(a, COM2_PORT, message);
  writePort(a, DEBUGCON_PORT, `${status}\n`);
  a.alu('xor', 32, rax, rax).out(32, DEBUG_EXIT_PORT);
  const halt = a.newLabel();
  a.bind(halt).cli().hlt().jmp(halt);
}
