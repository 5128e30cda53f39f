/* Floating point: correctly rounded arithmetic, conversions, rounding, printf of floats. */
#include <float.h>
#include <math.h>
#include <stdio.h>

int main(void) {
  double x = 0.1, sum = 0;
  for (int i = 0; i < 1000; i++) sum += x;
  printf("sum=%.17g %f %e %g\n", sum, sum, sum, sum);
  float f = 1.0f / 3.0f;
  printf("f=%.9g %.3f %10.4f|%-10.2f|\n", f, (double)f, (double)f, (double)f);
  double vals[] = {0.0, -0.0, 1.5, -2.5, 3.49999, 1e300, -1e-300, 123456789.987654321, 0.5, 2.5, -0.5};
  for (int i = 0; i < 11; i++) {
    double v = vals[i];
    printf("%g: floor=%g ceil=%g trunc=%g round=%g rint=%g sqrt=%.17g\n", v, floor(v), ceil(v), trunc(v), round(v), rint(v),
           v >= 0 ? sqrt(v) : -1.0);
  }
  printf("inf=%f -inf=%f nan=%f\n", INFINITY, -INFINITY, NAN);
  printf("max=%g min=%g eps=%g\n", DBL_MAX, DBL_MIN, DBL_EPSILON);
  printf("fmin=%g fmax=%g copysign=%g fabs=%g\n", fmin(-0.0, 0.0), fmax(3.0, NAN), copysign(2.0, -0.0), fabs(-7.25));
  double d = 1e10;
  printf("conv %d %u %lld %lld\n", (int)-3.99, (unsigned)3.99, (long long)d, (long long)-9.2e18);
  printf("i2f %.17g %.9g\n", (double)9007199254740993LL, (float)16777217);
  double a = 1.0;
  for (int i = 0; i < 60; i++) a = a * 1.0000001 + 1e-9;
  printf("a=%.17g\n", a);
  double pi = 0;
  for (int k = 0; k < 100000; k++) pi += (k % 2 ? -4.0 : 4.0) / (2 * k + 1);
  printf("pi~%.15f\n", pi);
  float g = 0;
  for (int k = 1; k <= 1000; k++) g += 1.0f / (float)k;
  printf("harmonic(float)=%.8f fma=%.17g\n", g, fma(0.1, 10.0, -1.0));
  printf("%.0f %.1f %.2f %.3f\n", 0.5, 0.25, 1.005, 2.0005);
  printf("%5.1e|%-12.6E|%+g|% g\n", 12345.678, 0.000123, 42.0, 42.0);
  return 0;
}
