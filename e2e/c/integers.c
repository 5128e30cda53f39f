/* 32-bit integer arithmetic: wrapping, signed division and remainder, shifts, bit tricks. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static int32_t collatz_steps(uint32_t n) {
  int32_t steps = 0;
  while (n != 1) {
    n = (n & 1) ? 3 * n + 1 : n / 2;
    steps++;
  }
  return steps;
}

static uint32_t isqrt(uint32_t x) {
  uint32_t r = 0, bit = 1u << 30;
  while (bit > x) bit >>= 2;
  while (bit) {
    if (x >= r + bit) {
      x -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
    bit >>= 2;
  }
  return r;
}

int main(void) {
  volatile int32_t values[] = {0, 1, -1, 7, -7, 100, -100, 12345, INT_MAX, INT_MIN + 1, 3, -3};
  int n = sizeof values / sizeof values[0];
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) {
      int32_t a = values[i], b = values[j];
      if (b == 0) continue;
      printf("%d/%d=%d %d%%%d=%d ", a, b, a / b, a, b, a % b);
    }
    printf("\n");
  }
  uint32_t u = 0xdeadbeefu;
  printf("u=%u x=%x o=%o\n", u, u, u);
  printf("wrap add=%u mul=%u sub=%u\n", u + u, u * 0x9e3779b9u, 3u - u);
  for (int s = 0; s < 32; s += 5) printf("shl %d=%08x shr=%08x sar=%d\n", s, u << s, u >> s, (int32_t)u >> s);
  printf("popcount=%d clz=%d ctz=%d\n", __builtin_popcount(u), __builtin_clz(u), __builtin_ctz(u));
  printf("rotl=%08x\n", (u << 13) | (u >> 19));
  int total = 0;
  for (uint32_t k = 1; k < 3000; k++) total += collatz_steps(k);
  printf("collatz total=%d\n", total);
  uint32_t sum = 0;
  for (uint32_t k = 0; k < 100000; k += 7) sum += isqrt(k * 1013u);
  printf("isqrt sum=%u\n", sum);
  int8_t c = (int8_t)200;
  int16_t h = (int16_t)40000;
  printf("narrow %d %d %u %u\n", c, h, (uint8_t)-1, (uint16_t)-1);
  return 0;
}
