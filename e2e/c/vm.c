/* A bytecode interpreter (switch dispatch, a value stack, calls) running a few programs. */
#include <stdint.h>
#include <stdio.h>

enum { PUSH, ADD, SUB, MUL, DIV, MOD, DUP, SWAP, DROP, JMP, JZ, LT, CALL, RET, LOAD, STORE, PRINT, HALT };

static int64_t run(const int64_t *code, int64_t arg) {
  int64_t stack[256], locals[16] = {arg};
  int sp = 0, pc = 0, rsp = 0;
  int returns[64];
  for (;;) {
    int64_t op = code[pc++];
    switch (op) {
      case PUSH: stack[sp++] = code[pc++]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case DIV: sp--; stack[sp - 1] /= stack[sp]; break;
      case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case SWAP: { int64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
      case DROP: sp--; break;
      case JMP: pc = (int)code[pc]; break;
      case JZ: pc = stack[--sp] == 0 ? (int)code[pc] : pc + 1; break;
      case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case CALL: returns[rsp++] = pc + 1; pc = (int)code[pc]; break;
      case RET: if (rsp == 0) return sp ? stack[sp - 1] : 0; pc = returns[--rsp]; break;
      case LOAD: stack[sp++] = locals[code[pc++]]; break;
      case STORE: locals[code[pc++]] = stack[--sp]; break;
      case PRINT: printf("%lld\n", (long long)stack[--sp]); break;
      case HALT: return sp ? stack[sp - 1] : 0;
    }
  }
}

int main(void) {
  /* sum of i*i for i < n, n = arg */
  const int64_t squares[] = {PUSH, 0, STORE, 1, PUSH, 0, STORE, 2,
                             /* 8 */ LOAD, 2, LOAD, 0, LT, JZ, 33, LOAD, 2, DUP, MUL, LOAD, 1, ADD, STORE, 1,
                             /* 24 */ LOAD, 2, PUSH, 1, ADD, STORE, 2, JMP, 8,
                             /* 33 */ LOAD, 1, HALT};
  for (int64_t n = 1; n <= 100000; n *= 10) printf("squares(%lld)=%lld\n", (long long)n, (long long)run(squares, n));
  /* gcd(arg, 1071) by repeated remainders */
  const int64_t gcd[] = {LOAD, 0, STORE, 1, PUSH, 1071, STORE, 2,
                         /* 8 */ LOAD, 2, JZ, 25, LOAD, 1, LOAD, 2, MOD, LOAD, 2, STORE, 1, STORE, 2, JMP, 8,
                         /* 25 */ LOAD, 1, HALT};
  printf("gcd=%lld %lld %lld\n", (long long)run(gcd, 462), (long long)run(gcd, 1029), (long long)run(gcd, 97));
  /* a subroutine that prints, then the number of Collatz steps from arg down to 1 */
  const int64_t collatz[] = {CALL, 49, PUSH, 0, STORE, 1,
                             /* 6 */ LOAD, 0, PUSH, 1, SUB, JZ, 46,
                             /* 13 */ LOAD, 0, PUSH, 2, MOD, JZ, 30,
                             /* 20 */ LOAD, 0, PUSH, 3, MUL, PUSH, 1, ADD, JMP, 35,
                             /* 30 */ LOAD, 0, PUSH, 2, DIV,
                             /* 35 */ STORE, 0, LOAD, 1, PUSH, 1, ADD, STORE, 1, JMP, 6,
                             /* 46 */ LOAD, 1, HALT,
                             /* 49 */ PUSH, 777, PRINT, RET};
  printf("collatz(27)=%lld collatz(97)=%lld\n", (long long)run(collatz, 27), (long long)run(collatz, 97));
  return 0;
}
