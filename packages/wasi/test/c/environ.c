// Prints selected variables with getenv, then the whole environment sorted (the host's order is not
// specified), then changes it with setenv/unsetenv: the environment is the program's own copy.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static void show(const char *name) {
  const char *value = getenv(name);
  if (value == NULL) printf("getenv(%s) = NULL\n", name);
  else printf("getenv(%s) = [%s]\n", name, value);
}

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_sorted_environ(void) {
  size_t n = 0;
  while (environ[n] != NULL) n++;
  char **copy = malloc((n + 1) * sizeof *copy);
  memcpy(copy, environ, n * sizeof *copy);
  qsort(copy, n, sizeof *copy, by_string);
  printf("environ: %zu variables\n", n);
  for (size_t i = 0; i < n; i++) printf("  %s\n", copy[i]);
  free(copy);
}

int main(void) {
  const char *names[] = {"HOME", "LANG", "EMPTY", "WITH_EQUALS", "UNICODE", "MISSING", "PATH"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) show(names[i]);
  print_sorted_environ();

  setenv("ADDED", "by setenv", 1);
  setenv("HOME", "not replaced", 0); // overwrite = 0: an existing value stays
  unsetenv("LANG");
  show("ADDED");
  show("HOME");
  show("LANG");
  print_sorted_environ();
  return 0;
}
