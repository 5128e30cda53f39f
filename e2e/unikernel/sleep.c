/* Prints a line, sleeps one second with nanosleep (poll_oneoff with a clock subscription
   in wasi-libc), prints another: the test times the gap between the lines. */
#include <stdio.h>
#include <time.h>

static long long monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void) {
  printf("before\n");
  fflush(stdout);
  long long start = monotonic_ns();
  struct timespec one_second = {1, 0};
  int r = nanosleep(&one_second, NULL);
  long long slept = monotonic_ns() - start;
  printf("after %d %d\n", r, slept >= 1000000000LL);
  fflush(stdout);
  return 0;
}
