// Large reads and writes: a file of a few MB written in odd-sized chunks and read back in other odd
// sizes (checksummed against the pattern), one write and one read of 2 MiB at once, writev/readv, then
// pwrite/pread at offsets (inside, across the end, and past it, which leaves a hole of zeros) without
// moving the file offset. With argv[1] = "stdout", it writes 1 MiB of numbered lines to stdout instead.
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define TOTAL (3 * 1024 * 1024 + 12345)
#define BIG (2 * 1024 * 1024)

static uint8_t pattern(uint64_t i) {
  return (uint8_t)((i * 2654435761u) >> 13 ^ i >> 9);
}

static uint64_t fnv1a(uint64_t hash, const uint8_t *data, size_t n) {
  for (size_t i = 0; i < n; i++) hash = (hash ^ data[i]) * 1099511628211u;
  return hash;
}
#define FNV_START 14695981039346656037u

static void fail(const char *what) {
  perror(what);
  exit(1);
}

static uint64_t file_size(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) fail(path);
  return (uint64_t)st.st_size;
}

/** Writes TOTAL pattern bytes to `path` in chunks of the sizes in turn (short writes continued). */
static void write_in_chunks(const char *path) {
  static const size_t sizes[] = {1, 4093, 65537, 777, 131071, 3, 8191, 262147};
  static uint8_t chunk[262147];
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) fail(path);
  uint64_t at = 0;
  unsigned writes = 0;
  for (unsigned k = 0; at < TOTAL; k++) {
    size_t n = sizes[k % (sizeof sizes / sizeof *sizes)];
    if (n > TOTAL - at) n = (size_t)(TOTAL - at);
    for (size_t i = 0; i < n; i++) chunk[i] = pattern(at + i);
    for (size_t done = 0; done < n;) {
      ssize_t w = write(fd, chunk + done, n - done);
      if (w <= 0) fail("write");
      done += (size_t)w;
      writes++;
    }
    at += n;
  }
  if (fsync(fd) != 0) fail("fsync");
  close(fd);
  printf("%s: wrote %llu bytes in %u writes; size %llu\n", path, (unsigned long long)at, writes,
         (unsigned long long)file_size(path));
}

/** Reads `path` in chunks of other odd sizes; prints the byte count and whether it is the pattern. */
static void read_in_chunks(const char *path) {
  static const size_t sizes[] = {5, 65535, 12289, 1, 300007, 4097};
  static uint8_t chunk[300007];
  int fd = open(path, O_RDONLY);
  if (fd < 0) fail(path);
  uint64_t at = 0, hash = FNV_START, expected = FNV_START;
  int same = 1;
  for (unsigned k = 0;; k++) {
    ssize_t n = read(fd, chunk, sizes[k % (sizeof sizes / sizeof *sizes)]);
    if (n < 0) fail("read");
    if (n == 0) break;
    for (ssize_t i = 0; i < n; i++) {
      uint8_t want = pattern(at + (uint64_t)i);
      if (chunk[i] != want) same = 0;
      expected = (expected ^ want) * 1099511628211u;
    }
    hash = fnv1a(hash, chunk, (size_t)n);
    at += (uint64_t)n;
  }
  close(fd);
  printf("%s: read %llu bytes, fnv1a %016llx, %s the pattern (fnv1a %016llx)\n", path,
         (unsigned long long)at, (unsigned long long)hash, same ? "equal to" : "NOT equal to",
         (unsigned long long)expected);
}

/** One write(2) of BIG bytes, then one read(2) of BIG bytes into a fresh buffer. */
static void one_big_write_and_read(const char *path) {
  uint8_t *data = malloc(BIG), *back = malloc(BIG);
  for (size_t i = 0; i < BIG; i++) data[i] = pattern(i * 7);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) fail(path);
  ssize_t w = write(fd, data, BIG);
  off_t end = lseek(fd, 0, SEEK_CUR);
  lseek(fd, 0, SEEK_SET);
  ssize_t r = read(fd, back, BIG);
  close(fd);
  printf("%s: one write of %d: %zd, offset then %lld; one read: %zd, %s\n", path, BIG, w, (long long)end, r,
         r == BIG && memcmp(data, back, BIG) == 0 ? "same bytes" : "DIFFERENT bytes");
  free(data);
  free(back);
}

