/**
 * The 32-bit half of the PVH entry. The backend's assembler emits 64-bit mode code; this
 * part uses only instructions whose encoding means the same in 32-bit protected mode:
 * 32-bit operations on eax..edi (no REX prefix), memory operands through a base register
 * (no RIP-relative or absolute forms, which differ), jumps by label, and symbol
 * addresses loaded as `mov r32, imm32` with an abs32 relocation. A test disassembles it
 * in 32-bit mode.
 */
import { type Assembler, cr0, cr3, cr4, type Gpr, type Label, mem, rax, rbp, rbx, rcx, rdi, rdx, rsi, sym } from '@mewz/backend-x86_64';
import { BOOT_INFO } from './boot-info.js';
import { CPU_TABLES, SELECTORS, SYMBOLS } from './layout.js';
import { WINDOW_BASE, WINDOW_SIZE } from './memory-map.js';

/** The 64-bit code `_start` far-jumps to. */
export const LONG_MODE_ENTRY = '__mewz_boot64';
/** Table of the addresses the page-table loop compares against (in the boot code, read before paging). */
const BOUNDS = '__mewz_boot_bounds';

const PTE_PRESENT = 0x1;
const PTE_WRITE = 0x2;
const PTE_PWT = 0x8;
const PTE_PCD = 0x10;
const PDE_LARGE = 0x80;
/** Bit 63 of an entry, i.e. bit 31 of its high dword. */
const PTE_NX_HIGH = 0x8000_0000;
const TWO_MIB_SHIFT = 21;
/** Page directory entries (2 MiB each) of [0, 4 GiB), and the first one of [3 GiB, 4 GiB). */
const PD_ENTRIES = 2048;
const PD_MMIO_FIRST = 1536;

const CR0_PE = 1 << 0;
const CR0_MP = 1 << 1;
const CR0_EM = 1 << 2;
const CR0_TS = 1 << 3;
const CR0_NE = 1 << 5;
const CR0_WP = 1 << 16;
const CR0_PG = 0x8000_0000;
const CR4_PAE = 1 << 5;
const CR4_PGE = 1 << 7;
const CR4_OSFXSR = 1 << 9;
const CR4_OSXMMEXCPT = 1 << 10;
const MSR_EFER = 0xc000_0080;
const EFER_LME = 1 << 8;
const EFER_NXE = 1 << 11;

/** `mov r32, imm32` with the symbol's address (abs32: the image lies below 4 GiB). */
function movAddress(a: Assembler, reg: Gpr, symbol: string, addend = 0): void {
  if (reg.enc > 7) throw new Error(`32-bit boot code cannot use ${reg.names[32]}`);
  a.bytes([0xb8 + reg.enc]).address(4, sym(symbol, addend));
}

/** `rep stosd` over [start, end) of the named symbols or constants: zeroes it (uses eax, ecx, edi). */
function zero(a: Assembler, start: string | number, end: string | number): void {
  if (typeof start === 'string') movAddress(a, rdi, start);
  else a.mov(32, rdi, start);
  if (typeof end === 'string') movAddress(a, rcx, end);
  else a.mov(32, rcx, end);
  a.alu('sub', 32, rcx, rdi).shift('shr', 32, rcx, 2);
  a.alu('xor', 32, rax, rax).repStos(32);
}

/**
 * `_start`, entered as PVH specifies: 32-bit protected mode, paging off, flat segments,
 * ebx = physical address of the hvm_start_info, no usable stack. Records the entry TSC
 * and ebx, zeroes bss and the kernel window, builds the page tables, enables PAE, long
 * mode (with NX) and paging (with WP), loads a 64-bit GDT and far-jumps to LONG_MODE_ENTRY.
 */
