/* Dense double matrices: multiply, transpose, Gaussian elimination with partial pivoting. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 120 };

static double a[N][N], b[N][N], c[N][N];

int main(void) {
  unsigned s = 1;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      s = s * 1664525u + 1013904223u;
      a[i][j] = (double)(s >> 8) / 16777216.0 - 0.5;
      b[j][i] = (double)((i * 7 + j * 3) % 11) - 5.0;
    }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      double sum = 0;
      for (int k = 0; k < N; k++) sum += a[i][k] * b[k][j];
      c[i][j] = sum;
    }
  double trace = 0, norm = 0;
  for (int i = 0; i < N; i++) {
    trace += c[i][i];
    for (int j = 0; j < N; j++) norm += c[i][j] * c[i][j];
  }
  printf("trace=%.10f frobenius=%.10f\n", trace, sqrt(norm));
  /* Solve a x = r by elimination; report the solution's first entries and the residual. */
  static double m[N][N + 1];
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) m[i][j] = a[i][j] + (i == j ? N : 0);
    m[i][N] = (double)(i % 5) - 2.0;
  }
  for (int col = 0; col < N; col++) {
    int pivot = col;
    for (int r = col + 1; r < N; r++)
      if (fabs(m[r][col]) > fabs(m[pivot][col])) pivot = r;
    for (int k = 0; k <= N; k++) {
      double t = m[col][k]; m[col][k] = m[pivot][k]; m[pivot][k] = t;
    }
    for (int r = 0; r < N; r++) {
      if (r == col) continue;
      double f = m[r][col] / m[col][col];
      for (int k = col; k <= N; k++) m[r][k] -= f * m[col][k];
    }
  }
  double x[N];
  for (int i = 0; i < N; i++) x[i] = m[i][N] / m[i][i];
  printf("x0=%.12f x1=%.12f xN=%.12f\n", x[0], x[1], x[N - 1]);
  double residual = 0;
  for (int i = 0; i < N; i++) {
    double r = -((double)(i % 5) - 2.0);
    for (int j = 0; j < N; j++) r += (a[i][j] + (i == j ? N : 0)) * x[j];
    residual += fabs(r);
  }
  printf("residual<1e-9: %d\n", residual < 1e-9);
  return 0;
}
