/* sort: quicksort and heap sort of pseudo-random 32-bit keys (compares, swaps, recursion) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void swap(uint32_t *a, uint32_t *b) {
  uint32_t t = *a;
  *a = *b;
  *b = t;
}

static void insertion_sort(uint32_t *v, int n) {
  for (int i = 1; i < n; i++) {
    uint32_t x = v[i];
    int j = i - 1;
    while (j >= 0 && v[j] > x) v[j + 1] = v[j], j--;
    v[j + 1] = x;
  }
}

/* Hoare-partition quicksort with a median-of-three pivot; recurses on the smaller side. */
static void quicksort(uint32_t *v, int n) {
  while (n > 16) {
    int mid = n / 2;
    if (v[mid] < v[0]) swap(&v[mid], &v[0]);
    if (v[n - 1] < v[0]) swap(&v[n - 1], &v[0]);
    if (v[n - 1] < v[mid]) swap(&v[n - 1], &v[mid]);
    uint32_t pivot = v[mid];
    int i = -1, j = n;
    for (;;) {
      do i++; while (v[i] < pivot);
      do j--; while (v[j] > pivot);
      if (i >= j) break;
      swap(&v[i], &v[j]);
    }
    int left = j + 1;
    if (left < n - left) {
      quicksort(v, left);
      v += left, n -= left;
    } else {
      quicksort(v + left, n - left);
      n = left;
    }
  }
  insertion_sort(v, n);
}

static void sift_down(uint32_t *v, int root, int n) {
  for (;;) {
    int child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && v[child + 1] > v[child]) child++;
    if (v[root] >= v[child]) return;
    swap(&v[root], &v[child]);
    root = child;
  }
}

static void heap_sort(uint32_t *v, int n) {
  for (int i = n / 2 - 1; i >= 0; i--) sift_down(v, i, n);
  for (int end = n - 1; end > 0; end--) {
    swap(&v[0], &v[end]);
    sift_down(v, 0, end);
  }
}

/* Order-sensitive hash of the sorted keys; also checks that they are sorted. */
static uint32_t digest(const uint32_t *v, int n) {
  uint32_t h = 2166136261u;
  for (int i = 0; i < n; i++) {
    if (i > 0 && v[i - 1] > v[i]) return 0;
    h = (h ^ v[i]) * 16777619u;
  }
  return h;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 3000000;
  uint32_t *keys = malloc(n * sizeof *keys), *work = malloc(n * sizeof *work);
  if (!keys || !work) return 1;
  uint64_t s = 0x736f7274;
  for (int i = 0; i < n; i++) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    keys[i] = (uint32_t)(s >> 33) % (uint32_t)(n * 4); /* with duplicates */
  }
  memcpy(work, keys, n * sizeof *work);
  quicksort(work, n);
  uint32_t q = digest(work, n);
  memcpy(work, keys, n * sizeof *work);
  heap_sort(work, n);
  uint32_t h = digest(work, n);
  printf("sort of %d keys: quicksort %08x, heap sort %08x, median %u\n", n, q, h, work[n / 2]);
  free(keys), free(work);
  return 0;
}
