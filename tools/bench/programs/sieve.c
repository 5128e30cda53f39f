/* sieve: sieve of Eratosthenes over a byte array, repeated (byte stores, strided loops) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  uint32_t limit = argc > 1 ? (uint32_t)atoi(argv[1]) : 4000000;
  uint32_t rounds = argc > 2 ? (uint32_t)atoi(argv[2]) : 40;
  uint8_t *composite = malloc(limit + 1);
  if (!composite) return 1;
  uint32_t count = 0;
  uint64_t sum = 0;
  for (uint32_t r = 0; r < rounds; r++) {
    memset(composite, 0, limit + 1);
    count = 0;
    sum = 0;
    for (uint32_t i = 2; i <= limit; i++) {
      if (composite[i]) continue;
      count++;
      sum += i;
      /* i*i fits in 64 bits; starting there skips multiples already crossed out. */
      for (uint64_t j = (uint64_t)i * i; j <= limit; j += i) composite[j] = 1;
    }
  }
  printf("primes <= %u: %u, sum %llu\n", limit, count, (unsigned long long)sum);
  free(composite);
  return 0;
}
