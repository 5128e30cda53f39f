/* interp: a register bytecode interpreter with switch dispatch running Collatz sequences (branchy, 64-bit) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum op { LOADI, MOV, ADD, MUL, AND, SHR, LT, EQ, JMP, JZ, JNZ, HALT };

struct insn {
  uint8_t op, a, b, c; /* registers; for jumps, a is the tested register */
  int32_t imm;         /* constant for LOADI, target for jumps */
};

static int64_t run(const struct insn *code, int64_t *r) {
  uint32_t pc = 0;
  uint64_t executed = 0;
  for (;;) {
    const struct insn *i = &code[pc++];
    executed++;
    switch (i->op) {
    case LOADI: r[i->a] = i->imm; break;
    case MOV: r[i->a] = r[i->b]; break;
    case ADD: r[i->a] = r[i->b] + r[i->c]; break;
    case MUL: r[i->a] = r[i->b] * r[i->c]; break;
    case AND: r[i->a] = r[i->b] & r[i->c]; break;
    case SHR: r[i->a] = (int64_t)((uint64_t)r[i->b] >> (r[i->c] & 63)); break;
    case LT: r[i->a] = r[i->b] < r[i->c]; break;
    case EQ: r[i->a] = r[i->b] == r[i->c]; break;
    case JMP: pc = (uint32_t)i->imm; break;
    case JZ: if (r[i->a] == 0) pc = (uint32_t)i->imm; break;
    case JNZ: if (r[i->a] != 0) pc = (uint32_t)i->imm; break;
    case HALT: return (int64_t)executed;
    default: abort();
    }
  }
}

int main(int argc, char **argv) {
  int32_t limit = argc > 1 ? atoi(argv[1]) : 450000;
  /* r0 = i, r1 = limit, r2 = total steps, r3 = x, r4 = scratch, r5 = 1, r6 = 3, r8 = steps of i */
  const struct insn code[] = {
      /* 0 */ {LOADI, 0, 0, 0, 1},
      /* 1 */ {LOADI, 1, 0, 0, limit},
      /* 2 */ {LOADI, 2, 0, 0, 0},
      /* 3 */ {LOADI, 5, 0, 0, 1},
      /* 4 */ {LOADI, 6, 0, 0, 3},
      /* 5 loop_i */ {LT, 4, 1, 0, 0},
      /* 6 */ {JNZ, 4, 0, 0, 21},
      /* 7 */ {MOV, 3, 0, 0, 0},
      /* 8 */ {LOADI, 8, 0, 0, 0},
      /* 9 loop_x */ {EQ, 4, 3, 5, 0},
      /* 10 */ {JNZ, 4, 0, 0, 18},
      /* 11 */ {AND, 4, 3, 5, 0},
      /* 12 */ {JZ, 4, 0, 0, 15},
      /* 13 odd */ {MUL, 3, 3, 6, 0},
      /* 14 */ {ADD, 3, 3, 5, 0},
      /* 15 even (odd falls through: 3x+1 is even) */ {SHR, 3, 3, 5, 0},
      /* 16 */ {ADD, 8, 8, 5, 0},
      /* 17 */ {JMP, 0, 0, 0, 9},
      /* 18 next_i */ {ADD, 2, 2, 8, 0},
      /* 19 */ {ADD, 0, 0, 5, 0},
      /* 20 */ {JMP, 0, 0, 0, 5},
      /* 21 end */ {HALT, 0, 0, 0, 0},
  };
  int64_t r[16] = {0};
  int64_t executed = run(code, r);
  printf("collatz 1..%d: %lld halving steps, %lld instructions interpreted\n", limit, (long long)r[2], (long long)executed);
  return 0;
}
