// rename(2) of files, directories and symbolic links: to new names, over existing targets, and the
// cases POSIX refuses, each printed with errno's value, name and strerror text. Then the tree that is
// left, with each file's contents (the test also compares it on the host).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *errno_name(int e) {
  switch (e) {
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EINVAL: return "EINVAL";
    case EBUSY: return "EBUSY";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case EXDEV: return "EXDEV";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    default: return "?";
  }
}

static void try_rename(const char *from, const char *to) {
  if (rename(from, to) == 0) printf("rename(%s, %s): ok\n", from, to);
  else printf("rename(%s, %s): errno %d %s (%s)\n", from, to, errno, errno_name(errno), strerror(errno));
}

static void write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) printf("write %s: %s\n", path, strerror(errno));
  close(fd);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/** Prints the tree under `path` sorted by name: files with their contents, links with their targets. */
static void print_tree(const char *path, int depth) {
  DIR *dir = opendir(path);
  if (dir == NULL) return;
  char *names[64];
  int n = 0;
  struct dirent *d;
  while ((d = readdir(dir)) != NULL && n < 64) {
    if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0) names[n++] = strdup(d->d_name);
  }
  closedir(dir);
  qsort(names, (size_t)n, sizeof *names, by_name);
  for (int i = 0; i < n; i++) {
    char child[512], text[128] = {0};
    snprintf(child, sizeof child, "%s/%s", path, names[i]);
    struct stat st;
    lstat(child, &st);
    if (S_ISDIR(st.st_mode)) {
      printf("%*s%s/\n", depth * 2, "", names[i]);
      print_tree(child, depth + 1);
    } else if (S_ISLNK(st.st_mode)) {
      readlink(child, text, sizeof text - 1);
      printf("%*s%s -> %s\n", depth * 2, "", names[i], text);
    } else {
      int fd = open(child, O_RDONLY);
      ssize_t len = read(fd, text, sizeof text - 1);
      close(fd);
      printf("%*s%s: \"", depth * 2, "", names[i]);
      for (ssize_t k = 0; k < len; k++) printf(text[k] == '\n' ? "\\n" : "%c", text[k]);
      printf("\"\n");
    }
    free(names[i]);
  }
}

int main(void) {
  mkdir("dir", 0755);
  mkdir("dir/sub", 0755);
  mkdir("empty", 0755);
  mkdir("full", 0755);
  write_file("full/keep.txt", "keep");
  write_file("a.txt", "a");
  write_file("b.txt", "b");
  write_file("dir/in-dir.txt", "in dir");

  printf("files:\n");
  try_rename("a.txt", "a2.txt");             // a new name
  try_rename("a2.txt", "b.txt");             // over an existing file: b.txt now holds "a"
  try_rename("b.txt", "b.txt");              // onto itself: nothing happens
  try_rename("b.txt", "dir/moved.txt");      // into another directory
  try_rename("missing.txt", "x.txt");        // ENOENT
  try_rename("hello.txt", "nowhere/x.txt");  // ENOENT: no such directory
  try_rename("hello.txt", "dir");            // EISDIR: a file over a directory
  try_rename("hello.txt/", "x.txt");         // ENOTDIR: a trailing slash on a file
  try_rename("hello.txt", "hello.txt/");     // ENOTDIR

  printf("hard links:\n");
  if (link("hello.txt", "hello-link.txt") != 0) printf("link: %s\n", strerror(errno));
  try_rename("hello.txt", "hello-link.txt"); // two names of one file: nothing happens, both stay

  printf("directories:\n");
  try_rename("dir/sub", "dir/sub2");         // a new name
  try_rename("dir/sub2", "empty");           // over an empty directory
  try_rename("dir", "full");                 // ENOTEMPTY (or EEXIST) over a non-empty one
  try_rename("dir", "hello.txt");            // ENOTDIR: a directory over a file
  try_rename("dir", "dir/inside");           // EINVAL: into itself
  try_rename("dir", "dir");                  // onto itself
  try_rename("dir/", "dir-renamed/");        // trailing slashes are fine on directories
  try_rename("data/nested", "nested");       // out of its parent
  try_rename(".", "dot");                    // the preopened directory itself
  try_rename("data/..", "x");

  printf("symbolic links:\n");
  if (symlink("hello.txt", "link") != 0) printf("symlink: %s\n", strerror(errno));
  try_rename("link", "link2");               // the link moves, not its target
  try_rename("link2", "dir-renamed/link3");  // now dangling: relative to its new directory

  printf("an open file keeps its contents across a rename:\n");
  int fd = open("data/numbers.txt", O_RDONLY);
  try_rename("data/numbers.txt", "numbers.txt");
  char text[16] = {0};
  ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  printf("read %zd bytes through the old descriptor: first line \"%.*s\"\n", n, (int)strcspn(text, "\n"), text);

  printf("the tree:\n");
  print_tree(".", 1);
  return 0;
}
