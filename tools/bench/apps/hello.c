/* The unikernel suite's app: a C hello world (wasi-libc), for image size, boot time and RAM. */
#include <stdio.h>

int main(void) {
  printf("Hello, unikernel!\n");
  return 0;
}
