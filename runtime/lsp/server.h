/* server — `cjm lsp`: a language server for journey files (LSP 3.17) on a
 * pair of file descriptors, built on the same parser, loader, checker and
 * formatter as `cjm check` and `cjm fmt`.
 *
 * The server owns everything it creates (documents, the programs it loads
 * for them, cached module texts) and frees it all before returning.
 * Depends on lang/, runtime/core, runtime/review, runtime/base and
 * jansson; never on the CLI, the renderers or Graphviz. */
#ifndef CJM_LSP_SERVER_H
#define CJM_LSP_SERVER_H

#include <stddef.h>

#include "runtime/core/loader.h"

/* How the server is started (the command line of `cjm lsp`). */
typedef struct cjm_lsp_options {
  cjm_load_options load;          /* search path and limits for `use`; the
                                     strings must outlive the run */
  const char *const *warnings;    /* -W options given on the command line */
  size_t warning_count;
  size_t max_body;                /* largest message accepted; 0 for the default */
} cjm_lsp_options;

/* The default largest message: a source file at its limit (64 MiB), as
 * JSON with every byte escaped, would not fit; one written plainly does. */
enum { CJM_LSP_DEFAULT_MAX_BODY = 96u << 20 };

/* Serves requests read from in_fd and writes responses and notifications
 * to out_fd until the client sends `exit` or goes away. Returns the exit
 * status: 0 after `shutdown` then `exit`, 1 otherwise (an `exit` without
 * `shutdown`, the input ending, a write failing). */
int cjm_lsp_run(int in_fd, int out_fd, const cjm_lsp_options *options);

#endif
