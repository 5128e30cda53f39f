/* Output on both streams, an explicit exit status, and output flushed at exit. */
#include <stdio.h>

int main(void) {
  printf("to stdout, line 1\n");
  fprintf(stderr, "to stderr: %d problems\n", 3);
  printf("unterminated line, flushed at exit: %s", "ok");
  fputs("\nputs too\n", stdout);
  fprintf(stderr, "done\n");
  return 42;
}
