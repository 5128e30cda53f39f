import type { InstructionReader } from './code-reader.js';
import { malformed, WasmError } from './errors.js';
import { Op } from './opcodes.js';

// Kinds of open blocks, as far as the grammar cares: only `if` may take one `else`.
const PLAIN = 0;
const IF = 1;
const IF_ELSE = 2;

/**
 * The syntactic pass over function bodies that decodeModule makes: every opcode and
 * immediate decodes, blocks nest, `else` appears once inside an `if`, and the final `end`
 * is the last byte. One instance serves all bodies of a module (the block stack is reused).
 */
export class BodySyntaxChecker {
  private kinds = new Uint8Array(64);
  /** First instruction using a data segment index (memory.init, data.drop), or -1. */
  firstDataUse = -1;
  firstDataUseFunc = -1;

  /** Checks bytes [start, end) as the body of function `funcIndex`. */
  check(r: InstructionReader, start: number, end: number, funcIndex: number): void {
    r.reset(start, end);
    let kinds = this.kinds;
    let depth = 1;
    kinds[0] = PLAIN;
    try {
      while (r.pos < end) {
        r.next();
        switch (r.op) {
          case Op.Block:
          case Op.Loop:
          case Op.If:
            if (depth === kinds.length) {
              const grown = new Uint8Array(kinds.length * 2);
              grown.set(kinds);
              this.kinds = kinds = grown;
            }
            kinds[depth++] = r.op === Op.If ? IF : PLAIN;
            break;
          case Op.Else:
            if (kinds[depth - 1] !== IF) throw malformed('illegal opcode else', r.offset);
            kinds[depth - 1] = IF_ELSE;
            break;
          case Op.End:
            if (--depth === 0) {
              if (r.pos !== end) throw malformed('section size mismatch', r.pos);
              return;
            }
            break;
          case Op.MemoryInit:
          case Op.DataDrop:
            if (this.firstDataUse < 0) {
              this.firstDataUse = r.offset;
              this.firstDataUseFunc = funcIndex;
            }
            break;
        }
      }
    } catch (e) {
      // Tell which function the bad byte belongs to.
      if (e instanceof WasmError && e.funcIndex === undefined) throw malformed(e.detail, e.offset, funcIndex);
      throw e;
    }
    throw malformed('END opcode expected', end, funcIndex);
  }
}
