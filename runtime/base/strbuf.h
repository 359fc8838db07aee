/* strbuf — a growable string builder.
 *
 * A strbuf collects bytes in memory, always NUL-terminated after its
 * last byte; every backend, the formatter and the diff printers build
 * their text in one, and cjm_atomic_write (atomic_write.h) writes one out.
 * The zero value is an empty buffer. The strbuf owns its bytes until
 * cjm_strbuf_free(); allocation failure ends the process (cjm_xrealloc).
 * Depends on lang/arena.h for the allocator only. */
#ifndef CJM_STRBUF_H
#define CJM_STRBUF_H

#include <stddef.h>

typedef struct cjm_strbuf {
  char *data;       /* the bytes so far, NUL-terminated (malloc'd; NULL while empty) */
  size_t len;       /* bytes before the NUL */
  size_t capacity;  /* bytes allocated */
} cjm_strbuf;

/* Appends data[0..len). */
void cjm_strbuf_write(cjm_strbuf *buf, const void *data, size_t len);

/* Appends a NUL-terminated string. */
void cjm_strbuf_puts(cjm_strbuf *buf, const char *s);

/* Appends formatted text. */
void cjm_strbuf_printf(cjm_strbuf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Frees the bytes; the buffer is then empty and may be reused. */
void cjm_strbuf_free(cjm_strbuf *buf);

#endif
