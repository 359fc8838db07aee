/* cmd_import — `cjm import FORMAT FILE [-o OUT]`: a journey from another
 * tool's format, in cjm's canonical layout.
 *
 * The first argument names the format; each format is one row of the
 * table below, a function that reads a source and appends the cjm journey
 * to a strbuf (reporting to diagnostics). Everything else is shared: the
 * options, reading the file, printing the diagnostics, the exit status,
 * and writing the result atomically (nothing is written on error). */
#include <string.h>

#include "runtime/base/atomic_write.h"
#include "runtime/base/strbuf.h"
#include "runtime/cli/cli.h"
#include "runtime/interop/csv_import.h"
#include "runtime/interop/mermaid_import.h"

/* A format `cjm import` reads. */
typedef struct import_format {
  const char *name;            /* the word after `cjm import` */
  /* Appends the journey src describes to out; false (out untouched) after
   * reporting an error to diags. */
  bool (*import)(const cjm_source *src, cjm_strbuf *out, cjm_diags *diags, const cjm_limits *limits);
} import_format;

/* One row per format, in the order the help lists them. */
static const import_format formats[] = {
    {"mermaid", cjm_mermaid_import}, /* mermaid_import.h */
    {"csv", cjm_csv_import},         /* csv_import.h: the grid of docs/tables.md */
};
enum { FORMAT_COUNT = sizeof formats / sizeof formats[0] };

static const char help[] =
    "usage: cjm import FORMAT [OPTIONS] FILE\n"
    "\n"
    "Reads FILE (- for standard input), written in another tool's format, and\n"
    "writes the cjm journey it describes, in the canonical layout of 'cjm fmt'.\n"
    "What cannot be carried over is a warning with its place in FILE.\n"
    "\n"
    "formats:\n"
    "  mermaid             a Mermaid journey diagram: sections become stages, tasks\n"
    "                      steps, actors personas, scores feels on scale 1..5\n"
    "  csv                 a spreadsheet grid, as 'cjm render -T csv' writes it: the title\n"
    "                      and stages first, then a row per heading (Actions, Channels,\n"
    "                      Thoughts, Feel: ID...); comma, semicolon or tab separated\n"
    "\n"
    "options:\n"
    "  -o OUT              write to OUT atomically (default - for standard output)\n"
    "  --color=WHEN        auto (default), always or never, for diagnostics\n"
    "\n"
    "See docs/interop.md. Exit status: 0 imported (maybe with warnings), 1 FILE\n"
    "has errors, 2 usage or I/O errors.\n";

/* What the command line asks for. */
typedef struct import_args {
  const import_format *format; /* the first argument */
  const char *output;          /* -o, "-" for standard output */
} import_args;

static cjm_cli_arg import_option(void *state, int argc, char **argv, int *i) {
  import_args *args = state;
  return cjm_cli_output_file_arg("import", argc, argv, i, &args->output);
}

/* Reads path, imports it in the format args name and writes the journey
 * to args->output. Returns the exit status. */
static int import_file(const char *path, void *state, const cjm_cli_common *common) {
  const import_args *args = state;
  cjm_limits limits = CJM_LIMITS_DEFAULT;
  int status;
  cjm_source *src = cjm_cli_read_source(path, &limits, &status);
  if (!src) return status;
  cjm_strbuf out = {0};
  size_t first = cjm_diags_count(common->diags);
  bool ok = args->format->import(src, &out, common->diags, &limits);
  cjm_print_options print = {.color = common->color, .show_source = true};
  cjm_diags_print(common->diags, first, stderr, &print);
  cjm_diags_print_dropped(common->diags, stderr, &print);
  status = ok ? CJM_EXIT_OK : CJM_EXIT_ERRORS;
  const char *error = NULL;
  if (ok) {
    fflush(stdout);
    if (!cjm_atomic_write(&out, args->output, &error)) {
      fprintf(stderr, "cjm import: cannot write %s: %s\n", args->output, error);
      status = CJM_EXIT_USAGE;
    }
  }
  cjm_strbuf_free(&out);
  cjm_source_free(src);
  return status;
}

static int command_main(int argc, char **argv, const char *argv0) {
  int status = cjm_cli_format_first("import", argc, argv, help, "cjm import mermaid|csv FILE");
  if (status != CJM_CLI_GO_ON) return status;
  import_args args = {.output = "-"};
  for (size_t i = 0; i < FORMAT_COUNT && !args.format; i++)
    if (strcmp(formats[i].name, argv[0]) == 0) args.format = &formats[i];
  if (!args.format) {
    char known[128] = "";
    for (size_t i = 0; i < FORMAT_COUNT; i++) {
      strncat(known, i ? ", " : "", sizeof known - strlen(known) - 1);
      strncat(known, formats[i].name, sizeof known - strlen(known) - 1);
    }
    return cjm_cli_usage_error("import", "unknown format '%s'; formats: %s", argv[0], known);
  }
  return cjm_cli_run_one_file("import", argc - 1, argv + 1, argv0, import_option, &args, import_file,
                              "no file to import (use - for standard input)", "reads one file at a time");
}

const cjm_command cjm_command_import = {"import", "a journey from another tool's format: a Mermaid journey diagram, a CSV grid",
                                        help, command_main};
