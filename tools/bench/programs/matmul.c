/* matmul: dense double matrix product C = A * B, i-k-j order (memory streams, multiply-add) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1100;
  double *a = malloc((size_t)n * n * sizeof *a), *b = malloc((size_t)n * n * sizeof *b), *c = calloc((size_t)n * n, sizeof *c);
  if (!a || !b || !c) return 1;
  /* Small exact values (multiples of 1/8), so every product and partial sum is exact and
     the result cannot depend on the order a compiler chooses for the additions. */
  uint32_t s = 12345;
  for (int i = 0; i < n * n; i++) {
    s = s * 1103515245u + 12345u;
    a[i] = (double)((s >> 16) % 17) / 8.0 - 1.0;
    s = s * 1103515245u + 12345u;
    b[i] = (double)((s >> 16) % 13) / 8.0 - 0.75;
  }
  for (int i = 0; i < n; i++)
    for (int k = 0; k < n; k++) {
      double aik = a[i * n + k];
      for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  double trace = 0, sum = 0;
  for (int i = 0; i < n; i++) trace += c[i * n + i];
  for (int i = 0; i < n * n; i++) sum += c[i] * (double)(i % 7 + 1);
  printf("matmul %dx%d: trace %.6f, weighted sum %.6f\n", n, n, trace, sum);
  free(a), free(b), free(c);
  return 0;
}
