/* tmpdir — temporary directory trees for the tests that need real files
 * (the loader's search path, the standard library, symbolic links).
 * Header-only, for tests; everything is static inline. */
#ifndef CJM_TESTS_TMPDIR_H
#define CJM_TESTS_TMPDIR_H

#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Creates path and every missing directory above it. */
static inline void tmpdir_make_dirs(const char *path) {
  char buf[PATH_MAX];
  if ((size_t)snprintf(buf, sizeof buf, "%s", path) >= sizeof buf) return;
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    mkdir(buf, 0755);
    *p = '/';
  }
  mkdir(buf, 0755);
}

/* Writes text to dir/rel, creating directories on the way. Returns false
 * when the file could not be written. */
static inline bool tmpdir_write(const char *dir, const char *rel, const char *text) {
  char path[PATH_MAX];
  if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, rel) >= sizeof path) return false;
  char *slash = strrchr(path, '/');
  *slash = '\0';
  tmpdir_make_dirs(path);
  *slash = '/';
  FILE *f = fopen(path, "w");
  if (!f) return false;
  fputs(text, f);
  return fclose(f) == 0;
}

static inline int tmpdir_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

/* Removes the tree at root, symbolic links not followed. */
static inline int tmpdir_remove(const char *root) {
  return nftw(root, tmpdir_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
