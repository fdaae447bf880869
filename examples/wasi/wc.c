// wc: counts the lines, words and bytes of each file named on the command line (or of standard input,
// when none is), and prints them as a table, with a total for more than one file. A file that cannot
// be read is reported on stderr, and the exit code is then 1.
//
// Built with: clang --target=wasm32-wasi -O2 -Wl,--strip-all wc.c -o wc.wasm
// Run with:   pnpm wasmi-ts run --dir examples/wasi::/ examples/wasi/wc.wasm poem.txt
//             (from the repository's root: the guest sees examples/wasi as "/", so poem.txt is found there)
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct counts {
  unsigned long long lines, words, bytes;
};

/** Counts what `file` holds from where it is to its end; -1 on a read error. */
static int count(FILE *file, struct counts *c) {
  unsigned char buffer[4096];
  int in_word = 0;
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
    c->bytes += n;
    for (size_t i = 0; i < n; i++) {
      if (buffer[i] == '\n') c->lines++;
      if (isspace(buffer[i])) {
        in_word = 0;
      } else if (!in_word) {
        in_word = 1;
        c->words++;
      }
    }
  }
  return ferror(file) ? -1 : 0;
}

static void print_row(const struct counts *c, const char *name) {
  printf("%7llu %7llu %7llu  %s\n", c->lines, c->words, c->bytes, name);
}

int main(int argc, char **argv) {
  printf("%7s %7s %7s  %s\n", "lines", "words", "bytes", "file");
  if (argc < 2) {
    struct counts c = {0};
    if (count(stdin, &c) != 0) {
      fprintf(stderr, "wc: standard input: %s\n", strerror(errno));
      return 1;
    }
    print_row(&c, "(standard input)");
    return 0;
  }

  struct counts total = {0};
  int status = 0;
  for (int i = 1; i < argc; i++) {
    FILE *file = fopen(argv[i], "rb");
    struct counts c = {0};
    if (file == NULL || count(file, &c) != 0) {
      fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
      status = 1;
    } else {
      print_row(&c, argv[i]);
      total.lines += c.lines;
      total.words += c.words;
      total.bytes += c.bytes;
    }
    if (file != NULL) fclose(file);
  }
  if (argc > 2) print_row(&total, "total");
  return status;
}
