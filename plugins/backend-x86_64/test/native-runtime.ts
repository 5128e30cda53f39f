/**
 * A minimal Linux runtime for running compiled Wasm natively in tests, hand-assembled:
 * `_start` (stack limit, instantiate, call the entry, exit with its i32 result), the trap
 * entry (exit status 100 + trap code) and the builtins of @mewz/compiler's abi/builtins.ts
 * on top of mmap. Memories and tables reserve a fixed maximum up front (lazily committed by
 * the kernel), so growing never moves them.
 */
import { builtinSymbol, MemoryObject, TableObject, TRAP_SYMBOL } from '@mewz/compiler';
import { ObjectBuilder, type ObjectFile } from '@mewz/object';
import { Assembler, mem, r8, r9, r10, rax, rbx, rcx, rdi, rdx, rip, rsi, rsp, sym } from '../src/index.js';

const SYS_MMAP = 9;
export const SYS_EXIT_GROUP = 231;
/** Pages a test memory may grow to (reserved, not committed). */
export const TEST_MAX_PAGES = 1024;
export const TEST_MAX_TABLE = 65536;
/** Bytes of stack the compiled code may use before the stack check traps. */
export const TEST_STACK_BYTES = 1 << 20;

/** mmap(0, rsi, rw, private|anonymous|noreserve, -1, 0) → rax. */
function mmap(a: Assembler): void {
  a.mov(32, rax, SYS_MMAP).alu('xor', 32, rdi, rdi).mov(32, rdx, 3).mov(32, r10, 0x22 | 0x4000).mov(64, r8, -1).alu('xor', 32, r9, r9).syscall();
}

export function fn(b: ObjectBuilder, name: string, emit: (a: Assembler) => void): void {
  const a = new Assembler();
  emit(a);
  const out = a.finish();
  b.addFunction(name, out.code, { relocations: out.relocations });
}

export function runtimeObject(entry: string, instantiate: string, vmctx: string): ObjectFile {
  const b = new ObjectBuilder('runtime.o', 'x86_64');
  fn(b, '_start', (a) => {
    // At process entry rsp is 16-byte aligned, as at a call instruction.
    a.lea(64, rbx, rip(sym(vmctx)));
    a.mov(64, rax, rsp).alu('sub', 64, rax, TEST_STACK_BYTES).mov(64, mem(rbx), rax);
    a.mov(64, rdi, rbx).alu('xor', 32, rsi, rsi).call(sym(instantiate));
    a.mov(64, rdi, rbx).call(sym(entry));
    a.mov(32, rdi, rax).mov(32, rax, SYS_EXIT_GROUP).syscall();
  });
  fn(b, TRAP_SYMBOL, (a) => {
    a.lea(32, rdi, mem(rdi, 100)).mov(32, rax, SYS_EXIT_GROUP).syscall();
  });
  addBuiltins(b);
  return b.build();
}

/** The builtins of @mewz/compiler's abi/builtins.ts, on mmap. */
export function addBuiltins(b: ObjectBuilder): void {
  fn(b, builtinSymbol('memory_new'), (a) => {
    // (object, minPages, maxPages): reserve min(max, TEST_MAX_PAGES) pages, commit min.
    a.push(rbx).push(rsi);
    a.mov(64, rbx, rdi);
    a.mov(32, rcx, TEST_MAX_PAGES).alu('cmp', 32, rdx, rcx).cmovcc('a', 32, rdx, rcx);
    a.mov(64, mem(rbx, MemoryObject.maxPages), rdx);
    a.mov(32, rsi, rdx).shift('shl', 64, rsi, 16);
    a.alu('or', 64, rsi, 1); // never a zero-length mapping
    mmap(a);
    a.mov(64, mem(rbx, MemoryObject.base), rax);
    a.pop(rsi).mov(32, rsi, rsi).shift('shl', 64, rsi, 16).mov(64, mem(rbx, MemoryObject.byteLength), rsi);
    a.pop(rbx).ret();
  });
  fn(b, builtinSymbol('memory_grow'), (a) => {
    // (object, delta) → old pages or -1.
    const fail = a.newLabel();
    a.mov(64, rax, mem(rdi, MemoryObject.byteLength)).shift('shr', 64, rax, 16);
    a.mov(32, rcx, rsi).alu('add', 64, rcx, rax);
    a.alu('cmp', 64, rcx, mem(rdi, MemoryObject.maxPages)).jcc('a', fail);
    a.shift('shl', 64, rcx, 16).mov(64, mem(rdi, MemoryObject.byteLength), rcx).ret();
    a.bind(fail).mov(32, rax, -1).ret();
  });
  fn(b, builtinSymbol('table_new'), (a) => {
    // (object, min, max)
    a.push(rbx).push(rsi);
    a.mov(64, rbx, rdi);
    a.mov(32, mem(rbx, TableObject.length), rsi).mov(32, mem(rbx, TableObject.max), rdx);
    a.mov(32, rsi, TEST_MAX_TABLE * 8);
    mmap(a);
    a.mov(64, mem(rbx, TableObject.elements), rax);
    a.pop(rsi).pop(rbx).ret();
  });
  fn(b, builtinSymbol('table_grow'), (a) => {
    // (object, init, delta) → old length or -1.
    const fail = a.newLabel();
    const loop = a.newLabel();
    const done = a.newLabel();
    a.mov(32, rax, mem(rdi, TableObject.length));
    a.mov(32, rcx, rdx).alu('add', 64, rcx, rax);
    a.alu('cmp', 64, rcx, TEST_MAX_TABLE).jcc('a', fail);
    a.mov(32, r8, mem(rdi, TableObject.max)).alu('cmp', 64, rcx, r8).jcc('a', fail);
    a.mov(32, mem(rdi, TableObject.length), rcx);
    a.mov(64, r9, mem(rdi, TableObject.elements));
    a.mov(32, r8, rax);
    a.bind(loop).alu('cmp', 64, r8, rcx).jcc('ae', done);
    a.mov(64, mem(r9, 0, r8, 8), rsi).alu('add', 64, r8, 1).jmp(loop);
    a.bind(done).ret();
    a.bind(fail).mov(32, rax, -1).ret();
  });
  fn(b, builtinSymbol('memmove'), (a) => {
    // (dst, src, n); backwards when dst is above src, so overlapping ranges copy right.
    const backwards = a.newLabel();
    a.mov(64, rcx, rdx).alu('cmp', 64, rdi, rsi).jcc('a', backwards);
    a.bytes([0xf3, 0xa4]).ret(); // rep movsb
    a.bind(backwards);
    a.lea(64, rsi, mem(rsi, -1, rdx)).lea(64, rdi, mem(rdi, -1, rdx));
    a.bytes([0xfd, 0xf3, 0xa4, 0xfc]).ret(); // std; rep movsb; cld
  });
  fn(b, builtinSymbol('memset'), (a) => {
    // (dst, byte, n)
    a.mov(32, rax, rsi).mov(64, rcx, rdx).bytes([0xf3, 0xaa]).ret(); // rep stosb
  });
}
