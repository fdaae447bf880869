// Lists directories with opendir/readdir, sorted by name (the order of entries is the host's): the
// fixture's tree, then entries the program creates (files, directories, a symbolic link), then a
// directory of 600 long names (more than one fd_readdir buffer), with telldir/seekdir and rewinddir.
// Whether readdir gives "." and ".." is up to the host (POSIX allows both): it is printed once, and the
// listings leave them out.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct entry {
  char name[256];
  unsigned char type;
};

static int by_name(const void *a, const void *b) {
  return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static char type_letter(unsigned char type) {
  switch (type) {
    case DT_REG: return 'f';
    case DT_DIR: return 'd';
    case DT_LNK: return 'l';
    default: return '?';
  }
}

static int dots_listed;

/** The next entry of `dir` other than "." and ".." (noting whether those came), or NULL at the end. */
static struct dirent *next(DIR *dir) {
  struct dirent *d;
  while ((d = readdir(dir)) != NULL && (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)) {
    dots_listed = 1;
  }
  return d;
}

/** The entries of `path` sorted by name, without "." and ".."; -1 on error. */
static int list(const char *path, struct entry **out) {
  DIR *dir = opendir(path);
  if (dir == NULL) return -1;
  size_t n = 0, capacity = 16;
  struct entry *entries = malloc(capacity * sizeof *entries);
  struct dirent *d;
  while ((d = next(dir)) != NULL) {
    if (n == capacity) entries = realloc(entries, (capacity *= 2) * sizeof *entries);
    snprintf(entries[n].name, sizeof entries[n].name, "%s", d->d_name);
    entries[n++].type = d->d_type;
  }
  closedir(dir);
  qsort(entries, n, sizeof *entries, by_name);
  *out = entries;
  return (int)n;
}

/** Prints the tree under `path` (depth first, sorted), with the size of each file. */
static void print_tree(const char *path, int depth) {
  struct entry *entries;
  int n = list(path, &entries);
  if (n < 0) {
    printf("%*s%s: errno %d (%s)\n", depth * 2, "", path, errno, strerror(errno));
    return;
  }
  for (int i = 0; i < n; i++) {
    char child[1024];
    snprintf(child, sizeof child, "%s/%s", path, entries[i].name);
    printf("%*s%c %s", depth * 2 + 2, "", type_letter(entries[i].type), entries[i].name);
    struct stat st;
    if (entries[i].type == DT_REG && stat(child, &st) == 0) printf(" (%lld bytes)", (long long)st.st_size);
    if (entries[i].type == DT_LNK) {
      char target[256];
      ssize_t len = readlink(child, target, sizeof target - 1);
      printf(" -> %.*s", (int)(len < 0 ? 0 : len), target);
    }
    printf("\n");
    if (entries[i].type == DT_DIR) print_tree(child, depth + 1);
  }
  free(entries);
}

static void write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) printf("write %s: %s\n", path, strerror(errno));
  close(fd);
}

/** 600 entries of 58-byte names (49 KB of dirents): fd_readdir is called again with the cookie it gave. */
static void many_entries(void) {
  mkdir("many", 0755);
  for (int i = 0; i < 600; i++) {
    char path[128];
    snprintf(path, sizeof path, "many/entry-%04d-with-a-long-name-to-fill-the-readdir-buffer.txt", i);
    write_file(path, "");
  }
  struct entry *entries;
  int n = list("many", &entries);
  unsigned hash = 2166136261u; // FNV-1a of the sorted names, each followed by its type
  int files = 0;
  for (int i = 0; i < n; i++) {
    for (const char *c = entries[i].name; *c; c++) hash = (hash ^ (unsigned char)*c) * 16777619u;
    hash = (hash ^ entries[i].type) * 16777619u;
    files += entries[i].type == DT_REG;
  }
  printf("many: %d entries, %d files, first %s, last %s, names fnv1a %08x\n", n, files, entries[0].name,
         entries[n - 1].name, hash);
  free(entries);

  // telldir/seekdir: back to a position, the same entry comes again; rewinddir starts over
  DIR *dir = opendir("many");
  for (int i = 0; i < 250; i++) next(dir);
  long position = telldir(dir);
  char at_position[256];
  snprintf(at_position, sizeof at_position, "%s", next(dir)->d_name);
  int rest = 1;
  while (next(dir) != NULL) rest++;
  seekdir(dir, position);
  printf("seekdir: %s entry again; %d entries from there\n",
         strcmp(next(dir)->d_name, at_position) == 0 ? "the same" : "a DIFFERENT", rest);
  rewinddir(dir);
  int again = 0;
  while (next(dir) != NULL) again++;
  printf("rewinddir: %d entries\n", again);
  closedir(dir);
}

int main(void) {
  printf("the fixture:\n");
  print_tree(".", 0);
  printf("readdir gives \".\" and \"..\": %s\n", dots_listed ? "yes" : "no");

  mkdir("made", 0755);
  mkdir("made/sub", 0755);
  mkdir("made/empty", 0755);
  write_file("made/a.txt", "a");
  write_file("made/sub/b.txt", "bb");
  write_file("made/.hidden", "hidden");
  if (symlink("sub/b.txt", "made/link") != 0) printf("symlink: %s\n", strerror(errno));
  unlink("hello.txt");
  printf("after creating made/ and removing hello.txt:\n");
  print_tree(".", 0);

  many_entries();

  struct entry *entries;
  printf("opendir of a file: %s\n", list("made/a.txt", &entries) < 0 ? strerror(errno) : "opened");
  printf("opendir of a missing directory: %s\n", list("missing", &entries) < 0 ? strerror(errno) : "opened");
  return 0;
}