export function boot32(a: Assembler, entry: Label): void {
  a.bind(entry);
  a.cli();
  a.cld(); // rep stosd below counts upwards
  // Keep the TSC (edx:eax) and start_info (ebx) in registers rep stosd leaves alone.
  a.rdtsc();
  a.mov(32, rsi, rax).mov(32, rbp, rdx);
  zero(a, SYMBOLS.bssStart, SYMBOLS.bssEnd);
  zero(a, Number(WINDOW_BASE), Number(WINDOW_BASE + WINDOW_SIZE));
  movAddress(a, rdi, SYMBOLS.bootInfo);
  a.mov(32, mem(rdi, BOOT_INFO.startInfo), rbx);
  a.mov(32, mem(rdi, BOOT_INFO.entryTsc), rsi).mov(32, mem(rdi, BOOT_INFO.entryTsc + 4), rbp);

  pageTables(a);

  // GDT: null, 64-bit code, data (accessed bits preset so the CPU never writes them); the
  // TSS descriptor is filled in 64-bit mode, before ltr reads it.
  movAddress(a, rdi, SYMBOLS.cpuTables);
  a.mov(32, mem(rdi, CPU_TABLES.gdt + SELECTORS.code), 0xffff).mov(32, mem(rdi, CPU_TABLES.gdt + SELECTORS.code + 4), 0x00af_9b00);
  a.mov(32, mem(rdi, CPU_TABLES.gdt + SELECTORS.data), 0xffff).mov(32, mem(rdi, CPU_TABLES.gdt + SELECTORS.data + 4), 0x00cf_9300);
  a.mov(16, mem(rdi, CPU_TABLES.gdtr), CPU_TABLES.gdtBytes - 1);
  a.lea(32, rax, mem(rdi, CPU_TABLES.gdt)).mov(32, mem(rdi, CPU_TABLES.gdtr + 2), rax);
  a.lgdt(mem(rdi, CPU_TABLES.gdtr));

  a.movControl(rax, cr4).alu('or', 32, rax, CR4_PAE | CR4_PGE | CR4_OSFXSR | CR4_OSXMMEXCPT).movControl(cr4, rax);
  movAddress(a, rax, SYMBOLS.pageTables);
  a.movControl(cr3, rax);
  a.mov(32, rcx, MSR_EFER).rdmsr().alu('or', 32, rax, EFER_LME | EFER_NXE).wrmsr();
  a.movControl(rax, cr0);
  a.alu('or', 32, rax, CR0_PG | CR0_WP | CR0_NE | CR0_MP | CR0_PE).alu('and', 32, rax, ~(CR0_EM | CR0_TS));
  a.movControl(cr0, rax);
  // ljmp SELECTORS.code:LONG_MODE_ENTRY (ptr16:32), which loads the 64-bit code segment.
  a.bytes([0xea]).address(4, sym(LONG_MODE_ENTRY)).u16(SELECTORS.code);

  a.bind(a.newLabel(BOUNDS));
  for (const s of [SYMBOLS.imageStart, SYMBOLS.rodataStart, SYMBOLS.dataStart, SYMBOLS.stackGuard]) a.address(4, sym(s));
}

/**
 * The page tables (see the README): PML4[0] → PDPT, PDPT[0..3] → four page directories
 * of 2 MiB pages over [0, 4 GiB) (RW, NX; cache-disabled from 3 GiB); the directory
 * entries below the image's end rounded up to 2 MiB point to 4 KiB page tables placed
 * right after bss (at __image_end), which give page 0 and the stack guard page no
 * mapping and the image its segment permissions. Records where they end in the boot info.
 */
