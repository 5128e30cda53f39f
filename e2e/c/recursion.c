/* Recursion: Fibonacci, Ackermann, mutual recursion, a deep recursion, Hanoi, permutations. */
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int ack(int m, int n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static long long depth(int n) { return n == 0 ? 0 : n + depth(n - 1); }

static int moves;
static void hanoi(int n, int from, int to, int via) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  moves++;
  hanoi(n - 1, via, to, from);
}

static int count;
static void permute(char *s, int k, int n) {
  if (k == n) {
    if (count++ < 5) printf("%s\n", s);
    return;
  }
  for (int i = k; i < n; i++) {
    char t = s[k]; s[k] = s[i]; s[i] = t;
    permute(s, k + 1, n);
    t = s[k]; s[k] = s[i]; s[i] = t;
  }
}

int main(void) {
  printf("fib(27)=%d\n", fib(27));
  printf("ack(2,3)=%d ack(3,5)=%d\n", ack(2, 3), ack(3, 5));
  printf("even(10001)=%d odd(7777)=%d\n", is_even(10001), is_odd(7777));
  printf("depth=%lld\n", depth(20000));
  hanoi(18, 1, 3, 2);
  printf("hanoi moves=%d\n", moves);
  char s[] = "abcdefg";
  permute(s, 0, 7);
  printf("permutations=%d\n", count);
  return 0;
}
