/* output — see output.h. */
#include "runtime/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/arena.h"

void cjm_output_write(cjm_output *out, const void *data, size_t len) {
  if (out->len + len + 1 > out->capacity) {
    size_t capacity = out->capacity ? out->capacity : 4096;
    while (capacity < out->len + len + 1) capacity *= 2;
    out->data = cjm_xrealloc(out->data, capacity);
    out->capacity = capacity;
  }
  memcpy(out->data + out->len, data, len);
  out->len += len;
  out->data[out->len] = '\0';
}

void cjm_output_puts(cjm_output *out, const char *s) { cjm_output_write(out, s, strlen(s)); }

void cjm_output_printf(cjm_output *out, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[512];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    cjm_output_write(out, small, (size_t)n);
    return;
  }
  char *big = cjm_xmalloc((size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  cjm_output_write(out, big, (size_t)n);
  free(big);
}

static bool write_all(int fd, const char *data, size_t len) {
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

bool cjm_output_commit(const cjm_output *out, const char *path, const char **error) {
  if (strcmp(path, "-") == 0) {
    if (!write_all(STDOUT_FILENO, out->data ? out->data : "", out->len)) {
      *error = strerror(errno);
      return false;
    }
    return true;
  }
  size_t n = strlen(path);
  char *temp = cjm_xmalloc(n + sizeof ".cjm-XXXXXX");
  memcpy(temp, path, n);
  memcpy(temp + n, ".cjm-XXXXXX", sizeof ".cjm-XXXXXX");
  int fd = mkstemp(temp);
  if (fd < 0) {
    *error = strerror(errno);
    free(temp);
    return false;
  }
  /* Keep the mode of a file being replaced; new files get 0666 & ~umask. */
  struct stat st;
  mode_t mode;
  if (stat(path, &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  bool ok = fchmod(fd, mode) == 0 && write_all(fd, out->data ? out->data : "", out->len) &&
            fsync(fd) == 0;
  int saved = errno;
  if (close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok && rename(temp, path) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    unlink(temp);
    *error = strerror(saved);
  }
  free(temp);
  return ok;
}

void cjm_output_free(cjm_output *out) {
  free(out->data);
  *out = (cjm_output){0};
}
