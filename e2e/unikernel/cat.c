/* Copies stdin to stdout byte for byte and reports the byte count on stderr. */
#include <stdio.h>

int main(void) {
  static char buffer[4096];
  unsigned long long total = 0;
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    if (fwrite(buffer, 1, n, stdout) != n) return 2;
    total += n;
  }
  if (ferror(stdin)) return 3;
  fflush(stdout);
  fprintf(stderr, "%llu bytes\n", total);
  return 0;
}
