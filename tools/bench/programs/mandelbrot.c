/* mandelbrot: escape-time iteration over a grid (double arithmetic, integer result) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int size = argc > 1 ? atoi(argv[1]) : 2000;
  const int max_iter = 200;
  uint32_t inside = 0;
  uint32_t hash = 2166136261u; /* FNV-1a over every point's iteration count */
  uint64_t total_iter = 0;
  for (int y = 0; y < size; y++) {
    double ci = 2.0 * y / size - 1.0;
    for (int x = 0; x < size; x++) {
      double cr = 2.5 * x / size - 2.0;
      double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
      int i = 0;
      while (i < max_iter && zr2 + zi2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        i++;
      }
      if (i == max_iter) inside++;
      total_iter += (uint64_t)i;
      hash = (hash ^ (uint32_t)i) * 16777619u;
    }
  }
  printf("mandelbrot %dx%d: %u inside, %llu iterations, hash %08x\n", size, size, inside, (unsigned long long)total_iter, hash);
  return 0;
}
