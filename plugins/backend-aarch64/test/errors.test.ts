/** What code generation says about input it cannot compile: clear errors, never a crash. */
import { FunctionBuilder } from '@mewz/compiler';
import { compileFunction } from '../src/index.js';

describe('code generation errors', () => {
  it('names an intrinsic of another ISA', () => {
    const b = new FunctionBuilder('k.out', ['i64', 'i32', 'i32'], []);
    const [, port, value] = b.current.params;
    b.insts('intrinsic', [], [port!, value!], { sym: 'port_out8' });
    b.ret([]);
    expect(() => compileFunction(b.finish(), 0)).toThrow("k.out: the aarch64 backend does not implement intrinsic 'port_out8'");
  });

  it('names v128 values as not supported yet', () => {
    const b = new FunctionBuilder('k.vec', ['i64', 'v128'], []);
    b.ret([]);
    expect(() => compileFunction(b.finish(), 0)).toThrow('v128 values are not supported by the aarch64 backend yet');
  });
});
