/* Arguments and environment as the program receives them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]=\"%s\" (%zu)\n", i, argv[i], strlen(argv[i]));
  const char *names[] = {"MEWZ_A", "MEWZ_EMPTY", "MEWZ_UNSET", "MEWZ_SPACES"};
  for (int i = 0; i < 4; i++) {
    const char *v = getenv(names[i]);
    printf("%s=%s\n", names[i], v ? v : "(unset)");
  }
  int count = 0;
  for (char **e = environ; *e; e++) if (strncmp(*e, "MEWZ_", 5) == 0) count++;
  printf("MEWZ_* entries: %d\n", count);
  return argc;
}
