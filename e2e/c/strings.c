/* String handling: the <string.h> and <ctype.h> functions, formatting, parsing, tokenizing. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reverse(char *s) {
  for (size_t i = 0, j = strlen(s); i + 1 < j; i++, j--) {
    char t = s[i]; s[i] = s[j - 1]; s[j - 1] = t;
  }
}

static int is_palindrome(const char *s) {
  size_t i = 0, j = strlen(s);
  while (i < j) {
    while (i < j && !isalnum((unsigned char)s[i])) i++;
    while (i < j && !isalnum((unsigned char)s[j - 1])) j--;
    if (i < j && tolower((unsigned char)s[i]) != tolower((unsigned char)s[j - 1])) return 0;
    i++, j--;
  }
  return 1;
}

int main(void) {
  char buf[256];
  strcpy(buf, "The quick brown fox");
  strcat(buf, " jumps over the lazy dog");
  printf("%s (%zu)\n", buf, strlen(buf));
  printf("strchr=%s strrchr=%s strstr=%s\n", strchr(buf, 'q'), strrchr(buf, 'o'), strstr(buf, "lazy"));
  printf("cmp %d %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strncmp("hello", "help", 3), memcmp("ab", "ab", 2));
  char copy[256];
  strcpy(copy, buf);
  char *tok = strtok(copy, " ");
  int words = 0;
  while (tok) {
    printf("[%s]", tok);
    words++;
    tok = strtok(NULL, " ");
  }
  printf(" words=%d\n", words);
  for (char *p = buf; *p; p++) *p = (char)toupper((unsigned char)*p);
  printf("%s\n", buf);
  reverse(buf);
  printf("%s\n", buf);
  memmove(buf + 4, buf, 10);
  buf[20] = 0;
  printf("memmove: %s\n", buf);
  memmove(buf, buf + 3, 10);
  printf("memmove back: %.12s\n", buf);
  printf("palindromes %d %d %d\n", is_palindrome("A man, a plan, a canal: Panama"), is_palindrome("hello"), is_palindrome(""));
  printf("atoi=%d strtol=%ld strtoul=%lu hex=%ld\n", atoi("  -1234xyz"), strtol("0777", NULL, 8), strtoul("4294967295", NULL, 10), strtol("-0x1F", NULL, 16));
  char *end;
  double d = strtod("3.25e2rest", &end);
  printf("strtod=%g rest=%s\n", d, end);
  char out[64];
  int n = snprintf(out, sizeof out, "%5d|%-5d|%05d|%x|%X|%c|%s|%.3s|%%", 42, 42, 42, 255, 255, 'Z', "str", "truncate");
  printf("%s (%d)\n", out, n);
  n = snprintf(out, 10, "%s", "this will be cut");
  printf("%s (%d)\n", out, n);
  int counts[26] = {0};
  const char *text = "It was the best of times, it was the worst of times";
  for (const char *p = text; *p; p++) if (isalpha((unsigned char)*p)) counts[tolower((unsigned char)*p) - 'a']++;
  for (int i = 0; i < 26; i++) if (counts[i]) printf("%c%d", 'a' + i, counts[i]);
  printf("\n");
  char *dup = strdup("duplicate me");
  dup[0] = 'D';
  printf("%s %zu %zu\n", dup, strspn(dup, "Dupli"), strcspn(dup, " "));
  free(dup);
  return 0;
}
