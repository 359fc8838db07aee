/* strbuf — see strbuf.h. */
#include "runtime/base/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"

void cjm_strbuf_write(cjm_strbuf *out, const void *data, size_t len) {
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

void cjm_strbuf_puts(cjm_strbuf *out, const char *s) { cjm_strbuf_write(out, s, strlen(s)); }

void cjm_strbuf_printf(cjm_strbuf *out, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[512];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    cjm_strbuf_write(out, small, (size_t)n);
    return;
  }
  char *big = cjm_xmalloc((size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  cjm_strbuf_write(out, big, (size_t)n);
  free(big);
}

void cjm_strbuf_free(cjm_strbuf *out) {
  free(out->data);
  *out = (cjm_strbuf){0};
}
