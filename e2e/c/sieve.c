/* A sieve of Eratosthenes over 10 million numbers (a large heap allocation), prime gaps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  const int limit = 10000000;
  unsigned char *composite = calloc(limit + 1, 1);
  for (int i = 2; (long long)i * i <= limit; i++)
    if (!composite[i])
      for (int j = i * i; j <= limit; j += i) composite[j] = 1;
  int count = 0, last = 2, gap = 0, gap_at = 0;
  long long sum = 0;
  for (int i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    sum += i;
    if (i - last > gap) {
      gap = i - last;
      gap_at = last;
    }
    last = i;
  }
  printf("primes<=%d: %d sum=%lld largest=%d\n", limit, count, sum, last);
  printf("largest gap %d after %d\n", gap, gap_at);
  for (int k = 1; k <= 1000000; k *= 10) {
    int c = 0;
    for (int i = 2; i <= k; i++) c += !composite[i];
    printf("pi(%d)=%d\n", k, c);
  }
  free(composite);
  return 0;
}
