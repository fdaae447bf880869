// Prints argc and every argument with its length in bytes: arguments must arrive unchanged (spaces, empty
// strings, quotes, UTF-8), and argv must end with a null pointer.
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("argc = %d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d] = [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
  return 0;
}
