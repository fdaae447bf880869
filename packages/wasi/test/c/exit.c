// Ends with the code given in argv[1]: through exit(N), or by returning N from main when argv[2] is
// "return". Output written before must not be lost (exit flushes stdio's buffers).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: exit CODE [return]\n");
    return 2;
  }
  int code = atoi(argv[1]);
  int by_return = argc > 2 && strcmp(argv[2], "return") == 0;
  printf("ending with %d by %s\n", code, by_return ? "return" : "exit()"); // still in stdout's buffer
  fprintf(stderr, "stderr is unbuffered\n");
  if (by_return) return code;
  exit(code);
}
