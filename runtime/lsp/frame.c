/* frame — see frame.h. */
#include "runtime/lsp/frame.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lang/arena.h" /* cjm_xmalloc */
#include "runtime/base/atomic_write.h" /* cjm_write_all */

void cjm_lsp_reader_init(cjm_lsp_reader *reader, int fd, size_t max_body) {
  *reader = (cjm_lsp_reader){.fd = fd, .max_body = max_body};
}

void cjm_lsp_reader_free(cjm_lsp_reader *reader) {
  free(reader->buf);
  reader->buf = NULL;
  reader->start = reader->end = reader->cap = 0;
}

/* Reads more bytes into the buffer, compacting or growing it first.
 * Returns the number read, 0 at end of input, -1 on error. */
static long fill(cjm_lsp_reader *r) {
  if (r->eof) return 0;
  if (r->start > 0) {
    memmove(r->buf, r->buf + r->start, r->end - r->start);
    r->end -= r->start;
    r->start = 0;
  }
  if (r->end == r->cap) {
    r->cap = r->cap ? 2 * r->cap : 16384;
    r->buf = cjm_xrealloc(r->buf, r->cap);
  }
  for (;;) {
    ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end);
    if (n > 0) {
      r->end += (size_t)n;
      return (long)n;
    }
    if (n == 0) {
      r->eof = true;
      return 0;
    }
    if (errno != EINTR) return -1;
  }
}

/* The end of the header block in buf[start..end): the offset just past its
 * blank line, or 0 when it is not complete yet. */
static size_t header_end(const cjm_lsp_reader *r) {
  const char *b = r->buf;
  for (size_t i = r->start; i < r->end; i++) {
    if (b[i] != '\n') continue;
    /* a line ends at i; the block ends when the next line is empty */
    if (i + 1 < r->end && b[i + 1] == '\n') return i + 2;
    if (i + 2 < r->end && b[i + 1] == '\r' && b[i + 2] == '\n') return i + 3;
  }
  return 0;
}

/* Parses the header block h[0..n): the value of Content-Length, or -1 when
 * it is missing, repeated with another value, or not a decimal number.
 * *over is set when the number is larger than max. */
static long long content_length(const char *h, size_t n, size_t max, bool *over) {
  static const char name[] = "content-length:";
  long long value = -1;
  *over = false;
  for (size_t i = 0; i < n;) {
    size_t eol = i;
    while (eol < n && h[eol] != '\n') eol++;
    size_t line_end = eol > i && h[eol - 1] == '\r' ? eol - 1 : eol;
    if (line_end - i >= sizeof name - 1 && strncasecmp(h + i, name, sizeof name - 1) == 0) {
      size_t p = i + sizeof name - 1;
      while (p < line_end && (h[p] == ' ' || h[p] == '\t')) p++;
      size_t q = line_end;
      while (q > p && (h[q - 1] == ' ' || h[q - 1] == '\t')) q--;
      if (p == q) return -1;
      unsigned long long v = 0;
      bool big = false;
      for (size_t k = p; k < q; k++) {
        if (h[k] < '0' || h[k] > '9') return -1;
        if (v > (UINT64_MAX - 9) / 10) big = true;
        else v = v * 10 + (unsigned)(h[k] - '0');
      }
      if (big || v > max) {
        *over = true;
        if (big) v = UINT64_MAX >> 2;
      }
      if (value >= 0 && (unsigned long long)value != v) return -1;
      value = (long long)v;
    } else if (line_end > i && !memchr(h + i, ':', line_end - i)) {
      return -1; /* a line that is no header at all */
    }
    i = eol + 1;
  }
  return value;
}

/* Drops count body bytes from the input, reading them as they come. */
static cjm_lsp_frame_status skip_bytes(cjm_lsp_reader *r, unsigned long long count) {
  for (;;) {
    size_t have = r->end - r->start;
    if (have >= count) {
      r->start += (size_t)count;
      return CJM_FRAME_OK;
    }
    count -= have;
    r->start = r->end = 0;
    long n = fill(r);
    if (n == 0) return CJM_FRAME_TRUNCATED;
    if (n < 0) return CJM_FRAME_IO;
  }
}

cjm_lsp_frame_status cjm_lsp_read_frame(cjm_lsp_reader *r, char **body, size_t *len) {
  *body = NULL;
  *len = 0;
  /* Blank lines between frames are tolerated. */
  size_t end;
  for (;;) {
    while (r->start < r->end && (r->buf[r->start] == '\r' || r->buf[r->start] == '\n')) r->start++;
    end = r->start < r->end ? header_end(r) : 0;
    if (end) break;
    if (r->end - r->start > CJM_LSP_MAX_HEADER) {
      /* Too long for a header: drop what we have up to the next blank line. */
      r->start = r->end;
      return CJM_FRAME_BAD_HEADER;
    }
    size_t had = r->end - r->start;
    long n = fill(r);
    if (n < 0) return CJM_FRAME_IO;
    if (n == 0) return had ? CJM_FRAME_TRUNCATED : CJM_FRAME_EOF;
  }
  const char *h = r->buf + r->start;
  size_t header_len = end - r->start;
  bool over;
  long long length = header_len > CJM_LSP_MAX_HEADER ? -1 : content_length(h, header_len, r->max_body, &over);
  r->start = end;
  if (length < 0) return CJM_FRAME_BAD_HEADER;
  if (over) {
    cjm_lsp_frame_status s = skip_bytes(r, (unsigned long long)length);
    return s == CJM_FRAME_OK ? CJM_FRAME_TOO_LARGE : s;
  }
  size_t n = (size_t)length;
  char *out = cjm_xmalloc(n + 1);
  size_t got = 0;
  while (got < n) {
    size_t have = r->end - r->start;
    if (have) {
      size_t take = have < n - got ? have : n - got;
      memcpy(out + got, r->buf + r->start, take);
      r->start += take;
      got += take;
      continue;
    }
    r->start = r->end = 0;
    /* Large bodies are read straight into place, not through the buffer. */
    if (n - got >= 65536 && !r->eof) {
      ssize_t k = read(r->fd, out + got, n - got);
      if (k > 0) {
        got += (size_t)k;
        continue;
      }
      if (k < 0 && errno == EINTR) continue;
      if (k == 0) r->eof = true;
      free(out);
      return k == 0 ? CJM_FRAME_TRUNCATED : CJM_FRAME_IO;
    }
    long k = fill(r);
    if (k <= 0) {
      free(out);
      return k == 0 ? CJM_FRAME_TRUNCATED : CJM_FRAME_IO;
    }
  }
  out[n] = '\0';
  *body = out;
  *len = n;
  return CJM_FRAME_OK;
}

bool cjm_lsp_write_frame(int fd, const char *body, size_t len) {
  char header[64];
  int n = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", len);
  return cjm_write_all(fd, header, (size_t)n) && cjm_write_all(fd, body, len);
}
