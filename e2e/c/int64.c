/* 64-bit integers: multiplication, division, shifts, modular exponentiation, a 128-bit product, printing. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t xorshift64(uint64_t *s) {
  uint64_t x = *s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

/* a * b mod m by doubling (m < 2^63, so nothing overflows). */
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) {
  uint64_t r = 0;
  a %= m;
  while (b) {
    if (b & 1) r = (r + a) % m;
    a = (a * 2) % m;
    b >>= 1;
  }
  return r;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1;
  b %= m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}

int main(void) {
  uint64_t s = 0x123456789abcdefULL;
  int64_t acc = 0;
  for (int i = 0; i < 1000; i++) {
    uint64_t x = xorshift64(&s);
    int64_t y = (int64_t)x >> (i % 64);
    acc ^= y * 31 + (int64_t)(x % 1000003);
    if (i % 100 == 0) printf("%" PRIu64 " %" PRId64 " %016" PRIx64 "\n", x, y, x / 12345);
  }
  printf("acc=%" PRId64 "\n", acc);
  int64_t vals[] = {INT64_MAX, INT64_MIN + 1, -5, 5, 1000000007LL, -999999999999LL};
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 6; j++) printf("%" PRId64 " ", vals[i] / vals[j] + vals[i] % vals[j]);
  printf("\n");
  printf("powmod=%" PRIu64 "\n", powmod(2, 1000000, 1000000007ULL));
  printf("big=%" PRIu64 "\n", powmod(0xfedcba987654321ULL, 0x1234567, 0x7fffffffffffffe7ULL));
  unsigned __int128 p = (unsigned __int128)0xffffffffffffffffULL * 0xfffffffffffffffeULL;
  printf("hi=%016" PRIx64 " lo=%016" PRIx64 "\n", (uint64_t)(p >> 64), (uint64_t)p);
  printf("clz=%d ctz=%d pop=%d\n", __builtin_clzll(s), __builtin_ctzll(s), __builtin_popcountll(s));
  return (int)(acc & 0x3f);
}
