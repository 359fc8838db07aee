/* stdout_redirect — pointing standard output at a file for a while, as a
 * shell's `>>FILE` (or `>FILE`) would, to test what cjm writes through
 * "-" or /dev/stdout. Header-only, for tests; everything is static. */
#ifndef CJM_TESTS_STDOUT_REDIRECT_H
#define CJM_TESTS_STDOUT_REDIRECT_H

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* Makes path (opened with flags: O_WRONLY | O_APPEND, or O_WRONLY) the
 * process's standard output; returns the descriptor to restore it with
 * stdout_restore, or -1 when path or stdout could not be opened. */
static int stdout_to(const char *path, int flags) {
  fflush(stdout);
  int saved = dup(STDOUT_FILENO);
  int fd = open(path, flags);
  if (saved < 0 || fd < 0) {
    if (saved >= 0) close(saved);
    if (fd >= 0) close(fd);
    return -1;
  }
  dup2(fd, STDOUT_FILENO);
  close(fd);
  return saved;
}

/* Gives standard output back what stdout_to took from it. */
static void stdout_restore(int saved) {
  dup2(saved, STDOUT_FILENO);
  close(saved);
}

#endif
