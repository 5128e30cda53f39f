/**
 * The QEMU command line that runs an image, and how the run's status is read back.
 *
 * Devices: the virt machine's PL011 (0x09000000) is the console (the app's stdout and
 * stdin) on QEMU's stdio. virt has one UART, so stderr and the kernel log go to the
 * semihosting console, a chardev on QEMU's own fd 2 (as the x86_64 platform's COM2: a file
 * chardev on /proc/self/fd/2, or a socket chardev on fd 2 itself when it is a socket).
 * The semihosting command line (SYS_GET_CMDLINE) is the status file's path: the image
 * opens it with SYS_OPEN and writes the status line there, then ends QEMU with SYS_EXIT.
 */
import { fstatSync } from 'node:fs';
import { type RunCommand, type RunRequest, RUN_STATUS } from '@mewz/core';

export const MACHINES = ['virt'] as const;
export type Machine = (typeof MACHINES)[number];

const MiB = 1024 * 1024;
/** The image at RAM + 6 MiB and its stacks and page tables need this much RAM at least. */
export const MIN_MEMORY = 16 * MiB;
/** RAM above 4 GiB - 1 GiB (RAM starts at 1 GiB) is not identity mapped by the boot stub. */
export const MAX_MEMORY = 3 * 1024 * MiB;

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
  if (!MACHINES.includes(machine)) throw new Error(`qemu-aarch64 has no machine "${request.machine}" (it has ${MACHINES.join(', ')})`);
  if (request.isa !== 'aarch64') throw new Error(`qemu-aarch64 runs aarch64 images, not ${request.isa}`);
  if (!Number.isSafeInteger(request.memory) || request.memory < MIN_MEMORY) throw new Error(`the machine needs at least 16 MiB of RAM, not ${request.memory} bytes`);
  if (request.memory > MAX_MEMORY) throw new Error(`the machine maps at most 3 GiB of RAM, not ${request.memory} bytes`);
  if (/\s/.test(request.statusFile)) throw new Error(`the status file's path must not contain white space (semihosting splits its command line there): ${request.statusFile}`);
  const megabytes = Math.ceil(request.memory / MiB);
  const args = [
    '-M', 'virt,gic-version=2',
    '-accel', request.accel,
    '-cpu', request.accel === 'kvm' ? 'host' : 'max',
    '-m', `${megabytes}M`,
    '-no-reboot',
    '-nodefaults',
    '-display', 'none',
    '-monitor', 'none',
    '-kernel', request.image,
    '-append', kernelCommandLine(request),
    '-chardev', 'stdio,id=console,signal=off',
    '-serial', 'chardev:console',
    '-chardev', stderrChardev(stderr),
    '-semihosting-config', `enable=on,target=native,chardev=stderr,arg=${optionValue(request.statusFile)}`,
  ];
  return { command: 'qemu-system-aarch64', args, stdin: 'console', stdout: 'drain', exitStatus };
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
