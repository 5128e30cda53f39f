/* spectral: spectral norm of an infinite matrix by power iteration (double division, nested loops) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Entry (i, j) of the matrix A = 1 / ((i+j)(i+j+1)/2 + i + 1), 0-based. */
static double a(int i, int j) { return 1.0 / ((double)(i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_a(int n, const double *v, double *out) {
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++) s += a(i, j) * v[j];
    out[i] = s;
  }
}

static void mul_at(int n, const double *v, double *out) {
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++) s += a(j, i) * v[j];
    out[i] = s;
  }
}

/* out = A^T A v, through tmp. */
static void mul_ata(int n, const double *v, double *out, double *tmp) {
  mul_a(n, v, tmp);
  mul_at(n, tmp, out);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 3500;
  double *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v), *tmp = malloc(n * sizeof *tmp);
  if (!u || !v || !tmp) return 1;
  for (int i = 0; i < n; i++) u[i] = 1.0;
  for (int k = 0; k < 10; k++) {
    mul_ata(n, u, v, tmp);
    mul_ata(n, v, u, tmp);
  }
  double vbv = 0, vv = 0;
  for (int i = 0; i < n; i++) {
    vbv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  printf("spectral norm (n=%d): %.9f\n", n, sqrt(vbv / vv));
  free(u), free(v), free(tmp);
  return 0;
}
