/* fannkuch: pancake flips over every permutation of 1..n (small arrays, branches) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_N 16

/* One full pass over the n! permutations; returns the checksum, stores the most flips. */
static int32_t fannkuch(int n, int *max_flips_out) {
  int perm[MAX_N], flipped[MAX_N], count[MAX_N];
  for (int i = 0; i < n; i++) perm[i] = i, count[i] = 0;
  int32_t checksum = 0;
  int max_flips = 0;
  int parity = 0; /* permutations are visited alternately even and odd */
  for (;;) {
    /* Count the flips of this permutation: reverse the prefix of length first+1 until 0 leads. */
    if (perm[0] != 0) {
      for (int i = 0; i < n; i++) flipped[i] = perm[i];
      int flips = 0;
      for (int first = flipped[0]; first != 0; first = flipped[0]) {
        for (int lo = 0, hi = first; lo < hi; lo++, hi--) {
          int t = flipped[lo];
          flipped[lo] = flipped[hi];
          flipped[hi] = t;
        }
        flips++;
      }
      if (flips > max_flips) max_flips = flips;
      checksum += parity ? -flips : flips;
    }
    /* Next permutation by rotating prefixes (the rotation of length r+1 is done r+1 times). */
    int r = 1;
    for (;;) {
      if (r == n) {
        *max_flips_out = max_flips;
        return checksum;
      }
      int first = perm[0];
      for (int i = 0; i < r; i++) perm[i] = perm[i + 1];
      perm[r] = first;
      if (++count[r] <= r) break;
      count[r] = 0;
      r++;
    }
    parity ^= 1;
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 10;
  int rounds = argc > 2 ? atoi(argv[2]) : 3;
  if (n < 1 || n > MAX_N) return 1;
  int32_t checksum = 0;
  int max_flips = 0;
  for (int r = 0; r < rounds; r++) checksum += fannkuch(n, &max_flips);
  printf("fannkuch(%d) x%d: checksum %d, max flips %d\n", n, rounds, checksum, max_flips);
  return 0;
}
