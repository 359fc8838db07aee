/* source — see source.h. */
#include "lang/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif
#include <unistd.h>

#include "lang/arena.h"

static cjm_source *source_new(const char *path, char *text, size_t len) {
  cjm_source *src = cjm_xcalloc(1, sizeof *src);
  src->path = cjm_xstrdup(path);
  src->text = text;
  src->len = len;
  return src;
}

cjm_source *cjm_source_from_memory(const char *path, const char *data, size_t len) {
  char *text = cjm_xmalloc(len + 2);
  if (len) memcpy(text, data, len);
  text[len] = text[len + 1] = '\0';
  return source_new(path, text, len);
}

/* Reads all of fd, at most max_bytes + 1 bytes so that "too large" can be
 * told apart from "exactly at the limit". */
static char *read_all(int fd, size_t max_bytes, size_t hint, size_t *len, cjm_read_status *status) {
  size_t cap = hint ? hint + 2 : 64 * 1024;
  if (cap > max_bytes + 2) cap = max_bytes + 2;
  char *buf = cjm_xmalloc(cap);
  size_t n = 0;
  for (;;) {
    if (n + 2 >= cap) {
      if (n > max_bytes) break;
      cap = cap * 2 > max_bytes + 2 ? max_bytes + 2 : cap * 2;
      if (n + 2 >= cap) cap = n + 3;
      buf = cjm_xrealloc(buf, cap);
    }
    ssize_t got = read(fd, buf + n, cap - n - 2);
    if (got < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      free(buf);
      errno = saved;
      *status = CJM_READ_ERRNO;
      return NULL;
    }
    if (got == 0) break;
    n += (size_t)got;
  }
  if (n > max_bytes) {
    free(buf);
    *status = CJM_READ_TOO_LARGE;
    *len = n;
    return NULL;
  }
  buf[n] = buf[n + 1] = '\0';
  *len = n;
  return buf;
}

/* Whether the open file st, which is not a regular file, may be read as a
 * journey named by a path: only when it is the process's standard input
 * (/dev/stdin, /dev/fd/0) or a pipe without a name (`<(cmd)`, /dev/fd/N).
 * A named FIFO or a device would wait for a writer or never end. */
static bool readable_stream(int fd, const struct stat *st) {
  struct stat in;
  if (fstat(STDIN_FILENO, &in) == 0 && in.st_dev == st->st_dev && in.st_ino == st->st_ino)
    return true;
#ifdef __linux__
  struct statfs fs;
  enum { PIPEFS_MAGIC_ = 0x50495045 };
  if (S_ISFIFO(st->st_mode) && fstatfs(fd, &fs) == 0 && fs.f_type == PIPEFS_MAGIC_) return true;
#else
  (void)fd;
#endif
  return false;
}

cjm_source *cjm_source_read(const char *path, size_t max_bytes, cjm_read_status *status,
                            size_t *size) {
  bool is_stdin = strcmp(path, "-") == 0;
  /* Opened without waiting, so that a FIFO with no writer is refused
   * below instead of hanging here. */
  int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  *size = 0;
  if (fd < 0) {
    *status = CJM_READ_ERRNO;
    return NULL;
  }
  return cjm_source_read_fd(fd, is_stdin ? "<stdin>" : path, max_bytes, status, size);
}

cjm_source *cjm_source_read_fd(int fd, const char *path, size_t max_bytes, cjm_read_status *status,
                               size_t *size) {
  bool is_stdin = fd == STDIN_FILENO;
  *size = 0;
  struct stat st;
  size_t hint = 0;
  if (fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode) || (!is_stdin && !S_ISREG(st.st_mode) && !readable_stream(fd, &st))) {
      if (!is_stdin) close(fd);
      *status = CJM_READ_NOT_FILE;
      return NULL;
    }
    /* A stream is read as it comes. */
    if (!is_stdin && !S_ISREG(st.st_mode)) {
      int flags = fcntl(fd, F_GETFL);
      if (flags >= 0) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    }
    if (S_ISREG(st.st_mode)) {
      *size = (size_t)st.st_size;
      if ((size_t)st.st_size > max_bytes) {
        if (!is_stdin) close(fd);
        *status = CJM_READ_TOO_LARGE;
        return NULL;
      }
      hint = (size_t)st.st_size;
    }
  }
  /* Read, never mapped: a file that another program cuts short while it
   * is mapped makes reading past its new end kill the process (SIGBUS),
   * as an editor saving in place during a check would. */
  size_t len = 0;
  char *text = read_all(fd, max_bytes, hint, &len, status);
  int saved = errno;
  if (!is_stdin) close(fd);
  errno = saved;
  if (!text) {
    if (*status == CJM_READ_TOO_LARGE) *size = len;
    return NULL;
  }
  *status = CJM_READ_OK;
  *size = len;
  return source_new(path, text, len);
}

void cjm_source_free(cjm_source *src) {
  if (!src) return;
  free(src->path);
  free(src->real_path);
  free(src->text);
  free(src->line_starts);
  free(src);
}

static void index_lines(cjm_source *src) {
  size_t cap = 64, count = 0;
  uint32_t *starts = cjm_xmalloc(cap * sizeof *starts);
  starts[count++] = 0;
  for (const char *p = src->text, *end = src->text + src->len;
       (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
    if (count == cap) starts = cjm_xrealloc(starts, (cap *= 2) * sizeof *starts);
    starts[count++] = (uint32_t)(p + 1 - src->text);
  }
  src->line_starts = starts;
  src->line_count = (uint32_t)count;
}

const char *cjm_source_line(const cjm_source *src, uint32_t line, size_t *len) {
  if (!src->line_count) index_lines((cjm_source *)src);
  if (line == 0 || line > src->line_count) return NULL;
  size_t start = src->line_starts[line - 1];
  size_t end = line < src->line_count ? src->line_starts[line] - 1 : src->len;
  if (end > start && src->text[end - 1] == '\r') end--;
  if (line == 1 && end >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0) start = 3; /* byte-order mark */
  *len = end - start;
  return src->text + start;
}

cjm_loc cjm_loc_file(const cjm_source *src) {
  return (cjm_loc){.source = src};
}
