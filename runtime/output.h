/* output — writing a command's result atomically.
 *
 * An output collects bytes in memory; committing writes them out only
 * once the command has succeeded. "-" means standard output. A regular
 * file (or a new one) is replaced atomically: the bytes go to a temporary
 * file beside it that is renamed into place, so a failed command never
 * leaves a half-written file and an existing file stays untouched until
 * the new one is complete. A symbolic link stays a link: the file it
 * points to is the one replaced; a dangling link is refused (as cp(1)
 * does) rather than written through. A destination that is not a regular
 * file (/dev/null, a FIFO, a terminal) is written in place, as `>` would.
 * A new file gets the mode any new file gets (0666 less the umask); a
 * replaced one keeps its mode, and its owner where the process may set it.
 * The output owns its buffer until cjm_output_free(). */
#ifndef CJM_OUTPUT_H
#define CJM_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cjm_output {
  char *data;       /* the bytes so far (malloc'd) */
  size_t len, capacity;
} cjm_output;

/* Appends data[0..len). */
void cjm_output_write(cjm_output *out, const void *data, size_t len);

/* Appends a NUL-terminated string. */
void cjm_output_puts(cjm_output *out, const char *s);

/* Appends formatted text. */
void cjm_output_printf(cjm_output *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes the collected bytes to path ("-" for standard output) as the
 * header says. Returns false and sets *error (a static description, errno
 * text or "no such directory") when it could not. */
bool cjm_output_commit(const cjm_output *out, const char *path, const char **error);

/* Frees the buffer; the output is then empty and may be reused. */
void cjm_output_free(cjm_output *out);

#endif
