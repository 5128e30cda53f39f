import { mem, r8, r11, rax, rdi, rdx, rip, sym } from '../src/index.js';
import { checkRows, type Row } from './table.js';

const fixed: Row[] = [
  ['hlt', 'f4', (a) => a.hlt()],
  ['cli', 'fa', (a) => a.cli()],
  ['sti', 'fb', (a) => a.sti()],
  ['cpuid', '0f a2', (a) => a.cpuid()],
  ['rdtsc', '0f 31', (a) => a.rdtsc()],
  ['rdtscp', '0f 01 f9', (a) => a.rdtscp()],
  ['rdmsr', '0f 32', (a) => a.rdmsr()],
  ['wrmsr', '0f 30', (a) => a.wrmsr()],
  ['syscall', '0f 05', (a) => a.syscall()],
  ['swapgs', '0f 01 f8', (a) => a.swapgs()],
  ['mfence', '0f ae f0', (a) => a.mfence()],
  ['lfence', '0f ae e8', (a) => a.lfence()],
  ['sfence', '0f ae f8', (a) => a.sfence()],
  ['pause', 'f3 90', (a) => a.pause()],
  ['cld', 'fc', (a) => a.cld()],
  ['std', 'fd', (a) => a.std()],
  ['iretq', '48 cf', (a) => a.iretq()],
  ['retfq', '48 cb', (a) => a.retfq()],
];

const ports: Row[] = [
  ['in al, 0x60', 'e4 60', (a) => a.in(8, 0x60)],
  ['in ax, 0x60', '66 e5 60', (a) => a.in(16, 0x60)],
  ['in eax, 0xff', 'e5 ff', (a) => a.in(32, 0xff)],
  ['in al, dx', 'ec', (a) => a.in(8, rdx)],
  ['in ax, dx', '66 ed', (a) => a.in(16, rdx)],
  ['in eax, dx', 'ed', (a) => a.in(32, rdx)],
  ['out 0x80, al', 'e6 80', (a) => a.out(8, 0x80)],
  ['out 0x70, ax', '66 e7 70', (a) => a.out(16, 0x70)],
  ['out 0x43, eax', 'e7 43', (a) => a.out(32, 0x43)],
  ['out dx, al', 'ee', (a) => a.out(8, rdx)],
  ['out dx, ax', '66 ef', (a) => a.out(16, rdx)],
  ['out dx, eax', 'ef', (a) => a.out(32, rdx)],
];

const descriptors: Row[] = [
  ['lgdt [rax]', '0f 01 10', (a) => a.lgdt({ base: rax })],
  ['lidt [rip]', '0f 01 1d 00 00 00 00', (a) => a.lidt(rip(sym('idt_pointer')))],
  ['lgdt [r8 + 8]', '41 0f 01 50 08', (a) => a.lgdt(mem(r8, 8))],
  ['sgdt [rdi]', '0f 01 07', (a) => a.sgdt({ base: rdi })],
  ['sidt [rdi]', '0f 01 0f', (a) => a.sidt({ base: rdi })],
  ['invlpg byte ptr [rdi]', '0f 01 3f', (a) => a.invlpg({ base: rdi })],
  ['ltr ax', '0f 00 d8', (a) => a.ltr(rax)],
  ['rdrand rax', '48 0f c7 f0', (a) => a.rdrand(rax)],
  ['rdrand r11', '49 0f c7 f3', (a) => a.rdrand(r11)],
  ['ltr r8w', '41 0f 00 d8', (a) => a.ltr(r8)],
  ['ltr word ptr [rdi + 8]', '0f 00 5f 08', (a) => a.ltr(mem(rdi, 8))],
];

const strings: Row[] = [
  ['rep movsb byte ptr [rdi], byte ptr [rsi]', 'f3 a4', (a) => a.repMovs(8)],
  ['rep movsw word ptr [rdi], word ptr [rsi]', 'f3 66 a5', (a) => a.repMovs(16)],
  ['rep movsd dword ptr [rdi], dword ptr [rsi]', 'f3 a5', (a) => a.repMovs(32)],
  ['rep movsq qword ptr [rdi], qword ptr [rsi]', 'f3 48 a5', (a) => a.repMovs(64)],
  ['rep stosb byte ptr [rdi], al', 'f3 aa', (a) => a.repStos(8)],
  ['rep stosw word ptr [rdi], ax', 'f3 66 ab', (a) => a.repStos(16)],
  ['rep stosd dword ptr [rdi], eax', 'f3 ab', (a) => a.repStos(32)],
  ['rep stosq qword ptr [rdi], rax', 'f3 48 ab', (a) => a.repStos(64)],
];

describe('fixed system instructions', () => checkRows(fixed));
describe('port I/O', () => checkRows(ports));
describe('descriptor tables and TLB', () => checkRows(descriptors));
describe('rep string operations', () => checkRows(strings));