function pageTables(a: Assembler): void {
  movAddress(a, rdi, SYMBOLS.pageTables);
  a.lea(32, rax, mem(rdi, 0x1000 | PTE_PRESENT | PTE_WRITE)).mov(32, mem(rdi, 0), rax);
  for (let k = 0; k < 4; k++) a.lea(32, rax, mem(rdi, 0x1000 * (2 + k) + (PTE_PRESENT | PTE_WRITE))).mov(32, mem(rdi, 0x1000 + 8 * k), rax);

  // ebx: the 4 KiB tables; ebp: how many 2 MiB blocks they cover.
  movAddress(a, rbx, SYMBOLS.imageEnd);
  a.lea(32, rbp, mem(rbx, (1 << TWO_MIB_SHIFT) - 1)).shift('shr', 32, rbp, TWO_MIB_SHIFT);
  a.lea(32, rsi, mem(rdi, 0x2000));
  a.alu('xor', 32, rcx, rcx);
  const pdLoop = a.newLabel();
  const large = a.newLabel();
  const pdStore = a.newLabel();
  a.bind(pdLoop);
  a.alu('cmp', 32, rcx, rbp).jcc('ae', large);
  a.mov(32, rax, rcx).shift('shl', 32, rax, 12).alu('add', 32, rax, rbx).alu('or', 32, rax, PTE_PRESENT | PTE_WRITE);
  a.alu('xor', 32, rdx, rdx).jmp(pdStore);
  a.bind(large);
  a.mov(32, rax, rcx).shift('shl', 32, rax, TWO_MIB_SHIFT).alu('or', 32, rax, PTE_PRESENT | PTE_WRITE | PDE_LARGE);
  a.mov(32, rdx, PTE_NX_HIGH);
  a.alu('cmp', 32, rcx, PD_MMIO_FIRST).jcc('b', pdStore);
  a.alu('or', 32, rax, PTE_PCD | PTE_PWT);
  a.bind(pdStore);
  a.mov(32, mem(rsi, 0, rcx, 8), rax).mov(32, mem(rsi, 4, rcx, 8), rdx);
  a.alu('add', 32, rcx, 1).alu('cmp', 32, rcx, PD_ENTRIES).jcc('b', pdLoop);

  // One entry per 4 KiB page of those blocks (ebp becomes the entry count).
  movAddress(a, rsi, BOUNDS);
  a.shift('shl', 32, rbp, 9);
  a.alu('xor', 32, rcx, rcx);
  const ptLoop = a.newLabel();
  const absent = a.newLabel();
  const text = a.newLabel();
  const readOnly = a.newLabel();
  const writable = a.newLabel();
  const ptStore = a.newLabel();
  a.bind(ptLoop);
  a.mov(32, rax, rcx).shift('shl', 32, rax, 12);
  a.mov(32, rdx, PTE_NX_HIGH);
  a.test(32, rax, rax).jcc('e', absent);
  a.alu('cmp', 32, rax, mem(rsi, 0)).jcc('b', writable);
  a.alu('cmp', 32, rax, mem(rsi, 4)).jcc('b', text);
  a.alu('cmp', 32, rax, mem(rsi, 8)).jcc('b', readOnly);
  a.alu('cmp', 32, rax, mem(rsi, 12)).jcc('e', absent);
  a.bind(writable).alu('or', 32, rax, PTE_PRESENT | PTE_WRITE).jmp(ptStore);
  a.bind(text).alu('or', 32, rax, PTE_PRESENT).alu('xor', 32, rdx, rdx).jmp(ptStore);
  a.bind(readOnly).alu('or', 32, rax, PTE_PRESENT).jmp(ptStore);
  a.bind(absent).alu('xor', 32, rax, rax).alu('xor', 32, rdx, rdx);
  a.bind(ptStore);
  a.mov(32, mem(rbx, 0, rcx, 8), rax).mov(32, mem(rbx, 4, rcx, 8), rdx);
  a.alu('add', 32, rcx, 1).alu('cmp', 32, rcx, rbp).jcc('b', ptLoop);

  // The boot info's image end covers the tables: ebx + 8 * entries.
  movAddress(a, rdi, SYMBOLS.bootInfo);
  a.mov(32, mem(rdi, BOOT_INFO.pageTables), rbx);
  a.lea(32, rax, mem(rbx, 0, rbp, 8)).mov(32, mem(rdi, BOOT_INFO.imageEnd), rax);
}
