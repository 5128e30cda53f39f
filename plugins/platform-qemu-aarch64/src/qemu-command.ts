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
import {
  checkRunRequest,
  inheritedStderrKind,
  kernelCommandLine,
  qemuOptionValue,
  qemuStderrChardev,
  type RunCommand,
  type RunRequest,
  type StderrKind,
  unikernelExitStatus,
} from '@mewz/core';

export const MACHINES = ['virt'] as const;
export type Machine = (typeof MACHINES)[number];

const MiB = 1024 * 1024;
/** The image at RAM + 6 MiB and its stacks and page tables need this much RAM at least. */
export const MIN_MEMORY = 16 * MiB;
/** RAM above 4 GiB - 1 GiB (RAM starts at 1 GiB) is not identity mapped by the boot stub. */
export const MAX_MEMORY = 3 * 1024 * MiB;

/** The command; `stderr` says what QEMU's fd 2 will be (default: this process's, for a runner that inherits it). */
export function qemuCommand(request: RunRequest, stderr: StderrKind = inheritedStderrKind()): RunCommand {
  checkRunRequest(request, { platform: 'qemu-aarch64', isa: 'aarch64', machines: MACHINES, minMemory: MIN_MEMORY });
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
    '-chardev', qemuStderrChardev(stderr),
    '-semihosting-config', `enable=on,target=native,chardev=stderr,arg=${qemuOptionValue(request.statusFile)}`,
  ];
  return { command: 'qemu-system-aarch64', args, stdin: 'console', stdout: 'drain', exitStatus: unikernelExitStatus };
}
