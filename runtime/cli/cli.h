/* cli — the `cjm` command line: shared option handling and the commands.
 *
 * Only the CLI reads the environment, writes to the terminal and decides
 * exit statuses; the library below it reports through cjm_diags. Exit
 * statuses: 0 clean (or warnings only), 1 errors in the input (or warnings
 * under -Werror), 2 usage or I/O errors. */
#ifndef CJM_CLI_H
#define CJM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "lang/diag.h"
#include "runtime/loader.h"

enum { CJM_EXIT_OK = 0, CJM_EXIT_ERRORS = 1, CJM_EXIT_USAGE = 2 };

/* Options most commands share: search path, warnings, colour. */
typedef struct cjm_cli_common {
  const char **include_dirs;    /* -I, malloc'd array of argv strings */
  size_t include_count;
  char **path_dirs;             /* CJM_PATH, malloc'd */
  size_t path_count;
  char *path_buffer;            /* the CJM_PATH copy path_dirs point into */
  char *stdlib_dir;             /* malloc'd, or NULL */
  bool color;
  cjm_diags *diags;
} cjm_cli_common;

/* What parsing one argument did. */
typedef enum cjm_cli_arg {
  CJM_ARG_NOT_COMMON, /* not a shared option: the command decides */
  CJM_ARG_TAKEN,      /* consumed (and maybe the next argument too) */
  CJM_ARG_BAD,        /* a shared option with a bad value: reported */
} cjm_cli_arg;

/* Sets up shared options with their defaults and the environment
 * (CJM_PATH, the standard library, NO_COLOR). */
void cjm_cli_common_init(cjm_cli_common *common, const char *argv0);

/* Frees what cjm_cli_common_init and parsing allocated. */
void cjm_cli_common_free(cjm_cli_common *common);

/* Parses argv[*i] if it is a shared option (-I, -W…, --color, --max-errors),
 * advancing *i past any value it takes. Reports bad values on stderr. */
cjm_cli_arg cjm_cli_common_arg(cjm_cli_common *common, const char *command, int argc, char **argv,
                               int *i);

/* Load options for the library from the shared options. */
cjm_load_options cjm_cli_load_options(const cjm_cli_common *common);

/* Reports a usage error for command on stderr and returns CJM_EXIT_USAGE. */
int cjm_cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Finds the standard library directory: $CJM_STDLIB, next to the
 * executable (../share/cjm/stdlib), the source tree when running from the
 * build tree, then the install prefix. Returns a malloc'd path or NULL. */
char *cjm_cli_find_stdlib(const char *argv0);

/* `cjm check`: read, resolve and check journeys; diagnostics only. */
int cjm_cmd_check(int argc, char **argv, const char *argv0);

/* Prints the help text of command ("check"...) or of cjm itself (NULL). */
bool cjm_cli_print_help(FILE *out, const char *command);

#endif
