/* qsort and bsearch with comparators, and a table of function pointers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int key; unsigned id; char name[12]; } Item;

static int by_key_then_id(const void *a, const void *b) {
  const Item *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}
static int by_name_then_id(const void *a, const void *b) {
  const Item *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}
static int cmp_int_desc(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int imax(int a, int b) { return a > b ? a : b; }

static unsigned state = 12345;
static unsigned next(void) { return state = state * 1103515245u + 12345u; }

int main(void) {
  enum { N = 2000 };
  Item *items = malloc(N * sizeof *items);
  for (unsigned i = 0; i < N; i++) {
    items[i].key = (int)(next() >> 16) % 500 - 250;
    items[i].id = i;
    snprintf(items[i].name, sizeof items[i].name, "n%05u", next() % 30000);
  }
  qsort(items, N, sizeof *items, by_key_then_id);
  for (int i = 0; i < N; i += 250) printf("%d:%u:%s ", items[i].key, items[i].id, items[i].name);
  printf("\n");
  qsort(items, N, sizeof *items, by_name_then_id);
  for (int i = 0; i < N; i += 250) printf("%s:%u ", items[i].name, items[i].id);
  printf("\n");
  Item probe = items[777];
  Item *found = bsearch(&probe, items, N, sizeof *items, by_name_then_id);
  printf("found=%u\n", found ? found->id : 0);
  int ints[100];
  for (int i = 0; i < 100; i++) ints[i] = (int)(next() % 1000);
  qsort(ints, 100, sizeof ints[0], cmp_int_desc);
  for (int i = 0; i < 100; i += 10) printf("%d ", ints[i]);
  printf("\n");
  double ds[50];
  for (int i = 0; i < 50; i++) ds[i] = (double)(next() % 10000) / 7.0;
  qsort(ds, 50, sizeof ds[0], cmp_double);
  printf("%.4f %.4f %.4f\n", ds[0], ds[25], ds[49]);
  int (*ops[])(int, int) = {add, sub, mul, imax};
  const char *names[] = {"add", "sub", "mul", "max"};
  int acc = 1;
  for (int i = 0; i < 40; i++) {
    int k = (int)(next() % 4);
    acc = ops[k](acc, i + 1) % 100000;
    if (i % 8 == 0) printf("%s -> %d\n", names[k], acc);
  }
  free(items);
  return 0;
}
