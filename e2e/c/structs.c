/* Structs passed and returned by value, unions, bitfields, switch tables, varargs, statics. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct { double x, y; } Vec;
typedef struct { int32_t a; int64_t b; char tag[5]; } Mixed;
typedef union { float f; uint32_t bits; unsigned char bytes[4]; } Pun;
typedef struct { unsigned kind : 3; unsigned flag : 1; int value : 12; unsigned rest : 16; } Packed;

static Vec add(Vec p, Vec q) { return (Vec){p.x + q.x, p.y + q.y}; }
static Vec scale(Vec p, double k) { return (Vec){p.x * k, p.y * k}; }

static Mixed make(int i) {
  Mixed m = {i, (int64_t)i * 1000000007LL, "abcd"};
  m.tag[i % 4] = 'Z';
  return m;
}

static const char *weekday(int d) {
  switch (d) {
    case 0: return "Sunday";
    case 1: return "Monday";
    case 2: return "Tuesday";
    case 3: return "Wednesday";
    case 4: return "Thursday";
    case 5: return "Friday";
    case 6: return "Saturday";
    default: return "?";
  }
}

static int sum_ints(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, int);
  va_end(ap);
  return s;
}

static double average(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, double);
  va_end(ap);
  return s / n;
}

static int counter(void) {
  static int calls;
  return ++calls;
}

int main(void) {
  Vec v = {1.5, -2.0};
  for (int i = 0; i < 5; i++) v = add(scale(v, 1.5), (Vec){i, -i});
  printf("v=(%.6f, %.6f)\n", v.x, v.y);
  for (int i = 0; i < 4; i++) {
    Mixed m = make(i);
    printf("%d %lld %s\n", m.a, (long long)m.b, m.tag);
  }
  Pun p = {.f = -1.75f};
  printf("bits=%08x bytes=%02x %02x %02x %02x\n", p.bits, p.bytes[0], p.bytes[1], p.bytes[2], p.bytes[3]);
  Packed k = {5, 1, -300, 0xbeef};
  k.value += 7;
  printf("packed %u %u %d %x\n", k.kind, k.flag, k.value, k.rest);
  for (int d = -1; d < 8; d++) printf("%s ", weekday(d));
  printf("\n");
  printf("sum=%d avg=%.3f\n", sum_ints(5, 1, 2, 3, 4, 5), average(3, 1.0, 2.5, 4.0));
  for (int i = 0; i < 3; i++) counter();
  printf("counter=%d\n", counter());
  Mixed arr[3];
  memset(arr, 0, sizeof arr);
  arr[1] = make(9);
  Mixed copy = arr[1];
  printf("copy %d %s\n", copy.a, copy.tag);
  return 0;
}
