/* Traps from C, chosen by argv[1]: abort() (wasi-libc's abort is `unreachable`), a call
   through a null function pointer, unbounded recursion, and an integer division by zero. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*callback)(int);

__attribute__((noinline)) int call_through(callback f, int x) { return f(x); }

__attribute__((noinline)) int recurse(volatile int depth) {
  volatile char frame[64];
  frame[depth & 63] = (char)depth;
  return recurse(depth + 1) + frame[(depth + 1) & 63];
}

__attribute__((noinline)) int divide(int a, int b) { return a / b; }

int main(int argc, char **argv) {
  printf("before\n");
  fflush(stdout);
  const char *what = argc > 1 ? argv[1] : "";
  if (strcmp(what, "abort") == 0) abort();
  if (strcmp(what, "null") == 0) return call_through((callback)(argc > 5 ? main : NULL), argc);
  if (strcmp(what, "recurse") == 0) return recurse(argc);
  if (strcmp(what, "divide") == 0) return divide(argc, argc - 2);
  printf("no trap\n");
  return 0;
}
