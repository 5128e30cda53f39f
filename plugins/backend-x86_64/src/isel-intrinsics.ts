/**
 * The kernel intrinsics (@mewz/compiler's abi/intrinsics.ts) that x86_64 performs inline:
 * fences, halt, interrupts, volatile device memory, ports, MSRs, control registers, TLB,
 * the cycle counter and Linux system calls.
 */
import type { Inst, Reg } from '@mewz/compiler';
import { type FixedReg, imm, type SysOp } from './inst.js';
import type { Isel } from './isel.js';
import { R8, R9, R10, R11, RAX, RBX, RCX, RDI, RDX, RSI } from './pregs.js';

/** Linux system call registers: the number, then up to six arguments. */
const SYSCALL_REGS = [RAX, RDI, RSI, RDX, R10, R8, R9];

const NO_OPERANDS: Partial<Record<string, SysOp>> = {
  fence: 'mfence',
  fence_load: 'lfence',
  fence_store: 'sfence',
  spin_hint: 'pause',
  halt: 'hlt',
  interrupts_enable: 'sti',
  interrupts_disable: 'cli',
};

const MMIO_WIDTH: Partial<Record<string, 1 | 2 | 4 | 8>> = { 8: 1, 16: 2, 32: 4, 64: 8 };

function sys(isel: Isel, name: SysOp, args: [Reg, Reg][], results: [Reg, Reg][], clobbers: Reg[] = []): void {
  const regs = isel.distinct(args.map(([r]) => r));
  const fixedArgs: FixedReg[] = args.map(([, fixed], i) => ({ reg: regs[i]!, fixed }));
  isel.emit({ op: 'sys', name, args: fixedArgs, results: results.map(([reg, fixed]) => ({ reg, fixed })), clobbers });
}

/** dst = hi << 32 | lo, for results that come in edx:eax. */
function combine(isel: Isel, dst: Reg, lo: Reg, hi: Reg): void {
  isel.emit({ op: 'move', cls: 'int', dst, src: hi });
  isel.emit({ op: 'shift', shift: 'shl', size: 64, dst, count: imm(32) });
  isel.emit({ op: 'alu', alu: 'or', size: 64, dst, src: lo });
}

export function selectIntrinsic(isel: Isel, inst: Inst): void {
  const name = inst.sym;
  const result = (): Reg => isel.result(inst.results[0]);
  const arg = (i: number): Reg => isel.use(inst.args[i]);
  const noOperands = NO_OPERANDS[name];
  if (noOperands) {
    sys(isel, noOperands, [], []);
    return;
  }
  const mmio = /^mmio_(load|store)(8|16|32|64)$/.exec(name);
  if (mmio) {
    const width = MMIO_WIDTH[mmio[2]!]!;
    const amode = { kind: 'reg' as const, base: arg(0), scale: 1 as const, disp: 0 };
    if (mmio[1] === 'load') isel.emit({ op: 'load', size: width === 8 ? 64 : 32, width, signed: false, dst: result(), amode });
    else isel.emit({ op: 'store', width, src: arg(1), amode });
    return;
  }
  const syscall = /^syscall([0-6])$/.exec(name);
  if (syscall) {
    const args = inst.args.map((_, i): [Reg, Reg] => [arg(i), SYSCALL_REGS[i]!]);
    // The kernel returns to the instruction after syscall with rcx and r11 overwritten.
    sys(isel, 'syscall', args, [[result(), RAX]], [RCX, R11]);
    return;
  }
  const port = /^port_(in|out)(8|16|32)$/.exec(name);
  if (port) {
    const op = `${port[1]}${port[2]}` as SysOp;
    if (port[1] === 'in') sys(isel, op, [[arg(0), RDX]], [[result(), RAX]]);
    else sys(isel, op, [[arg(0), RDX], [arg(1), RAX]], []);
    return;
  }
  const cr = /^cr([0234])_(read|write)$/.exec(name);
  if (cr) {
    const n = Number(cr[1]) as 0 | 2 | 3 | 4;
    if (cr[2] === 'read') isel.emit({ op: 'cr_read', cr: n, dst: result() });
    else if (n !== 2) isel.emit({ op: 'cr_write', cr: n, src: arg(0) });
    else throw new Error('cr2 cannot be written by an intrinsic');
    return;
  }
  switch (name) {
    case 'stack_pointer':
      isel.emit({ op: 'stack_pointer', dst: result() });
      return;
    case 'cycle_counter': {
      const lo = isel.temp('int');
      const hi = isel.temp('int');
      sys(isel, 'rdtsc', [], [
        [lo, RAX],
        [hi, RDX],
      ]);
      combine(isel, result(), lo, hi);
      return;
    }
    case 'cycle_counter_frequency':
      // x86_64 cannot tell; the kernel calibrates (see the intrinsics list).
      isel.emit({ op: 'iconst', dst: result(), value: 0n });
      return;
    case 'msr_read': {
      const lo = isel.temp('int');
      const hi = isel.temp('int');
      sys(isel, 'rdmsr', [[arg(0), RCX]], [
        [lo, RAX],
        [hi, RDX],
      ]);
      combine(isel, result(), lo, hi);
      return;
    }
    case 'msr_write': {
      const value = arg(1);
      const hi = isel.temp('int');
      isel.emit({ op: 'move', cls: 'int', dst: hi, src: value });
      isel.emit({ op: 'shift', shift: 'shr', size: 64, dst: hi, count: imm(32) });
      sys(isel, 'wrmsr', [
        [arg(0), RCX],
        [value, RAX],
        [hi, RDX],
      ], []);
      return;
    }
    case 'invlpg':
      isel.emit({ op: 'invlpg', addr: arg(0) });
      return;
    case 'page_table_sync':
      // x86 page walks see earlier stores; a new mapping needs no barrier.
      return;
    case 'cpuid_ab':
    case 'cpuid_cd': {
      // cpuid writes all four of eax, ebx, ecx, edx; the intrinsic keeps two of them.
      const [a, b, c, d] = [isel.temp('int'), isel.temp('int'), isel.temp('int'), isel.temp('int')];
      sys(isel, 'cpuid', [
        [arg(0), RAX],
        [arg(1), RCX],
      ], [
        [a, RAX],
        [b, RBX],
        [c, RCX],
        [d, RDX],
      ]);
      if (name === 'cpuid_ab') combine(isel, result(), a, b);
      else combine(isel, result(), c, d);
      return;
    }
    case 'rdrand':
      sys(isel, 'rdrand', [], [[result(), RAX]], [RCX]);
      return;
  }
  throw new Error(`${isel.func.name}: the x86_64 backend does not implement intrinsic '${name}'`);
}
