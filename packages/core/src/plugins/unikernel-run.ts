/**
 * What every QEMU-run unikernel platform does the same way (docs/kernel-interfaces.md):
 * the kernel command line of `mewz.arg=`/`mewz.env=` words, the status line read back
 * into an exit status, the checks of a run request, and how QEMU's fd 2 becomes a
 * chardev. The platforms keep their devices and machine options.
 */
import { fstatSync } from 'node:fs';
import { RUN_STATUS, type RunRequest } from './platform.js';

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
export function qemuOptionValue(value: string): string {
  return value.replace(/,/g, ',,');
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

/**
 * A chardev `id` on QEMU's own fd 2. QEMU has one stdio chardev (the console), so fd 2 is
 * reached another way: a file chardev opening /proc/self/fd/2 (a pipe, a file or a
 * terminal), or, when fd 2 is a socket (what Node's `stdio: 'pipe'` gives a child, which
 * cannot be opened by path), a socket chardev on fd 2 itself.
 */
export function qemuStderrChardev(kind: StderrKind, id = 'stderr'): string {
  return kind === 'socket' ? `socket,id=${id},fd=2` : `file,id=${id},path=/proc/self/fd/2,append=on`;
}

export interface UnikernelMachines<M extends string> {
  /** The platform's name, for messages: `qemu-x86_64`. */
  readonly platform: string;
  readonly isa: string;
  /** The machines it runs on; the first is the default. */
  readonly machines: readonly M[];
  /** The least RAM the image needs, in bytes. */
  readonly minMemory: number;
}

/** Checks the parts of `request` every unikernel platform checks; returns the machine to use. */
export function checkRunRequest<M extends string>(request: RunRequest, platform: UnikernelMachines<M>): M {
  const machine = (request.machine ?? platform.machines[0]) as M;
  if (!platform.machines.includes(machine)) {
    throw new Error(`${platform.platform} has no machine "${request.machine}" (it has ${platform.machines.join(', ')})`);
  }
  if (request.isa !== platform.isa) throw new Error(`${platform.platform} runs ${platform.isa} images, not ${request.isa}`);
  if (!Number.isSafeInteger(request.memory) || request.memory < platform.minMemory) {
    throw new Error(`the machine needs at least ${platform.minMemory / MiB} MiB of RAM, not ${request.memory} bytes`);
  }
  return machine;
}

/**
 * The app's status from the last line of the status text: `exit N` → N, `trap` → 134,
 * `panic` → 135; an Error when the VM ended without one.
 */
export function unikernelExitStatus(code: number | null, signal: string | null, statusText: string | undefined): number | Error {
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

/** The `mewz:machine` services of docs/kernel-interfaces.md, all of which a machine component provides. */
export const MACHINE_SERVICES = [
  'machine_init',
  'machine_cmdline',
  'machine_ram_count',
  'machine_ram_base',
  'machine_ram_size',
  'machine_app_region_base',
  'machine_app_region_size',
  'machine_map',
  'machine_console_write',
  'machine_console_read',
  'machine_monotonic_ns',
  'machine_wall_ns',
  'machine_clock_resolution_ns',
  'machine_wait',
  'machine_entropy',
  'machine_exit',
  'machine_virtio_mmio_count',
  'machine_virtio_mmio_base',
  'machine_pci_read32',
] as const;

/**
 * A platform's machine component: its AssemblyScript `source` provides every
 * MACHINE_SERVICES entry and needs the kernel's page allocator and panic.
 */
export function machineComponent<N extends string>(spec: { readonly name: N; readonly description: string; readonly source: string }) {
  return Object.freeze({
    kind: 'component' as const,
    name: spec.name,
    apiVersion: 1 as const,
    description: spec.description,
    sources: Object.freeze([spec.source]),
    provides: Object.freeze(MACHINE_SERVICES.map((name) => Object.freeze({ module: 'mewz:machine', name }))),
    requires: Object.freeze({
      symbols: Object.freeze([
        Object.freeze({ module: 'mewz:kernel', name: 'mm_alloc_page' }),
        Object.freeze({ module: 'mewz:kernel', name: 'kernel_panic' }),
      ]),
    }),
  });
}
