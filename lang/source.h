/* source — the text of one journey file and positions within it.
 *
 * A cjm_source owns its path and its text (malloc'd, and followed by two
 * NUL bytes so the scanner can read it in place; files are read, never
 * mapped, so that a file cut short while it is read cannot crash cjm). Every token, AST node and diagnostic points at its source
 * through a cjm_loc; the source must outlive them. Lines and columns are
 * 1-based; columns count Unicode code points, not bytes. */
#ifndef CJM_SOURCE_H
#define CJM_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cjm_source {
  char *path;              /* the name shown in diagnostics, as the user gave it */
  char *real_path;         /* canonical absolute path, NULL for memory buffers */
  char *text;              /* the bytes, followed by two NUL bytes */
  size_t len;              /* bytes in text, without the NULs */
  bool from_stdlib;        /* the file belongs to the standard library */
  bool unread;             /* a stand-in, without text, for a file that could
                              not be read: diagnostics show no line of it */
  uint32_t *line_starts;   /* byte offset of each line, computed on demand */
  uint32_t line_count;     /* entries in line_starts, 0 until computed */
} cjm_source;

/* A span of source text. end_col is exclusive: a one-character token at
 * column 5 has col 5 and end_col 6. A loc with source NULL or line 0 names
 * no position (a whole file, or the command line). */
typedef struct cjm_loc {
  const cjm_source *source; /* the file, or NULL */
  uint32_t line, col;        /* start, 1-based */
  uint32_t end_line, end_col;/* end, end_col exclusive */
  uint32_t offset, end_offset; /* the same span in bytes */
} cjm_loc;

/* How reading a file can fail. */
typedef enum cjm_read_status {
  CJM_READ_OK,
  CJM_READ_ERRNO,     /* open or read failed; errno says why */
  CJM_READ_TOO_LARGE, /* larger than the limit */
  CJM_READ_NOT_FILE,  /* a directory, a FIFO, a device: no regular file */
} cjm_read_status;

/* Reads the file at path (or standard input for "-") into a new source,
 * refusing files larger than max_bytes, and anything but a regular file,
 * standard input (also as /dev/stdin) and an unnamed pipe (a FIFO or a
 * device could make it wait for ever: CJM_READ_NOT_FILE). On failure returns NULL, sets
 * *status and, for CJM_READ_ERRNO, leaves errno set. *size receives the
 * file size when known. */
cjm_source *cjm_source_read(const char *path, size_t max_bytes, cjm_read_status *status,
                            size_t *size);

/* Reads the open file fd as cjm_source_read reads a path, naming the
 * source path; takes fd, which is closed before it returns (unless it is
 * standard input). For a caller that must check the very file it reads
 * (the loader's confinement of `use`). */
cjm_source *cjm_source_read_fd(int fd, const char *path, size_t max_bytes, cjm_read_status *status,
                               size_t *size);

/* Makes a source from a copy of data[0..len) named path. */
cjm_source *cjm_source_from_memory(const char *path, const char *data, size_t len);

/* Frees a source. NULL is allowed. */
void cjm_source_free(cjm_source *src);

/* Returns the start of 1-based line and its length without the newline
 * (and without a final carriage return), or NULL when out of range. The
 * line index is a cache built on the first call, hence the cast inside. */
const char *cjm_source_line(const cjm_source *src, uint32_t line, size_t *len);

/* A location covering a whole source, for file-level diagnostics. */
cjm_loc cjm_loc_file(const cjm_source *src);

/* Whether loc names a line and column. */
static inline bool cjm_loc_has_position(const cjm_loc *loc) {
  return loc->source && loc->line > 0;
}

/* A location spanning from the start of first to the end of last. */
static inline cjm_loc cjm_loc_span(const cjm_loc *first, const cjm_loc *last) {
  cjm_loc loc = *first;
  loc.end_line = last->end_line;
  loc.end_col = last->end_col;
  loc.end_offset = last->end_offset;
  return loc;
}

#endif
