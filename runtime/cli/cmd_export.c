/* cmd_export — `cjm export FORMAT FILE [-o OUT] [--quiet]`: a journey in
 * another tool's format.
 *
 * The first argument names the format, one row of the table below. The
 * journey is loaded and checked as `cjm check` does; a journey with errors
 * is reported and nothing is written; the result is written atomically. */
#include <string.h>

#include "runtime/base/atomic_write.h"
#include "runtime/base/strbuf.h"
#include "runtime/cli/cli.h"
#include "runtime/interop/mermaid_export.h"

struct export_format;

/* What the command line asks for. */
typedef struct export_args {
  const struct export_format *format; /* the first argument */
  const char *output;          /* -o, "-" for standard output */
  bool quiet;                  /* --quiet: no note of what the format cannot show */
} export_args;

/* `cjm export mermaid` (mermaid_export.h). */
static bool export_mermaid(const cjm_cli_journey *journey, const export_args *args, cjm_strbuf *out,
                           cjm_diags *diags) {
  cjm_mermaid_export_options options = {.quiet = args->quiet, .file = journey->program->files[0]->source};
  return cjm_mermaid_export(journey->model, journey->analysis, &options, out, diags);
}

/* A format `cjm export` writes. */
typedef struct export_format {
  const char *name;            /* the word after `cjm export` */
  bool (*write)(const cjm_cli_journey *journey, const export_args *args, cjm_strbuf *out, cjm_diags *diags);
} export_format;

/* One row per format, in the order the help lists them. */
static const export_format formats[] = {
    {"mermaid", export_mermaid},
};
enum { FORMAT_COUNT = sizeof formats / sizeof formats[0] };

static const char help[] =
    "usage: cjm export FORMAT [OPTIONS] FILE\n"
    "\n"
    "Writes the journey in FILE (- for standard input) in another tool's format.\n"
    "A journey with errors is reported and nothing is written.\n"
    "\n"
    "formats:\n"
    "  mermaid             a Mermaid journey diagram: stages as sections, steps as\n"
    "                      tasks, by personas as actors, feels as scores on 1..5;\n"
    "                      what Mermaid cannot show is listed in a %% note on top\n"
    "\n"
    "options:\n"
    "  -o OUT              write to OUT atomically (default - for standard output)\n"
    "  --quiet             no note of what the format cannot show\n"
    "  and the options of 'cjm check' (-I, -W..., --color, --max-errors)\n"
    "\n"
    "See docs/interop.md. Exit status: 0 written (maybe with warnings), 1 the\n"
    "journey has errors, 2 usage or I/O errors.\n";

static cjm_cli_arg export_option(void *state, int argc, char **argv, int *i) {
  export_args *args = state;
  cjm_cli_arg taken = cjm_cli_output_file_arg("export", argc, argv, i, &args->output);
  if (taken == CJM_ARG_NOT_COMMON && (strcmp(argv[*i], "--quiet") == 0 || strcmp(argv[*i], "-q") == 0)) {
    args->quiet = true;
    taken = CJM_ARG_TAKEN;
  }
  return taken;
}

/* Loads the journey at path and writes it in the format args name. */
static int export_file(const char *path, void *state, const cjm_cli_common *common) {
  const export_args *args = state;
  cjm_cli_journey journey;
  int status = cjm_cli_journey_load(&journey, path, common);
  if (status == CJM_EXIT_OK) {
    cjm_strbuf out = {0};
    size_t first = cjm_diags_count(common->diags);
    bool ok = args->format->write(&journey, args, &out, common->diags);
    cjm_print_options print = {.color = common->color, .show_source = true};
    cjm_diags_print(common->diags, first, stderr, &print);
    const char *error = NULL;
    if (!ok) {
      status = CJM_EXIT_ERRORS;
    } else if (fflush(stdout), !cjm_atomic_write(&out, args->output, &error)) {
      fprintf(stderr, "cjm export: cannot write %s: %s\n", args->output, error);
      status = CJM_EXIT_USAGE;
    }
    cjm_strbuf_free(&out);
  }
  cjm_cli_journey_free(&journey);
  return status;
}

static int command_main(int argc, char **argv, const char *argv0) {
  int status = cjm_cli_format_first("export", argc, argv, help, "cjm export mermaid FILE");
  if (status != CJM_CLI_GO_ON) return status;
  export_args args = {.output = "-"};
  for (size_t i = 0; i < FORMAT_COUNT && !args.format; i++)
    if (strcmp(formats[i].name, argv[0]) == 0) args.format = &formats[i];
  if (!args.format) return cjm_cli_usage_error("export", "unknown format '%s'; formats: mermaid", argv[0]);
  return cjm_cli_run_one_file("export", argc - 1, argv + 1, argv0, export_option, &args, export_file,
                              "no file to export (use - for standard input)", "writes one journey at a time");
}

const cjm_command cjm_command_export = {"export", "a journey in another tool's format: a Mermaid journey diagram",
                                        help, command_main};
