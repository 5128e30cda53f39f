/* Reads stdin to the end (like wc) and reports lines, words, bytes and a checksum. */
#include <ctype.h>
#include <stdio.h>

int main(void) {
  int c, in_word = 0;
  unsigned long long lines = 0, words = 0, bytes = 0, checksum = 0;
  while ((c = getchar()) != EOF) {
    bytes++;
    checksum = checksum * 31 + (unsigned)c;
    if (c == '\n') lines++;
    if (isspace(c)) in_word = 0;
    else if (!in_word) {
      in_word = 1;
      words++;
    }
  }
  printf("%llu %llu %llu %llx\n", lines, words, bytes, checksum);
  return 0;
}
