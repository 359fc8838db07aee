/* preview — a journey kept up to date for `cjm serve`: loaded again on
 * every save, the state of each load (its diagnostics as text) for the
 * page, and its pictures drawn into memory through the Graphviz backend.
 * While the file is broken, the pictures are those of the last journey
 * that loaded free of errors.
 *
 * A cjm_preview owns that last good journey, the state of the latest load
 * (as a JSON object), and the pictures drawn from the good journey. It is
 * shared by threads: the one that reloads on a save and the server's
 * (one per connection). One lock serialises loading, drawing and printing
 * to the log, since the Graphviz backend captures the process's standard
 * error while it draws. Depends on core (checked.h), the backend interface
 * and the Graphviz backend, and on jansson for the state; never on the
 * command line or on HTTP. */
#ifndef CJM_PREVIEW_H
#define CJM_PREVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lang/diag.h"
#include "runtime/core/checked.h"
#include "runtime/core/loader.h"
#include "runtime/render/backend.h"
#include "runtime/serve/watch.h"

typedef struct cjm_preview cjm_preview;

/* What a preview loads and where it reports. */
typedef struct cjm_preview_options {
  const char *path;            /* the journey file (not "-") */
  cjm_load_options load;       /* where `use` looks; what it points to outlives the preview */
  cjm_diags *diags;            /* the warning switches and the cap (-W…, --max-errors): the
                                  preview clears it before each load; the caller owns it */
  FILE *log;                   /* each load's diagnostics are printed here too, with a line
                                  saying how it ended, or NULL */
  cjm_print_options log_print; /* how (colour) */
  const char *log_name;        /* what starts that line: "cjm serve" */
} cjm_preview_options;

/* Creates a preview that has loaded nothing yet (cjm_preview_reload). */
cjm_preview *cjm_preview_new(const cjm_preview_options *options);

/* Frees the preview and everything it holds. No thread may be using it. */
void cjm_preview_free(cjm_preview *preview);

/* Loads the journey again: on success it becomes the good journey and the
 * pictures drawn from the one before are forgotten; on errors the good
 * journey stays. Either way the state gets a new generation and waiters
 * (cjm_preview_wait) wake; the diagnostics are printed to the log with a
 * line that says how the load ended, and
 * watch (may be NULL) waits from now on for the files this load read.
 * Returns how the load ended. */
cjm_checked_status cjm_preview_reload(cjm_preview *preview, cjm_watch *watch);

/* What a picture is asked for. */
typedef struct cjm_preview_request {
  cjm_view view;               /* map or flow (--view) */
  const char *persona;         /* a persona's identifier (--persona), or NULL for all */
  const char *theme;           /* "light" or "dark", the page's theme: accepted and ignored
                                  until the renderer has themes (docs/preview.md) */
} cjm_preview_request;

/* How asking for a picture ended. */
typedef enum cjm_preview_result {
  CJM_PREVIEW_PICTURE,         /* drawn (or drawn before, from the same journey) */
  CJM_PREVIEW_NO_JOURNEY,      /* no load has been free of errors yet */
  CJM_PREVIEW_NO_PERSONA,      /* the good journey has no such persona */
  CJM_PREVIEW_FAILED,          /* the backend could not draw it (reported to the log) */
} cjm_preview_result;

/* The SVG picture request asks for, of the good journey: a malloc'd copy
 * in *svg (free it) of *len bytes, and the generation of the load it was
 * drawn from in *generation. */
cjm_preview_result cjm_preview_picture(cjm_preview *preview, const cjm_preview_request *request, char **svg,
                                       size_t *len, unsigned long *generation);

/* How waiting for the state ended. */
typedef enum cjm_preview_wait_result {
  CJM_PREVIEW_STATE,           /* a state newer than the one seen: *json holds it */
  CJM_PREVIEW_QUIET,           /* nothing new within the time */
  CJM_PREVIEW_STOPPING,        /* cjm_preview_stop was called */
} cjm_preview_wait_result;

/* Waits up to timeout_ms for a state whose generation is not *seen (0
 * before any), then puts a malloc'd copy of it in *json (one line of JSON:
 * generation, status, errors, warnings, diagnostics, picture (the
 * generation of the good journey, 0 for none), title, personas with their
 * id and label) and its generation in *seen. */
cjm_preview_wait_result cjm_preview_wait(cjm_preview *preview, unsigned long *seen, int timeout_ms, char **json);

/* Wakes every waiter for good: from now on cjm_preview_wait returns
 * CJM_PREVIEW_STOPPING. For a graceful shutdown, before the server stops. */
void cjm_preview_stop(cjm_preview *preview);

#endif
