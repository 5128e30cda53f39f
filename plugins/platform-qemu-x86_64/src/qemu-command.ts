/**
 * The QEMU command line that runs an image, and how the run's status is read back.
 *
 * Devices: COM1 (0x3f8, IRQ 4) is the console (the app's stdout and stdin) on QEMU's
 * stdio; COM2 (0x2f8, IRQ 3) is stderr and the kernel log, on QEMU's own stderr (the
 * runner's, inherited); the debug console (port 0xe9) writes the status file;
 * isa-debug-exit (port 0xf4) ends QEMU.
 *
 * QEMU has one stdio chardev, so COM2 reaches fd 2 another way: a file chardev opening
 * /proc/self/fd/2 (works for a pipe, a file or a terminal), or, when fd 2 is a socket (what
 * Node's `stdio: 'pipe'` gives a child, which cannot be opened by path), a socket chardev
 * on fd 2 itself.
 */
import { fstatSync } from 'node:fs';
import { type RunCommand, type RunRequest, RUN_STATUS } from '@mewz/core';
import { COM1_PORT, COM2_PORT, DEBUG_EXIT_PORT, DEBUGCON_PORT } from './machine-exit.js';

export const MACHINES = ['microvm', 'q35'] as const;
export type Machine = (typeof MACHINES)[number];

const MiB = 1024 * 1024;

/** Bytes a kernel command line word keeps as they are (docs/kernel-interfaces.md). */
const PLAIN = /[A-Za-z0-9\-._~/:,+@=]/;

/** Percent-encodes every byte of the UTF-8 of `value` outside the plain set. */
export function percentEncode(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && PLAIN.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The kernel command line: `mewz.arg=` per argument (argv[0] first), then `mewz.env=` per variable. */
export function kernelCommandLine(request: Pick<RunRequest, 'args' | 'env'>): string {
  const words = request.args.map((arg) => `mewz.arg=${percentEncode(arg)}`);
  for (const [key, value] of Object.entries(request.env)) words.push(`mewz.env=${percentEncode(`${key}=${value}`)}`);
  return words.join(' ');
}

/** A QEMU option value with its commas doubled, as QEMU's option parser reads them. */
const optionValue = (value: string) => value.replace(/,/g, ',,');

function machineOption(machine: Machine): string {
  // microvm: no option ROMs except what PVH boot needs, no kernel command line additions
  // from QEMU; the PIT (TSC calibration), PIC off (the LAPIC/IOAPIC serve), RTC on (wall
  // clock), ISA serial and debug devices on the ISA bus.
  if (machine === 'microvm') return 'microvm,x-option-roms=off,auto-kernel-cmdline=off,pit=on,pic=off,rtc=on,isa-serial=off';
  return 'q35';
}

/** What QEMU's fd 2 will be: a socket, or anything that can be opened by path. */
export type StderrKind = 'socket' | 'path';

/** The kind of this process's fd 2, which QEMU inherits from a runner that passes its stderr on. */
export function inheritedStderrKind(): StderrKind {
  try {
    return fstatSync(2).isSocket() ? 'socket' : 'path';
  } catch {
    return 'path';
  }
}

function stderrChardev(kind: StderrKind): string {
  return kind === 'socket' ? 'socket,id=stderr,fd=2' : 'file,id=stderr,path=/proc/self/fd/2,append=on';
}

/** The command; `stderr` says what QEMU's fd 2 will be (default: this process's, for a runner that inherits it). */
export function qemuCommand(request: RunRequest, stderr: StderrKind = inheritedStderrKind()): RunCommand {
  const machine = (request.machine ?? MACHINES[0]) as Machine;
  if (!MACHINES.includes(machine)) throw new Error(`qemu-x86_64 has no machine "${request.machine}" (it has ${MACHINES.join(', ')})`);
  if (request.isa !== 'x86_64') throw new Error(`qemu-x86_64 runs x86_64 images, not ${request.isa}`);
  if (!Number.isSafeInteger(request.memory) || request.memory < 16 * MiB) throw new Error(`the machine needs at least 16 MiB of RAM, not ${request.memory} bytes`);
  const megabytes = Math.ceil(request.memory / MiB);
  const args = [
    '-M', machineOption(machine),
    '-accel', request.accel,
    '-cpu', request.accel === 'kvm' ? 'host' : 'max',
    '-m', `${megabytes}M`,
    '-no-reboot',
    '-nodefaults',
    '-display', 'none',
    '-monitor', 'none',
    '-serial', 'none',
    '-kernel', request.image,
    '-append', kernelCommandLine(request),
    '-chardev', 'stdio,id=console,signal=off',
    '-device', `isa-serial,chardev=console,iobase=0x${COM1_PORT.toString(16)},irq=4,index=0`,
    '-chardev', stderrChardev(stderr),
    '-device', `isa-serial,chardev=stderr,iobase=0x${COM2_PORT.toString(16)},irq=3,index=1`,
    '-chardev', `file,id=status,path=${optionValue(request.statusFile)}`,
    '-device', `isa-debugcon,chardev=status,iobase=0x${DEBUGCON_PORT.toString(16)}`,
    '-device', `isa-debug-exit,iobase=0x${DEBUG_EXIT_PORT.toString(16)},iosize=4`,
  ];
  return { command: 'qemu-system-x86_64', args, stdin: 'console', stdout: 'drain', exitStatus };
}

/**
 * The app's status from the last line of the status text: `exit N` → N, `trap` → 134,
 * `panic` → 135; an Error when the VM ended without one.
 */
export function exitStatus(code: number | null, signal: string | null, statusText: string | undefined): number | Error {
  const lines = (statusText ?? '').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const last = lines.at(-1);
  const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;
  if (last === undefined) return new Error(`the VM ended without reporting a status (QEMU ${how})`);
  const exit = /^exit (\d{1,3})$/.exec(last);
  if (exit && Number(exit[1]) <= 255) return Number(exit[1]);
  if (last === 'trap') return RUN_STATUS.trap;
  if (last === 'panic') return RUN_STATUS.panic;
  return new Error(`the VM reported an unknown status "${last.slice(0, 80)}" (QEMU ${how})`);
}
