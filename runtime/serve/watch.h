/* watch — waiting for a journey, or a module it uses, to be saved
 * (inotify), for `cjm render --watch` and `cjm serve`.
 *
 * A cjm_watch owns an inotify descriptor and the list of files it waits
 * for. It watches the directory of each file, not the file itself:
 * editors save by writing a new file and renaming it over the old one,
 * which a watch on the old file would not see. A burst of events (an
 * editor's backup, write, rename) makes one change: the wait returns once
 * the files have been quiet for a moment. Depends on nothing of cjm but
 * the loaded program's list of files (core/loader.h). */
#ifndef CJM_WATCH_H
#define CJM_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/core/loader.h"

typedef struct cjm_watch cjm_watch;

/* How long the files must be quiet after a change before the wait
 * returns, and the longest a burst of changes may delay it. */
enum { CJM_WATCH_QUIET_MS = 100, CJM_WATCH_MAX_DELAY_MS = 500 };

/* How often a directory waited for that does not exist (the journey's,
 * removed with it) is looked for again: inotify cannot watch what is not
 * there. */
enum { CJM_WATCH_RETRY_MS = 500 };

/* Creates a watcher that waits for nothing yet; NULL when inotify is not
 * available (errno says why). */
cjm_watch *cjm_watch_new(void);

/* Frees the watcher and its descriptor. NULL is allowed. */
void cjm_watch_free(cjm_watch *watch);

/* Waits from now on for the file at path and for every file program read
 * (program may be NULL, as when the file could not be read), replacing
 * what it waited for before; when program has `use`s whose module was not
 * found, any .cjm file appearing in a watched directory counts too, so
 * that the module is found once it is written. Directories are watched
 * before the old ones are dropped, so no save is missed in between.
 * A directory that does not exist is looked for while waiting, and a
 * wait ends when it appears. Returns false when no directory could be
 * watched (errno says why). */
bool cjm_watch_program(cjm_watch *watch, const char *path, const cjm_program *program);

/* How a wait ended. */
typedef enum cjm_watch_result {
  CJM_WATCH_CHANGED, /* a watched file was written, replaced, created or removed */
  CJM_WATCH_STOPPED, /* stop_fd became readable (cjm_stop_fd) */
  CJM_WATCH_FAILED,  /* reading the events failed (errno says why) */
} cjm_watch_result;

/* Waits until a watched file changes and the files have been quiet for
 * CJM_WATCH_QUIET_MS (at most CJM_WATCH_MAX_DELAY_MS after the first
 * change), or a directory waited for that did not exist appears, or
 * until stop_fd (-1 for none) becomes readable. */
cjm_watch_result cjm_watch_wait(cjm_watch *watch, int stop_fd);

#endif
