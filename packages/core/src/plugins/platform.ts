import type { LayoutSpec } from '@mewz/linker';
import type { Assembler } from './assembler.js';
import type { BackendPlugin } from './backend.js';
import type { PluginBase } from './plugin.js';

/** One address range of the machine as the image sees it. */
export interface MemoryRegion {
  readonly name: string;
  readonly base: bigint;
  readonly size: bigint;
  readonly type: 'ram' | 'mmio' | 'reserved';
}

/**
 * The region of a memory map that is the kernel's trusted window: the kernel's linear
 * memory is the identity-mapped address range [0, base + size), of which [base, base +
 * size) is backed (the kernel's data starts at `base`; the platform maps it before the
 * kernel is instantiated). It must end at or below 4 GiB.
 */
export const KERNEL_WINDOW = 'kernel-window';

export interface MemoryMap {
  /** Where the loader puts the image (its first loadable segment). */
  readonly loadAddress: bigint;
  readonly regions: readonly MemoryRegion[];
}

/** What the linker writes and how a loader enters it. */
export interface ImageFormat {
  /** The file the linker writes. */
  readonly container: 'elf64';
  /**
   * How the image is entered: `pvh` (x86-64 QEMU `-kernel`, Firecracker), `arm64-image`
   * (the arm64 Linux image header), `linux-exec` (a Linux user-space executable).
   */
  readonly entry: string;
  /** Mark the stack non-executable (PT_GNU_STACK), as Linux executables do. */
  readonly gnuStack?: boolean;
}

/**
 * The contract between the build and a platform's stubs, by symbol:
 *
 * - `entry` (`_start`): the platform's boot stub defines it; the image starts there.
 * - `main`: the build defines `__mewz_main(initialSp: i64, stackLimit: i64)`: it stores
 *   the stack limit into every instance context, instantiates the kernel and the app and
 *   runs the app's `_start`, then returns. The boot stub calls it on the stack it set
 *   up, with the stack pointer the image was entered with (linux: argc, argv, envp) and
 *   the lowest stack address compiled code may use.
 * - `trap`: the platform's trap stub defines `__mewz_trap(code: i32, funcIndex: i32)`,
 *   which compiled code calls on a trap (possibly with the stack exhausted): it must move
 *   to a usable stack and call `reportTrap`, which the build defines to hand the report
 *   to the kernel; it does not return.
 * - `memmove`, `memset`: the runtime builtins a platform writes in assembly
 *   (`builtinStubs`), safe to call from any code, the kernel's own included.
 */
export const PLATFORM_SYMBOLS = {
  entry: '_start',
  main: '__mewz_main',
  trap: '__mewz_trap',
  reportTrap: '__mewz_report_trap',
  memmove: '__mewz_memmove',
  memset: '__mewz_memset',
} as const;

/** What the build asks of a platform's link layout. */
export interface LayoutRequest {
  /** Bytes of stack for compiled code (config `memory.stack`). */
  readonly stackSize: number;
}

/** What the build passes to stub generators. */
export interface StubContext<A extends Assembler = Assembler> {
  readonly isa: string;
  readonly backend: BackendPlugin<A>;
  readonly memoryMap: MemoryMap;
  /** Bytes of stack for compiled code (config `memory.stack`); the layout's stack region has this size. */
  readonly stackSize: number;
}

/**
 * How `mewz run` runs an image: a process to start, how to feed it the runner's stdin,
 * and how to read the app's exit status from the way the process ended.
 */
