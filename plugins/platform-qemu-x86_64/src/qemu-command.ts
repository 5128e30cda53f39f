/**
 * The QEMU command line that runs an image, and how the run's status is read back.
 *
 * Devices: COM1 (0x3f8, IRQ 4) is the console (the app's stdout and stdin) on QEMU's
 * stdio; COM2 (0x2f8, IRQ 3) is stderr and the kernel log, on QEMU's own stderr (the
 * runner's, inherited); the debug console (port 0xe9) writes the status file;
 * isa-debug-exit (port 0xf4) ends QEMU.
 *
 * COM2's chardev on fd 2, the command line and the status are @mewz/core's (unikernel-run.ts),
 * the same for every QEMU platform.
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
import { COM1_PORT, COM2_PORT, DEBUG_EXIT_PORT, DEBUGCON_PORT } from './machine-exit.js';

export const MACHINES = ['microvm', 'q35'] as const;
export type Machine = (typeof MACHINES)[number];

const MiB = 1024 * 1024;

function machineOption(machine: Machine): string {
  // microvm: no option ROMs except what PVH boot needs, no kernel command line additions
  // from QEMU; the PIT (TSC calibration), PIC off (the LAPIC/IOAPIC serve), RTC on (wall
  // clock), ISA serial and debug devices on the ISA bus.
  if (machine === 'microvm') return 'microvm,x-option-roms=off,auto-kernel-cmdline=off,pit=on,pic=off,rtc=on,isa-serial=off';
  return 'q35';
}

/** The command; `stderr` says what QEMU's fd 2 will be (default: this process's, for a runner that inherits it). */
export function qemuCommand(request: RunRequest, stderr: StderrKind = inheritedStderrKind()): RunCommand {
  const machine = checkRunRequest(request, { platform: 'qemu-x86_64', isa: 'x86_64', machines: MACHINES, minMemory: 16 * MiB });
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
    '-chardev', qemuStderrChardev(stderr),
    '-device', `isa-serial,chardev=stderr,iobase=0x${COM2_PORT.toString(16)},irq=3,index=1`,
    '-chardev', `file,id=status,path=${qemuOptionValue(request.statusFile)}`,
    '-device', `isa-debugcon,chardev=status,iobase=0x${DEBUGCON_PORT.toString(16)}`,
    '-device', `isa-debug-exit,iobase=0x${DEBUG_EXIT_PORT.toString(16)},iosize=4`,
  ];
  return { command: 'qemu-system-x86_64', args, stdin: 'console', stdout: 'drain', exitStatus: unikernelExitStatus };
}
