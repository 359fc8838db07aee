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
#include "runtime/core/analysis.h"
#include "runtime/core/checked.h"
#include "runtime/render/backend.h"
#include "runtime/core/loader.h"
#include "runtime/core/model.h"

enum { CJM_EXIT_OK = 0, CJM_EXIT_ERRORS = 1, CJM_EXIT_USAGE = 2 };

/* Options most commands share: search path, warnings, colour. */
typedef struct cjm_cli_common {
  const char **include_dirs;    /* -I, malloc'd array of argv strings */
  size_t include_count;
  char **path_dirs;             /* CJM_PATH, malloc'd */
  size_t path_count;
  char *path_buffer;            /* the CJM_PATH copy path_dirs point into */
  char *stdlib_dir;             /* malloc'd, or NULL */
  bool color;                   /* colour on standard error (diagnostics) */
  int color_choice;             /* --color: 0 auto, 1 always, -1 never */
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

/* The value of option name when argv[*i] is it: --name=VALUE or
 * --name VALUE, and for a short option -XVALUE or -X VALUE (advancing *i
 * past a separate value). NULL when argv[*i] is another option, or when
 * the value is missing: then *bad is set and the usage error reported. */
const char *cjm_cli_option_value(const char *command, const char *name, int argc, char **argv, int *i,
                                 bool *bad);

/* Parses a command's own option argv[*i] (advancing *i past a value it
 * takes): CJM_ARG_TAKEN, CJM_ARG_BAD (reported), or CJM_ARG_NOT_COMMON
 * when it does not know it. state is the command's. */
typedef cjm_cli_arg (*cjm_cli_option_fn)(void *state, int argc, char **argv, int *i);

/* What cjm_cli_parse_args() decided. */
enum { CJM_CLI_GO_ON = -1 };

/* Parses a command line: file operands ("-" included, everything after
 * "--") into *files (malloc'd, free it), -h/--help, the shared options,
 * then the command's own through own (may be NULL). Returns CJM_CLI_GO_ON,
 * or the exit status to stop with (after --help or a usage error). */
int cjm_cli_parse_args(cjm_cli_common *common, const char *command, int argc, char **argv,
                       cjm_cli_option_fn own, void *state, const char ***files, size_t *file_count);

/* Whether output written to path ("-" for standard output) gets colour:
 * always under --color=always, never under --color=never, and under auto
 * when it is standard output on a terminal and NO_COLOR is not set. */
bool cjm_cli_output_color(const cjm_cli_common *common, const char *path);

/* Load options for the library from the shared options. */
cjm_load_options cjm_cli_load_options(const cjm_cli_common *common);

/* Reads the file at path ("-" for standard input) for a command that
 * reads a file itself (import, md). On failure reports why on stderr: a
 * located [limit] error for a file over limits->max_file_bytes (*status
 * CJM_EXIT_ERRORS), else an [io] error (*status CJM_EXIT_USAGE); and
 * returns NULL. */
cjm_source *cjm_cli_read_source(const char *path, const cjm_limits *limits, int *status);

/* Parses argv[*i] if it is -o OUT or --output OUT (-oOUT, --output=OUT),
 * setting *output; for a command's own option parser. */
cjm_cli_arg cjm_cli_output_file_arg(const char *command, int argc, char **argv, int *i, const char **output);

/* What a command that reads one file does with it (state is the command's);
 * returns the exit status. */
typedef int (*cjm_cli_file_fn)(const char *path, void *state, const cjm_cli_common *common);

/* For a command whose first argument names a format (`cjm import
 * mermaid`): CJM_CLI_GO_ON when argv[0] is there to be looked up; else,
 * after printing help (-h, --help) or reporting that no format was given
 * (usage is a command line to try), the exit status. */
int cjm_cli_format_first(const char *command, int argc, char **argv, const char *help, const char *usage);

/* Runs a command that reads one file (- for standard input): the shared
 * options, the command's own through option (may be NULL), then run on the
 * file. no_file and several_files are the usage errors for none and for
 * more than one. Returns the exit status. */
int cjm_cli_run_one_file(const char *command, int argc, char **argv, const char *argv0, cjm_cli_option_fn option,
                         void *state, cjm_cli_file_fn run, const char *no_file, const char *several_files);

/* Reports a usage error for command on stderr and returns CJM_EXIT_USAGE. */
int cjm_cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Finds the standard library directory: $CJM_STDLIB; the source tree for
 * the binary in its build directory; ../share/cjm/stdlib beside the
 * executable (through /proc/self/exe, else argv0); the configured install
 * directory. Never the source tree for any other binary. Returns a
 * malloc'd path or NULL. */
char *cjm_cli_find_stdlib(const char *argv0);

/* Where the compiled catalogues of words are (LOCALEDIR/LANG/LC_MESSAGES/
 * cjm.mo), malloc'd: $CJM_LOCALEDIR; the build tree's locale/ for the
 * binary the build wrote; PREFIX/share/locale beside PREFIX/bin; else the
 * configured install directory. */
char *cjm_cli_find_locale_dir(const char *argv0);

/* A journey loaded for a command: the program, its model and analysis
 * (core/checked.h, which loads it the same way for the preview). */
typedef cjm_checked_journey cjm_cli_journey;

/* Loads the journey at path (or "-"), builds its model, runs the checks
 * when there is no error, and prints the diagnostics of this journey to
 * stderr. Returns CJM_EXIT_OK when the journey is free of errors (its
 * analysis is then computed), CJM_EXIT_ERRORS when it has errors, and
 * CJM_EXIT_USAGE when it could not be read. Free with
 * cjm_cli_journey_free() whatever it returns. */
int cjm_cli_journey_load(cjm_cli_journey *journey, const char *path, const cjm_cli_common *common);

/* Like cjm_cli_journey_load() for a journey in memory (the program takes
 * source), its `use` resolved from base_dir first; prints nothing: the
 * diagnostics reported from the call on are the journey's, for the caller
 * to print (cjm_cli_journey_print_diags). */
int cjm_cli_journey_load_source(cjm_cli_journey *journey, cjm_source *source, const char *base_dir,
                                const cjm_cli_common *common);

/* Prints the diagnostics from the first-th on to stderr, in source order
 * (the files of journey in reading order, root standing for its first
 * file when not NULL). */
void cjm_cli_journey_print_diags(const cjm_cli_journey *journey, size_t first, const cjm_source *root,
                                 const cjm_cli_common *common);

/* Frees what cjm_cli_journey_load() made. */
void cjm_cli_journey_free(cjm_cli_journey *journey);

/* ---- commands that write one journey out: render, stats ---- */

/* An output format and the backend that writes it. */
typedef struct cjm_cli_format {
  const char *name;            /* as -T takes it; NULL ends a table */
  cjm_render_fn render;
} cjm_cli_format;

/* The format called name in formats, or NULL. */
const cjm_cli_format *cjm_cli_find_format(const cjm_cli_format *formats, const char *name);

/* The format an output file's extension names, whatever its case (`txt`,
 * `markdown` and `gv` stand for text, md and dot): the format's name; the
 * extension itself when it names no format cjm writes, for the command to
 * report as unknown; NULL when the name has no extension. */
const char *cjm_cli_format_of_path(const char *path);

/* What the command line of such a command asks for. */
typedef struct cjm_cli_output_args {
  cjm_render_options options;  /* for the backend: the format (-T), --width, --ascii… */
  const char *output;          /* -o, "-" for standard output (the default) */
  const char *persona_id;      /* --persona, or NULL */
  bool width_given;            /* --width was given: not the terminal's */
  bool watch;                  /* render --watch: write again on every save (serve/watch.h) */
  const char *stages;          /* render --stages FIRST..LAST, or NULL: resolved into
                                  options.part once the journey is loaded */
  size_t split;                /* render --split N: pages of at most N steps, or 0 */
} cjm_cli_output_args;

/* Parses argv[*i] if it is an option every such command takes: -T and
 * --format, -o and --output, --width, --ascii, --lang. */
cjm_cli_arg cjm_cli_output_arg(cjm_cli_output_args *args, const char *command, int argc, char **argv, int *i);

/* A command that reads one journey and writes it out in one of its
 * formats. */
typedef struct cjm_cli_output_command {
  const char *name;                  /* "render", in messages and help */
  const cjm_cli_format *formats;     /* what -T takes, in the order listed */
  cjm_render_options defaults;       /* the options before the command line */
  cjm_cli_option_fn option;          /* its own options (state: the cjm_cli_output_args), or NULL */
  const char *(*default_format)(const char *output); /* the format without -T, for -o output */
  const char *no_file, *several_files; /* the usage errors for no file and for more than one */
} cjm_cli_output_command;

/* Runs such a command: parses the command line (the shared options,
 * cjm_cli_output_arg's, then the command's own), loads the journey, finds
 * --persona in it, renders it and writes it to -o atomically; with watch
 * set (render --watch), again on every save of the journey or a module it
 * uses, until SIGINT or SIGTERM. Returns the exit status. */
int cjm_cli_run_output_command(const cjm_cli_output_command *command, int argc, char **argv, const char *argv0);

/* The width in columns of the terminal on fd (-1 for none); else $COLUMNS,
 * whatever the output is (20 to 10000; another value is ignored); else 100. */
size_t cjm_cli_terminal_width(int fd);

/* ---- commands --------------------------------------------------------------
 * Each command is one file, cmd_NAME.c, that defines its descriptor
 * `const cjm_command cjm_command_NAME`, and one row in the table in
 * commands.c; `cjm --help` lists the table in its order. */

/* A command of `cjm`. */
typedef struct cjm_command {
  const char *name;            /* "check": the word after `cjm` */
  const char *summary;         /* one line for `cjm --help` */
  const char *help;            /* the text of `cjm help NAME` and `cjm NAME --help` */
  int (*run)(int argc, char **argv, const char *argv0); /* the arguments after NAME; returns
                                                           the exit status */
} cjm_command;

extern const cjm_command cjm_command_check;  /* read, resolve and check */
extern const cjm_command cjm_command_render; /* draw or tabulate (backend.h) */
extern const cjm_command cjm_command_stats;  /* the analysis (stats.h) */
extern const cjm_command cjm_command_fmt;    /* the canonical layout (format.h) */
extern const cjm_command cjm_command_diff;   /* what changed (diff.h) */
extern const cjm_command cjm_command_lsp;    /* the language server (lsp/server.h) */
extern const cjm_command cjm_command_import; /* from other formats (interop/) */
extern const cjm_command cjm_command_export; /* to other formats (interop/mermaid_export.h) */
extern const cjm_command cjm_command_md;     /* the ```cjm blocks of Markdown (md_blocks.h) */
extern const cjm_command cjm_command_serve;  /* live preview in a browser (serve/server.h) */

/* The commands, in the order `cjm --help` lists them; *count receives how
 * many. */
const cjm_command *const *cjm_commands(size_t *count);

/* The command called name, or NULL. */
const cjm_command *cjm_command_named(const char *name);

/* Prints the help text of command ("check"...) or of cjm itself (NULL).
 * Returns false, printing nothing, when there is no such command. */
bool cjm_cli_print_help(FILE *out, const char *command);

#endif
