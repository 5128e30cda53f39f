/* fib: naive doubly recursive Fibonacci (call overhead, integer adds) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv) {
  uint32_t n = argc > 1 ? (uint32_t)atoi(argv[1]) : 43;
  printf("fib(%u) = %u\n", n, fib(n));
  return 0;
}
