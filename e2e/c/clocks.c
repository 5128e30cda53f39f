/* Clocks and sleeping: monotonic time advances across a sleep by at least the sleep. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(clockid_t id) {
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0) return -1;
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void) {
  long long t0 = now_ns(CLOCK_MONOTONIC);
  struct timespec req = {0, 30 * 1000000};
  int r = nanosleep(&req, NULL);
  long long t1 = now_ns(CLOCK_MONOTONIC);
  printf("nanosleep=%d slept>=30ms: %d\n", r, t1 - t0 >= 30000000LL);
  usleep(20000);
  long long t2 = now_ns(CLOCK_MONOTONIC);
  printf("usleep slept>=20ms: %d\n", t2 - t1 >= 20000000LL);
  long long wall = now_ns(CLOCK_REALTIME);
  printf("realtime after 2020: %d\n", wall > 1577836800LL * 1000000000LL);
  struct timespec res;
  printf("resolution ok: %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);
  long long c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
  volatile unsigned x = 0;
  for (unsigned i = 0; i < 20000000u; i++) x += i;
  long long c1 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
  printf("cpu time advances: %d\n", c1 > c0);
  time_t t = time(NULL);
  printf("time() matches: %d\n", (long long)t * 1000000000LL <= now_ns(CLOCK_REALTIME) + 1000000000LL);
  return 0;
}
