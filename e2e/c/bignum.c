/* Arbitrary precision: 1000! and 2^4000 in base 10^9, printed in full. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { uint32_t *limb; int n, cap; } Big;

static void mul_small(Big *b, uint32_t k) {
  uint64_t carry = 0;
  for (int i = 0; i < b->n; i++) {
    uint64_t v = (uint64_t)b->limb[i] * k + carry;
    b->limb[i] = (uint32_t)(v % 1000000000u);
    carry = v / 1000000000u;
  }
  while (carry) {
    if (b->n == b->cap) {
      b->cap *= 2;
      b->limb = realloc(b->limb, b->cap * sizeof *b->limb);
    }
    b->limb[b->n++] = (uint32_t)(carry % 1000000000u);
    carry /= 1000000000u;
  }
}

static void print(const char *label, Big *b) {
  printf("%s = %u", label, b->limb[b->n - 1]);
  for (int i = b->n - 2; i >= 0; i--) printf("%09u", b->limb[i]);
  int digits = 0;
  for (uint32_t v = b->limb[b->n - 1]; v; v /= 10) digits++;
  printf("\n(%d digits)\n", digits + 9 * (b->n - 1));
}

int main(void) {
  Big f = {malloc(4 * sizeof(uint32_t)), 1, 4};
  f.limb[0] = 1;
  for (uint32_t k = 2; k <= 1000; k++) mul_small(&f, k);
  print("1000!", &f);
  Big p = {malloc(4 * sizeof(uint32_t)), 1, 4};
  p.limb[0] = 1;
  for (int k = 0; k < 4000; k++) mul_small(&p, 2);
  print("2^4000", &p);
  free(f.limb);
  free(p.limb);
  return 0;
}
