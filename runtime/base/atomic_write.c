/* atomic_write — see atomic_write.h. */
#include "runtime/base/atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lang/arena.h"

bool cjm_write_all(int fd, const void *bytes, size_t len) {
  const char *data = bytes;
  while (len) {
    ssize_t n = write(fd, data, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    len -= (size_t)n;
  }
  return true;
}

/* Writes the output into path as a shell's `>` would: into a destination
 * that is not a regular file (a character device such as /dev/null, a
 * FIFO, a terminal), where there is no file to replace and renaming over
 * it would put a regular file in place of the device; and, truncating it
 * first, into a regular file that cannot be replaced without changing its
 * owner or whose directory the process may not write. Returns 0 or an
 * errno value. */
static int write_in_place(const char *path, const cjm_strbuf *out, bool truncate) {
  int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (truncate ? O_TRUNC : 0));
  if (fd < 0) return errno;
  int error = cjm_write_all(fd, out->data ? out->data : "", out->len) ? 0 : errno;
  if (close(fd) != 0 && !error && errno != EINTR) error = errno;
  return error;
}

/* Creates a new file beside path for its replacement, named .cjm-XXXXXX in
 * path's directory (a name no file has, and short, so that a destination
 * whose own name is as long as a name may be still has one). Mode 0666 as
 * any new file, so the umask and the directory's default ACL apply as they
 * would to `>`. Returns the open descriptor and sets *temp (malloc'd), or
 * returns -1 with errno set. */
static int create_temp(const char *path, char **temp) {
  static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  static unsigned long counter;
  const char *slash = strrchr(path, '/');
  size_t n = slash ? (size_t)(slash - path) + 1 : 0; /* the directory, with its slash */
  char *name = cjm_xmalloc(n + sizeof ".cjm-XXXXXX");
  memcpy(name, path, n);
  memcpy(name + n, ".cjm-", 5);
  for (int attempt = 0; attempt < 100; attempt++) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    unsigned long x = (unsigned long)now.tv_nsec ^ ((unsigned long)getpid() << 16) ^ (++counter * 2654435761u);
    for (size_t i = 0; i < 6; i++, x /= sizeof letters - 1) name[n + 5 + i] = letters[x % (sizeof letters - 1)];
    name[n + 11] = '\0';
    int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      *temp = name;
      return fd;
    }
    if (errno != EEXIST) break;
  }
  int saved = errno;
  free(name);
  errno = saved;
  return -1;
}

/* Replaces (or creates) the regular file path atomically: a temporary file
 * beside it, written, synced and renamed over it. A file being replaced
 * keeps its mode and, where the process may, its owner and group. Returns
 * 0 or an errno value; on failure path is untouched and no temporary file
 * stays behind. Nothing is allocated from the temporary file's creation to
 * its rename or removal (its name is allocated before): running out of
 * memory, which ends the process (lang/arena.h), cannot leave it behind
 * (tests/alloc/alloc_fail.sh checks). */
static int replace_atomically(const char *path, const struct stat *old, const cjm_strbuf *out) {
  char *temp = NULL;
  int fd = create_temp(path, &temp);
  if (fd < 0) return errno;
  int error = 0;
  if (old) {
    if (fchown(fd, old->st_uid, old->st_gid) != 0) { /* best effort: only root may give a file away */ }
    if (fchmod(fd, old->st_mode & 07777) != 0) error = errno;
  }
  if (!error && !cjm_write_all(fd, out->data ? out->data : "", out->len)) error = errno;
  if (!error && fsync(fd) != 0) error = errno;
  if (close(fd) != 0 && !error && errno != EINTR) error = errno;
  if (!error && rename(temp, path) != 0) error = errno;
  if (error) unlink(temp);
  free(temp);
  return error;
}

/* Replaces the regular file path (stat st), which the process may write:
 * atomically, unless the replacement would change its owner (a file of
 * another user that the process may not give away) or its directory may
 * not be written; then in place, as `>` does, since only the bytes
 * change. Returns 0 or an errno value. */
static int replace_existing(const char *path, const struct stat *st, const cjm_strbuf *out) {
  if (st->st_uid != geteuid() && geteuid() != 0) return write_in_place(path, out, true);
  int failure = replace_atomically(path, st, out);
  if (failure == EACCES || failure == EPERM) failure = write_in_place(path, out, true);
  return failure;
}

/* Whether st is the file standard output already writes to. */
static bool is_stdout(const struct stat *st) {
  struct stat out;
  return fstat(STDOUT_FILENO, &out) == 0 && out.st_dev == st->st_dev && out.st_ino == st->st_ino;
}

bool cjm_atomic_write(const cjm_strbuf *out, const char *path, const char **error) {
  int failure = 0;
  struct stat st;
  if (strcmp(path, "-") == 0) {
    if (!cjm_write_all(STDOUT_FILENO, out->data ? out->data : "", out->len)) failure = errno;
  } else if (stat(path, &st) != 0) {
    struct stat link;
    failure = errno;
    if (failure == ENOENT && lstat(path, &link) == 0) {
      *error = "a dangling symbolic link (not written through)";
      return false;
    }
    if (failure == ENOENT) {
      failure = replace_atomically(path, NULL, out);
      /* Creating a file fails so only when its directory is missing. */
      if (failure == ENOENT) {
        *error = "no such directory";
        return false;
      }
    }
  } else if (S_ISDIR(st.st_mode)) {
    failure = EISDIR;
  } else if (!S_ISREG(st.st_mode)) {
    failure = write_in_place(path, out, false);
  } else if (is_stdout(&st)) {
    /* -o /dev/stdout while standard output is this file (opened by the
     * shell, perhaps for appending): write through it, not over it. */
    if (!cjm_write_all(STDOUT_FILENO, out->data ? out->data : "", out->len)) failure = errno;
  } else if (access(path, W_OK) != 0) {
    failure = errno; /* refused where `>` would be: a read-only file, another's file */
  } else {
    /* A symbolic link stays a link: its target is replaced. */
    char *target = cjm_xrealpath(path);
    failure = replace_existing(target ? target : path, &st, out);
    free(target);
  }
  if (failure) *error = strerror(failure);
  return failure == 0;
}