export interface RunCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** argv[0] of the process, when not `command` itself. */
  readonly argv0?: string;
  /** The process's whole environment (the runner's own is not passed on when given). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * `inherit`: the process reads the runner's stdin directly (linux, or a terminal).
   * `console`: the runner copies its stdin to the process's with the console framing
   * (`CONSOLE_EOF` for end of input; `CONSOLE_ESCAPE` before a data byte equal to
   * either), sending `CONSOLE_EOF` when its stdin ends; a terminal is passed through.
   */
  readonly stdin: 'inherit' | 'console';
  /**
   * `inherit`: the process writes to the runner's stdout directly. `drain`: the runner reads
   * the process's stdout as fast as it comes and holds what its own stdout cannot take yet
   * (a VM's serial console drops bytes when its output blocks).
   */
  readonly stdout?: 'inherit' | 'drain';
  /**
   * The app's exit status (0–255), from the process's exit code (null when killed by a
   * signal) and the text the image left in `RunRequest.statusFile` (undefined when it
   * wrote nothing). An Error explains a run that ended without one (the runner prints it
   * and exits with `RUN_STATUS.noStatus`).
   */
  exitStatus(code: number | null, signal: string | null, statusText: string | undefined): number | Error;
}

/** Input bytes with a meaning on a console that uses `RunCommand.stdin: 'console'`. */
export const CONSOLE_EOF = 0x04;
export const CONSOLE_ESCAPE = 0x10;

/**
 * Exit statuses of `mewz run` that are not the app's own: the app's trap (as the linux
 * platform's 134, what a shell shows for SIGABRT), a kernel panic, and a VM that ended
 * without telling its status.
 */
export const RUN_STATUS = { trap: 134, panic: 135, noStatus: 125 } as const;

export interface RunRequest {
  /** Path of the built image. */
  readonly image: string;
  readonly isa: string;
  /** Guest RAM in bytes the runner should give the machine. */
  readonly memory: number;
  /** The VM's machine type when the platform has several (qemu-x86_64: `microvm`, `q35`); its default when absent. */
  readonly machine?: string;
  /** How to run guest code: `tcg` (QEMU's translator) or `kvm` (hardware virtualisation). Ignored by linux. */
  readonly accel: 'tcg' | 'kvm';
  /** The app's argv, argv[0] (its name) first. */
  readonly args: readonly string[];
  /** The app's whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * A file the runner creates empty and reads after the run: a VM image writes its final
   * status there (the format is the platform's own; `exitStatus` reads it).
   */
  readonly statusFile: string;
}

/**
 * A function the build generates for a platform's stubs: `symbol`, with the native calling
 * convention and no context argument, calls the kernel's export `export` with the kernel's
 * context (exception and interrupt entries reach the kernel this way). The kernel must
 * export it with exactly these Wasm types.
 */
export interface KernelEntry {
  readonly symbol: string;
  readonly export: string;
  readonly params: readonly ('i32' | 'i64')[];
  readonly results: readonly ('i32' | 'i64')[];
}

/**
 * A machine and boot protocol. `A` is the assembler type its stubs are written against:
 * a platform for one ISA names the instructions of that ISA's backend.
 */
export interface PlatformPlugin<A extends Assembler = Assembler> extends PluginBase<'platform'> {
  /** The ISAs it can boot, as in target triples. */
  readonly isas: readonly string[];
  memoryMap(isa: string): MemoryMap;
  readonly imageFormat: ImageFormat;
  /** The kernel components (device drivers and the like) this machine needs, by name. */
  readonly components: readonly string[];
  /** Writes the image entry point (machine setup up to the call into the kernel) into `asm`. */
  bootStub(asm: A, context: StubContext<A>): void;
  /** Writes the trap/interrupt entry that saves state and calls the kernel's trap path. */
  trapStub(asm: A, context: StubContext<A>): void;
  /** Writes the builtins the platform implements in assembly (`__mewz_memmove`, `__mewz_memset`). */
  builtinStubs?(asm: A, context: StubContext<A>): void;
  /**
   * How the linker lays out the image (segments, load address, the stack region whose
   * symbols the boot stub uses). Without it the build uses the standard segments at the
   * memory map's load address.
   */
  layout?(isa: string, request: LayoutRequest): LayoutSpec;
  /** Machine types `run` accepts (`RunRequest.machine`), the default first; absent when there is no choice. */
  readonly machines?: readonly string[];
  /** Kernel exports the platform's stubs call, through generated entry functions. */
  readonly kernelEntries?: readonly KernelEntry[];
  /** The command that runs an image: a `qemu-system-*` line, or the image itself. */
  run(request: RunRequest): RunCommand;
}
