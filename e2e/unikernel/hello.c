/* The smallest C app: one line on stdout, exit status 0. */
#include <stdio.h>

int main(void) {
  printf("Hello from the unikernel!\n");
  return 0;
}
