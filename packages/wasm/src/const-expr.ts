import type { InstructionReader } from './code-reader.js';
import { malformed } from './errors.js';
import type { ConstExpr, ConstInstr } from './model.js';
import { Op } from './opcodes.js';
import { refTypeOf } from './valtypes.js';

/**
 * Decodes a constant expression at the reader's position, up to and including its final
 * `end`. Any instruction is accepted here (decoding is syntactic); the ones that are not
 * constant are recorded as `other` for the validator to reject.
 */
export function decodeConstExpr(r: InstructionReader): ConstExpr {
  const start = r.pos;
  const instrs: ConstInstr[] = [];
  // Open blocks inside the expression (only in invalid ones): true for an `if` still
  // waiting for its `else`, so that the grammar is checked as in function bodies.
  const open: boolean[] = [];
  for (;;) {
    r.next(); // throws at the end of the section
    const offset = r.offset;
    switch (r.op) {
      case Op.End:
        if (open.length === 0) return { start, end: r.pos, instrs };
        open.pop();
        instrs.push({ op: 'other', opcode: r.op, offset });
        break;
      case Op.Else:
        if (open.length === 0 || !open[open.length - 1]) throw malformed('illegal opcode else', offset);
        open[open.length - 1] = false;
        instrs.push({ op: 'other', opcode: r.op, offset });
        break;
      case Op.I32Const:
        instrs.push({ op: 'i32.const', value: r.i32, offset });
        break;
      case Op.I64Const:
        instrs.push({ op: 'i64.const', value: r.i64, offset });
        break;
      case Op.F32Const:
        instrs.push({ op: 'f32.const', bits: r.f32bits, offset });
        break;
      case Op.F64Const:
        instrs.push({ op: 'f64.const', bits: r.f64bits, offset });
        break;
      case Op.V128Const:
        instrs.push({ op: 'v128.const', bytes: r.v128.slice(), offset });
        break;
      case Op.RefNull:
        instrs.push({ op: 'ref.null', type: refTypeOf(r.valType), offset });
        break;
      case Op.RefFunc:
        instrs.push({ op: 'ref.func', index: r.index, offset });
        break;
      case Op.GlobalGet:
        instrs.push({ op: 'global.get', index: r.index, offset });
        break;
      case Op.Block:
      case Op.Loop:
      case Op.If:
        open.push(r.op === Op.If);
        instrs.push({ op: 'other', opcode: r.op, offset });
        break;
      default:
        instrs.push({ op: 'other', opcode: r.op, offset });
    }
  }
}
