/* exit() from deep inside the program, with atexit handlers and buffered output. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: first registered, runs last\n"); }
static void second(void) { printf("atexit: second registered, runs first\n"); }

static void descend(int n) {
  if (n == 0) {
    printf("exiting with 7 from depth 10\n");
    exit(7);
  }
  descend(n - 1);
  printf("never printed\n");
}

int main(void) {
  atexit(first);
  atexit(second);
  printf("buffered before exit");
  descend(10);
  return 0;
}
