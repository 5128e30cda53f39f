/**
 * A minimal Linux runtime for running compiled Wasm under qemu-aarch64 (or natively on an
 * aarch64 Linux host) in tests, hand-assembled: `_start` (stack limit, instantiate, call the
 * entry, exit with its i32 result), the trap entry (exit status 100 + trap code) and the
 * builtins of @mewz/compiler's abi/builtins.ts on top of mmap (memmove and memset are the
 * backend's memoryBuiltins, which platforms use). Memories and tables reserve
 * a fixed maximum up front, so growing never moves them.
 */
import { builtinSymbol, MemoryObject, TableObject, TRAP_SYMBOL } from '@mewz/compiler';
import { ObjectBuilder, type ObjectFile } from '@mewz/object';
import { Assembler, mem, memIndex, memoryBuiltins, sp, sym, x0, x1, x2, x3, x4, x5, x8, x9, x10, x11, x12, x13, x19 } from '../src/index.js';

const SYS_MMAP = 222;
export const SYS_EXIT_GROUP = 94;
/** Pages a test memory may grow to (reserved, not committed). */
export const TEST_MAX_PAGES = 1024;
export const TEST_MAX_TABLE = 65536;
/** Bytes of stack the compiled code may use before the stack check traps. */
export const TEST_STACK_BYTES = 1 << 20;

/** mmap(0, x1, rw, private|anonymous|noreserve, -1, 0) → x0 (every other register survives svc). */
function mmap(a: Assembler): void {
  a.mov(64, x0, 0).mov(64, x2, 3).mov(64, x3, 0x22 | 0x4000).mov(64, x4, -1).mov(64, x5, 0).mov(64, x8, SYS_MMAP).svc(0);
}

export function fn(b: ObjectBuilder, name: string, emit: (a: Assembler) => void): void {
  const a = new Assembler();
  emit(a);
  const out = a.finish();
  b.addFunction(name, out.code, { relocations: out.relocations });
}

export function runtimeObject(entry: string, instantiate: string, vmctx: string): ObjectFile {
  const b = new ObjectBuilder('runtime.o', 'aarch64');
  fn(b, '_start', (a) => {
    // At process entry sp is 16-byte aligned.
    a.loadAddress(x19, sym(vmctx));
    a.mov(64, x0, sp).sub(64, x0, x0, TEST_STACK_BYTES).str(64, x0, mem(x19));
    a.mov(64, x0, x19).mov(64, x1, 0).bl(sym(instantiate));
    a.mov(64, x0, x19).bl(sym(entry));
    a.mov(64, x8, SYS_EXIT_GROUP).svc(0);
  });
  fn(b, TRAP_SYMBOL, (a) => {
    a.add(32, x0, x0, 100).mov(64, x8, SYS_EXIT_GROUP).svc(0);
  });
  addBuiltins(b);
  return b.build();
}

/** The builtins of @mewz/compiler's abi/builtins.ts, on mmap. */
export function addBuiltins(b: ObjectBuilder): void {
  fn(b, builtinSymbol('memory_new'), (a) => {
    // (object, minPages, maxPages): reserve min(max, TEST_MAX_PAGES) pages, commit min.
    a.mov(64, x9, x0).mov(32, x11, x1);
    a.mov(32, x10, TEST_MAX_PAGES).cmp(32, x2, x10).csel(32, x2, x10, x2, 'hi');
    a.str(64, x2, mem(x9, MemoryObject.maxPages));
    a.shift('lsl', 64, x1, x2, 16).logic('orr', 64, x1, x1, 1); // never a zero-length mapping
    mmap(a);
    a.str(64, x0, mem(x9, MemoryObject.base));
    a.shift('lsl', 64, x11, x11, 16).str(64, x11, mem(x9, MemoryObject.byteLength));
    a.ret();
  });
  fn(b, builtinSymbol('memory_grow'), (a) => {
    // (object, delta) → old pages or -1.
    const fail = a.newLabel();
    a.ldr(64, x9, mem(x0, MemoryObject.byteLength)).shift('lsr', 64, x9, x9, 16);
    a.add(64, x10, x9, { reg: x1, extend: 'uxtw' });
    a.ldr(64, x11, mem(x0, MemoryObject.maxPages)).cmp(64, x10, x11).bcond('hi', fail);
    a.shift('lsl', 64, x10, x10, 16).str(64, x10, mem(x0, MemoryObject.byteLength)).mov(64, x0, x9).ret();
    a.bind(fail).mov(32, x0, -1).ret();
  });
  fn(b, builtinSymbol('table_new'), (a) => {
    // (object, min, max)
    a.mov(64, x9, x0).str(32, x1, mem(x9, TableObject.length)).str(32, x2, mem(x9, TableObject.max));
    a.mov(64, x1, TEST_MAX_TABLE * 8);
    mmap(a);
    a.str(64, x0, mem(x9, TableObject.elements)).ret();
  });
  fn(b, builtinSymbol('table_grow'), (a) => {
    // (object, init, delta) → old length or -1.
    const fail = a.newLabel();
    const loop = a.newLabel();
    const done = a.newLabel();
    a.ldr(32, x9, mem(x0, TableObject.length)).add(64, x10, x9, { reg: x2, extend: 'uxtw' });
    a.mov(64, x11, TEST_MAX_TABLE).cmp(64, x10, x11).bcond('hi', fail);
    a.ldr(32, x11, mem(x0, TableObject.max)).cmp(64, x10, x11).bcond('hi', fail);
    a.str(32, x10, mem(x0, TableObject.length)).ldr(64, x12, mem(x0, TableObject.elements)).mov(64, x13, x9);
    a.bind(loop).cmp(64, x13, x10).bcond('hs', done);
    a.str(64, x1, memIndex(x12, x13, 'lsl', true)).add(64, x13, x13, 1).b(loop);
    a.bind(done).mov(64, x0, x9).ret();
    a.bind(fail).mov(32, x0, -1).ret();
  });
  // The backend's own memmove/memset, as platforms use them: one section, a symbol per entry.
  const a = new Assembler();
  memoryBuiltins(a, { memmove: builtinSymbol('memmove'), memset: builtinSymbol('memset') });
  const out = a.finish();
  b.addSection('.text.memory_builtins', 'text', out.code, { relocations: out.relocations });
  for (const [name, offset] of out.labels) b.defineSymbol(name, '.text.memory_builtins', { offset, type: 'func' });
}