/** writev of three odd-sized buffers, readv into three buffers of other sizes. */
static void vectors(const char *path) {
  char a[] = "first,", b[] = "second and longer,", c[] = "third";
  struct iovec out[] = {{a, strlen(a)}, {b, strlen(b)}, {c, strlen(c)}};
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) fail(path);
  ssize_t w = writev(fd, out, 3);
  char x[4] = {0}, y[9] = {0}, z[40] = {0};
  struct iovec in[] = {{x, 3}, {y, 8}, {z, 39}};
  ssize_t r = preadv(fd, in, 3, 0);
  close(fd);
  printf("%s: writev %zd; preadv %zd: [%s] [%s] [%s]\n", path, w, r, x, y, z);
}

static void show_pread(int fd, off_t at, size_t n) {
  char buffer[32] = {0};
  ssize_t r = pread(fd, buffer, n, at);
  printf("  pread(%zu at %lld) = %zd", n, (long long)at, r);
  if (r < 0) printf(" (errno %d: %s)", errno, strerror(errno));
  if (r > 0) {
    printf(" [");
    for (ssize_t i = 0; i < r; i++) printf(buffer[i] >= 32 && buffer[i] < 127 ? "%c" : "\\x%02x", (uint8_t)buffer[i]);
    printf("]");
  }
  printf("\n");
}

/** pwrite/pread at offsets; the file offset stays where lseek put it. */
static void positioned(const char *path) {
  int fd = open(path, O_RDWR);
  if (fd < 0) fail(path);
  lseek(fd, 17, SEEK_SET);
  static const long long offsets[] = {0, 1000003, TOTAL - 5, TOTAL + 100000};
  for (size_t i = 0; i < sizeof offsets / sizeof *offsets; i++) {
    ssize_t w = pwrite(fd, "0123456789", 10, (off_t)offsets[i]);
    struct stat st;
    fstat(fd, &st);
    printf("  pwrite(10 at %lld) = %zd, size now %lld\n", offsets[i], w, (long long)st.st_size);
  }
  for (size_t i = 0; i < sizeof offsets / sizeof *offsets; i++) show_pread(fd, (off_t)offsets[i] - 2, 14); // -2: EINVAL
  show_pread(fd, TOTAL + 100010, 8); // at the end: 0
  show_pread(fd, TOTAL + 1000000, 8); // past the end: 0

  // the hole between the old end and the last pwrite reads as zeros
  static uint8_t hole[100000 - 5];
  ssize_t r = pread(fd, hole, sizeof hole, TOTAL + 5);
  size_t zeros = 0;
  for (ssize_t i = 0; i < r; i++) zeros += hole[i] == 0;
  printf("  hole: %zd bytes read, %zu zeros\n", r, zeros);
  printf("  offset after pwrite/pread: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("  lseek(0, SEEK_END) = %lld\n", (long long)lseek(fd, 0, SEEK_END));
  close(fd);
}

static void lines_to_stdout(void) {
  unsigned long long bytes = 0;
  for (unsigned i = 0; bytes < 1024 * 1024; i++) {
    int n = printf("line %u: the quick brown fox jumps over the lazy dog %u times\n", i, i * 7919 % 1000);
    bytes += (unsigned long long)n;
  }
  fflush(stdout);
  fprintf(stderr, "wrote %llu bytes of lines to stdout\n", bytes);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "stdout") == 0) {
    lines_to_stdout();
    return 0;
  }
  write_in_chunks("big.bin");
  read_in_chunks("big.bin");
  one_big_write_and_read("one-write.bin");
  vectors("vectors.txt");
  printf("big.bin at offsets:\n");
  positioned("big.bin");
  read_in_chunks("big.bin"); // changed bytes: a different checksum, "NOT equal"
  return 0;
}
