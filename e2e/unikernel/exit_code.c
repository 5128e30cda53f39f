/* Prints its arguments and environment, then exits with the status argv[1] names:
   `return` for a number, `exit(n)` after "exit", and a stderr line to show both streams. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=[%s]\n", i, argv[i]);
  for (char **e = environ; *e; e++) printf("env [%s]\n", *e);
  fprintf(stderr, "to stderr\n");
  if (argc > 2 && strcmp(argv[1], "exit") == 0) {
    fflush(stdout);
    exit(atoi(argv[2]));
  }
  return argc > 1 ? atoi(argv[1]) : 0;
}
