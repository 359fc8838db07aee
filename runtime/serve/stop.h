/* stop — SIGINT and SIGTERM as something a loop can wait for, so that a
 * long-running command (cjm serve, cjm render --watch) ends gracefully:
 * it finishes what it is doing, frees everything and exits 0.
 *
 * Owns the process's handlers for the two signals and a pipe that the
 * handler writes to. Depends on nothing of cjm. */
#ifndef CJM_STOP_H
#define CJM_STOP_H

#include <stdbool.h>

/* Installs handlers for SIGINT and SIGTERM (and ignores SIGPIPE, so that
 * a client that goes away is an error to handle, not the end of the
 * process). Returns a descriptor that becomes readable at the first of
 * those signals, to poll beside other descriptors; -1 when the pipe could
 * not be made (errno says why). Calling it again returns the same one. */
int cjm_stop_fd(void);

/* Whether SIGINT or SIGTERM has arrived since cjm_stop_fd(). */
bool cjm_stop_requested(void);

#endif
