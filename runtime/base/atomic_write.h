/* atomic_write — writing a command's result atomically.
 *
 * A command builds its result in a strbuf (strbuf.h) and writes it out
 * only once it has succeeded. "-" means standard output. A regular
 * file (or a new one) is replaced atomically: the bytes go to a temporary
 * file beside it that is renamed into place, so a failed command never
 * leaves a half-written file and an existing file stays untouched until
 * the new one is complete. A symbolic link stays a link: the file it
 * points to is the one replaced; a dangling link is refused (as cp(1)
 * does) rather than written through. A destination that is not a regular
 * file (/dev/null, a FIFO, a terminal) is written in place, as `>` would.
 * A new file gets the mode any new file gets (0666 less the umask); a
 * replaced one keeps its mode and its owner. A file the process may not
 * write (read-only, or another user's) is refused, as `>` would refuse it.
 * A writable file that cannot be replaced without changing its owner
 * (another user's, group-writable) or whose directory the process may not
 * write is written in place, as `>` writes it. The temporary file is
 * named .cjm-XXXXXX in the destination's directory, so that a destination
 * name of any allowed length works.
 * Depends on strbuf.h only. */
#ifndef CJM_ATOMIC_WRITE_H
#define CJM_ATOMIC_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/base/strbuf.h"

/* Writes the bytes of buf to path ("-" for standard output) as the
 * header says. Returns false and sets *error (a static description, errno
 * text or "no such directory") when it could not. */
bool cjm_atomic_write(const cjm_strbuf *buf, const char *path, const char **error);

/* Writes all of bytes[0..len) to the open descriptor fd, going on after
 * a short write or an interrupted one. Returns false with errno set when a
 * write fails. */
bool cjm_write_all(int fd, const void *bytes, size_t len);

#endif
