// Reads all of standard input in small read(2)s, then prints how many bytes and lines it had, an FNV-1a
// checksum, and its first line; reading again after the end must give 0 again.
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  uint8_t buffer[7]; // small and odd: many reads, none aligned with lines
  char first_line[81];
  size_t first_length = 0;
  int first_done = 0;
  uint64_t bytes = 0, lines = 0;
  uint32_t hash = 2166136261u;
  ssize_t n;
  while ((n = read(STDIN_FILENO, buffer, sizeof buffer)) > 0) {
    for (ssize_t i = 0; i < n; i++) {
      uint8_t c = buffer[i];
      hash = (hash ^ c) * 16777619u;
      if (c == '\n') {
        lines++;
        first_done = 1;
      } else if (!first_done && first_length < sizeof first_line - 1) {
        first_line[first_length++] = (char)c;
      }
    }
    bytes += (uint64_t)n;
  }
  if (n < 0) {
    perror("read");
    return 1;
  }
  first_line[first_length] = '\0';
  printf("bytes: %llu\n", (unsigned long long)bytes);
  printf("lines: %llu\n", (unsigned long long)lines);
  printf("fnv1a: %08x\n", hash);
  printf("first line: [%s]\n", first_line);
  printf("read after the end: %zd\n", read(STDIN_FILENO, buffer, sizeof buffer));
  return 0;
}
