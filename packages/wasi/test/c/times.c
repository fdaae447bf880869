// File times: utimensat (by path, also on a directory and on a symbolic link itself), futimens (by
// descriptor), and fd_filestat_set_times directly, with explicit times, UTIME_OMIT and UTIME_NOW; each
// followed by the times read back with lstat, to the microsecond (hosts keep no more). Times near the
// clock (UTIME_NOW, writes) print as "recent", so the output is the same from run to run.
//
// argv[1] = "whole": every explicit time is whole seconds; otherwise most have fractions.
//
// The wasi-libc of Debian 12 (0.0~git20220510) fails with EINVAL when the mtime is UTIME_OMIT or
// UTIME_NOW (and futimens(fd, NULL) sets both times to 0) before reaching the host, so those cases call
// __wasi_fd_filestat_set_times with its flags instead.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static int whole_seconds;

static struct timespec at(time_t seconds, long nanoseconds) {
  return (struct timespec){.tv_sec = seconds, .tv_nsec = whole_seconds ? 0 : nanoseconds};
}
static const struct timespec OMIT = {.tv_nsec = UTIME_OMIT};
static const struct timespec NOW = {.tv_nsec = UTIME_NOW};

static void print_time(struct timespec t) {
  if (t.tv_nsec == UTIME_OMIT) printf("OMIT");
  else if (t.tv_nsec == UTIME_NOW) printf("NOW");
  else printf("%lld.%09ld", (long long)t.tv_sec, t.tv_nsec);
}

static void show_time(const char *what, struct timespec t) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  long long age = (long long)now.tv_sec - (long long)t.tv_sec;
  if (age > -60 && age < 60) printf(" %s recent", what);
  else printf(" %s %lld.%06ld", what, (long long)t.tv_sec, t.tv_nsec / 1000);
}

/** The times of `path` itself (not of a link's target). */
static void show(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    printf("  %s: errno %d (%s)\n", path, errno, strerror(errno));
    return;
  }
  printf("  %s:", path);
  show_time("atime", st.st_atim);
  show_time("mtime", st.st_mtim);
  printf("\n");
}

static void result(int error) {
  if (error == 0) printf(": ok\n");
  else printf(": errno %d (%s)\n", error, strerror(error));
}

/** utimensat of `path`, relative to the current directory. */
static void set_at_path(const char *path, struct timespec atime, struct timespec mtime, int flags) {
  printf("utimensat(%s, ", path);
  print_time(atime);
  printf(", ");
  print_time(mtime);
  printf("%s)", flags == AT_SYMLINK_NOFOLLOW ? ", AT_SYMLINK_NOFOLLOW" : "");
  result(utimensat(AT_FDCWD, path, (struct timespec[]){atime, mtime}, flags) == 0 ? 0 : errno);
}

/** futimens on `fd`, the descriptor of `path` (named in the output). */
static void set_by_fd(int fd, const char *path, struct timespec atime, struct timespec mtime) {
  printf("futimens(%s, ", path);
  print_time(atime);
  printf(", ");
  print_time(mtime);
  printf(")");
  result(futimens(fd, (struct timespec[]){atime, mtime}) == 0 ? 0 : errno);
}

/** fd_filestat_set_times itself: `flags` say which times to set, and how. */
static void set_wasi(int fd, const char *path, struct timespec atime, struct timespec mtime, __wasi_fstflags_t flags) {
  static const char *names[] = {"ATIM", "ATIM_NOW", "MTIM", "MTIM_NOW"};
  printf("fd_filestat_set_times(%s, ", path);
  print_time(atime);
  printf(", ");
  print_time(mtime);
  printf(",");
  for (int bit = 0; bit < 4; bit++) {
    if (flags & 1 << bit) printf(" %s", names[bit]);
  }
  printf(flags == 0 ? " 0)" : ")");
  __wasi_timestamp_t atim = (__wasi_timestamp_t)atime.tv_sec * 1000000000u + (__wasi_timestamp_t)atime.tv_nsec;
  __wasi_timestamp_t mtim = (__wasi_timestamp_t)mtime.tv_sec * 1000000000u + (__wasi_timestamp_t)mtime.tv_nsec;
  result(__wasi_fd_filestat_set_times(fd, atim, mtim, flags));
}

int main(int argc, char **argv) {
  whole_seconds = argc > 1 && strcmp(argv[1], "whole") == 0;
  int fd = open("file.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(fd, "some text\n", 10);
  mkdir("dir", 0755);
  symlink("file.txt", "link");
  const struct timespec zero = {0};

  // 2009-02-13 and 2001-09-09, 2020-02-29, 1980-01-01, the epoch, 2100-01-01 and 2038-01-19 (past 2^31 s)
  set_at_path("file.txt", at(1234567890, 500000000), at(1000000000, 123456000), 0);
  show("file.txt");
  set_by_fd(fd, "file.txt", OMIT, at(1582979696, 654321000));
  show("file.txt");
  set_at_path("file.txt", NOW, at(315532800, 0), 0);
  show("file.txt");
  set_by_fd(fd, "file.txt", at(0, 0), at(1, 1000));
  show("file.txt");
  set_by_fd(fd, "file.txt", at(4102444800, 999999000), at(2147483648, 250000000));
  show("file.txt");

  // digits below the microsecond are not kept: 1990-01-01 + 1 ns reads back as 1990-01-01
  set_wasi(fd, "file.txt", at(631152000, 1), zero, __WASI_FSTFLAGS_ATIM);
  show("file.txt");
  set_wasi(fd, "file.txt", zero, at(915148799, 999999999), __WASI_FSTFLAGS_MTIM);
  show("file.txt");
  set_wasi(fd, "file.txt", zero, zero, 0);
  show("file.txt");
  set_wasi(fd, "file.txt", zero, zero, __WASI_FSTFLAGS_MTIM_NOW);
  show("file.txt");
  set_wasi(fd, "file.txt", at(631152000, 0), zero, __WASI_FSTFLAGS_ATIM);
  show("file.txt");
  set_wasi(fd, "file.txt", zero, zero, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW);
  show("file.txt");
  // a time and NOW for the same one: the specification's INVAL
  set_wasi(fd, "file.txt", at(631152000, 0), zero, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW);
  show("file.txt");

  // a write sets mtime to now; atime stays
  set_at_path("file.txt", at(946684800, 0), at(946771200, 0), 0);
  show("file.txt");
  printf("a write\n");
  write(fd, "more\n", 5);
  show("file.txt");
  close(fd);

  set_at_path("dir", at(1320969600, 111000), at(1355270400, 222000), 0);
  show("dir");
  // the link itself, then (following it) its target; reading the link may update its atime on the host,
  // so it is not shown after that
  set_at_path("link", at(1430784000, 5000), at(1465171200, 6000), AT_SYMLINK_NOFOLLOW);
  show("link");
  show("file.txt");
  set_at_path("link", at(1499385600, 7000), at(1533686400, 8000), 0);
  show("file.txt");
  set_at_path("missing.txt", at(0, 0), at(0, 0), 0);
  return 0;
}
