// Conformance of the x86_64 backend with the intrinsics list: every intrinsic the list
// gives x86_64 to lower inline compiles in a function of its own signature. (The Linux
// ones also run: every image's runtime makes its system calls through them.)
import { x86_64Backend } from '@mewz/backend-x86_64';
import { FunctionBuilder, INTRINSICS, type IntrinsicInfo, inlineIntrinsicsFor, type IrFunction } from '@mewz/compiler';

function callOf(name: string, info: IntrinsicInfo): IrFunction {
  const b = new FunctionBuilder(`test.${name}`, ['i64', ...info.params], [...info.results]);
  const args = b.current.params.slice(1);
  const results = b.insts('intrinsic', info.results, args, { sym: name });
  b.ret(results);
  return b.finish();
}

describe('x86_64 intrinsics', () => {
  const names = inlineIntrinsicsFor('x86_64');

  it('covers the syscalls, the stack pointer and the kernel operations', () => {
    expect(names).toEqual(expect.arrayContaining(['stack_pointer', 'syscall0', 'syscall6', 'port_out8', 'mmio_store64', 'msr_read', 'halt', 'cycle_counter', 'fence']));
  });

  it.each(names)('%s compiles inline', (name) => {
    const info: IntrinsicInfo = INTRINSICS[name];
    const out = x86_64Backend.compile!.compileFunction(callOf(name, info), 0);
    expect(out.code.length).toBeGreaterThan(0);
    // Inline: no call to anything but the trap entry.
    expect(out.relocations.map((r) => r.symbol).filter((s) => s !== '__mewz_trap')).toEqual([]);
  });
});
