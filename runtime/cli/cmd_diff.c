/* cmd_diff — `cjm diff [-T text|md|json|svg|png|pdf|dot] [--persona ID]
 * [-o OUT] OLD NEW`, and git's external diff form.
 *
 * Both journeys are loaded, resolved and analysed (the checks' warnings
 * are not run: they say nothing about what changed), compared (diff.h)
 * and printed (diff_output.h), or drawn: the map view of the new journey
 * with the changes marked (map_marks.h, through the Graphviz backend).
 * The result is written to standard output or, with -o, atomically to a
 * file (strbuf.h). Exit status as diff(1): 0 identical, 1 different, 2
 * trouble (a missing or broken file, with its diagnostics; a picture that
 * cannot be drawn or a file that cannot be written).
 *
 * As git's diff driver (`git config diff.cjm.command "cjm diff"`), git
 * passes seven arguments, PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX
 * NEW-MODE (nine after a rename, with NEW-PATH and a message; one for an
 * unmerged path). Then the output names a/PATH and b/PATH, /dev/null
 * stands for the empty journey, `use` also looks in PATH's directory (the
 * old file is a temporary copy elsewhere), colour follows git's pager,
 * and the exit status is 0 whatever the difference: git stops at a diff
 * program that exits otherwise. Trouble is then shown in the output. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/cli/cli.h"
#include "runtime/core/budget.h"
#include "runtime/review/diff.h"
#include "runtime/review/diff_output.h"
#include "runtime/review/map_marks.h"
#include "runtime/base/atomic_write.h"
#include "runtime/base/strbuf.h"
#include "runtime/render/graphviz/driver.h"

static const char help[] =
    "usage: cjm diff [OPTIONS] OLD NEW\n"
    "\n"
    "Shows what changed between two journeys, by identifier, not by line:\n"
    "the journey's settings, personas, channels, lanes, metrics, stages and\n"
    "steps added, removed, changed or moved; per stage and step `by`, `via`,\n"
    "`next`, lane entries, feels per persona (old -> new, with the shift) and\n"
    "measures against their targets; then the mean feel per stage and persona.\n"
    "Layout and comments are no change. - reads one of them from standard input.\n"
    "\n"
    "options:\n"
    "  -T FORMAT           text (default), md (a pull request comment), json, or a\n"
    "                      picture: svg, png, pdf (the map of NEW with what was added\n"
    "                      in green, changed in amber, removed struck through in red)\n"
    "                      or dot (that map's graph before layout)\n"
    "  -o OUT              write to OUT, atomically (default: standard output); without\n"
    "                      -T the format follows OUT's extension\n"
    "  --persona ID        feels, lane entries and summary of one persona only\n"
    "  --color=WHEN        auto (default: a terminal, or git's pager), always or never\n"
    "  -I DIR              also look for used modules in DIR (repeatable)\n"
    "\n"
    "As git's diff driver:  git config diff.cjm.command 'cjm diff'\n"
    "with  *.cjm diff=cjm  in .gitattributes; git's seven arguments are\n"
    "understood, and the exit status is then 0 (git stops at any other).\n"
    "\n"
    "exit status: 0 identical, 1 different, 2 a file missing or with errors, a\n"
    "picture that cannot be drawn, an output that cannot be written, or a usage\n"
    "error.\n";

/* What the command was asked for. */
typedef struct diff_args {
  const char *format;          /* -T, or NULL when not given */
  const char *output;          /* -o, "-" for standard output */
  const char *persona;         /* --persona */
} diff_args;

/* The formats, text first; the others after "json" are pictures. */
static const char *const formats[] = {"text", "md", "json", "svg", "png", "pdf", "dot"};
enum { FORMAT_COUNT = sizeof formats / sizeof formats[0], FIRST_PICTURE = 3 };

/* The index of a format in formats, or -1. */
static int format_index(const char *name) {
  for (int i = 0; i < FORMAT_COUNT; i++)
    if (strcmp(formats[i], name) == 0) return i;
  return -1;
}

/* diff's own options, after the shared ones (-I, -W…, --color). */
static cjm_cli_arg diff_option(void *state, int argc, char **argv, int *i) {
  diff_args *args = state;
  bool bad = false;
  const char *value;
  if ((value = cjm_cli_option_value("diff", "-T", argc, argv, i, &bad)) ||
      (value = cjm_cli_option_value("diff", "--format", argc, argv, i, &bad)))
    args->format = value;
  else if ((value = cjm_cli_option_value("diff", "-o", argc, argv, i, &bad)) ||
           (value = cjm_cli_option_value("diff", "--output", argc, argv, i, &bad)))
    args->output = value;
  else if ((value = cjm_cli_option_value("diff", "--persona", argc, argv, i, &bad)))
    args->persona = value;
  else
    return bad ? CJM_ARG_BAD : CJM_ARG_NOT_COMMON;
  return CJM_ARG_TAKEN;
}

/* Whether text output gets colour: as --color says, else (auto) for git
 * when git's pager shows it, else as for every command's output (a
 * terminal, NO_COLOR unset, a terminal that is not dumb). */
static bool want_color(const cjm_cli_common *common, bool git, const char *output) {
  if (common->color_choice) return common->color_choice > 0;
  const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM"), *pager = getenv("GIT_PAGER_IN_USE");
  bool pager_on = git && pager && (strcmp(pager, "true") == 0 || strcmp(pager, "1") == 0);
  if (pager_on && strcmp(output, "-") == 0 && !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0))
    return true;
  return cjm_cli_output_color(common, output);
}

/* One journey loaded for comparison. */
typedef struct side {
  cjm_program *program;
  cjm_model *model;
  cjm_analysis *analysis;
} side;

/* Loads path into s (nothing for /dev/null: the empty journey). Prints
 * its diagnostics to out. Returns whether it can be compared. */
static bool load_side(side *s, const char *path, const cjm_cli_common *common, FILE *out) {
  *s = (side){0};
  if (strcmp(path, "/dev/null") == 0) return true;
  cjm_diags *diags = common->diags;
  size_t first = cjm_diags_count(diags), errors = cjm_diags_errors(diags);
  cjm_load_options options = cjm_cli_load_options(common);
  s->program = cjm_program_new();
  cjm_load_status status = cjm_load_file(s->program, path, &options, diags);
  if (status == CJM_LOAD_OK) s->model = cjm_model_build(s->program, diags);
  bool ok = status == CJM_LOAD_OK && s->model && cjm_diags_errors(diags) == errors;
  cjm_print_options print = {.color = common->color && out == stderr, .show_source = true};
  cjm_diags_print(diags, first, out, &print);
  if (ok) s->analysis = cjm_analyse(s->model);
  return ok;
}

/* Whether comparing the feels of each persona of s is within the budget
 * of cells (core/budget.h): a persona's feels in each moment and its mean
 * in each stage. Prints the `limit` error when not. */
static bool side_within_budget(const side *s, const char *persona, const cjm_cli_common *common, FILE *out) {
  if (!s->model) return true;
  size_t first = cjm_diags_count(common->diags), moments = s->model->stage_count;
  for (size_t i = 0; i < s->model->step_count; i++) moments += s->model->steps[i]->moment.feel_count > 0;
  bool ok = cjm_within_budget(s->model, common->diags, "comparing each persona's feels",
                              persona ? 1 : s->model->persona_count, moments,
                              "compare one persona's journey with --persona ID");
  cjm_print_options print = {.color = common->color && out == stderr, .show_source = true};
  cjm_diags_print(common->diags, first, out, &print);
  return ok;
}

static void free_side(side *s) {
  cjm_analysis_free(s->analysis);
  cjm_model_free(s->model);
  cjm_program_free(s->program);
}

/* The directory part of path ("." when none), malloc'd. */
static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return cjm_xstrdup(".");
  size_t n = slash == path ? 1 : (size_t)(slash - path);
  char *dir = cjm_xmalloc(n + 1);
  memcpy(dir, path, n);
  dir[n] = '\0';
  return dir;
}

/* Draws the map of the new journey with the changes of diff marked into
 * out, as args->format; says on standard error why when it cannot. */
static bool draw(const diff_args *args, const cjm_diff *diff, const cjm_diff_side *old, const cjm_diff_side *new,
                 const cjm_analysis *analysis, const cjm_cli_common *common, cjm_strbuf *out) {
  if (!new->model) {
    fprintf(stderr, "cjm diff: -T %s draws the new journey, and %s is empty\n", args->format, new->name);
    return false;
  }
  cjm_render_options options = {.format = args->format, .view = CJM_VIEW_MAP};
  if (args->persona) {
    const char *id = cjm_intern_lookup(new->names, args->persona, strlen(args->persona));
    options.persona = id ? cjm_model_persona(new->model, id) : NULL;
    if (!options.persona) {
      fprintf(stderr, "cjm diff: -T %s draws the new journey, and %s has no persona '%s'\n", args->format,
              new->name, args->persona);
      return false;
    }
  }
  cjm_map_marks *marks = cjm_map_marks_new(diff, old, new);
  options.marks = marks;
  size_t first = cjm_diags_count(common->diags);
  bool ok = cjm_render_graphviz(new->model, analysis, &options, out, common->diags);
  cjm_print_options print = {.color = common->color, .show_source = true};
  cjm_diags_print(common->diags, first, stderr, &print);
  cjm_map_marks_free(marks);
  return ok;
}

/* Compares old_path with new_path and writes the diff to args->output.
 * Returns the exit status as diff(1). */
static int run(const diff_args *args, const char *old_path, const char *new_path, const char *old_name,
               const char *new_name, bool git, const cjm_cli_common *common) {
  FILE *diag_out = git ? stdout : stderr;
  side old_side, new_side;
  bool ok = load_side(&old_side, old_path, common, diag_out);
  ok &= load_side(&new_side, new_path, common, diag_out);
  int status = CJM_EXIT_USAGE;
  const char *persona = args->persona;
  if (ok && persona) {
    bool known = false;
    for (int k = 0; k < 2 && !known; k++) {
      const cjm_program *p = k ? new_side.program : old_side.program;
      const cjm_model *m = k ? new_side.model : old_side.model;
      const char *id = p ? cjm_intern_lookup(p->names, persona, strlen(persona)) : NULL;
      known = id && cjm_model_persona(m, id);
    }
    if (!known) {
      fprintf(diag_out, "cjm diff: neither journey has a persona '%s'\n", persona);
      ok = false;
    }
  }
  if (ok) ok = side_within_budget(&old_side, persona, common, diag_out) &&
               side_within_budget(&new_side, persona, common, diag_out);
  if (ok) {
    cjm_diff_side o = {old_name, old_side.model, old_side.analysis, old_side.program ? old_side.program->names : NULL};
    cjm_diff_side n = {new_name, new_side.model, new_side.analysis, new_side.program ? new_side.program->names : NULL};
    cjm_diff_options options = {.persona = persona};
    cjm_diff *diff = cjm_diff_compute(&o, &n, &options);
    cjm_strbuf out = {0};
    cjm_diff_print_options print = {.color = want_color(common, git, args->output), .header = git};
    bool written = true;
    if (format_index(args->format) >= FIRST_PICTURE) {
      written = draw(args, diff, &o, &n, new_side.analysis, common, &out);
    } else if (strcmp(args->format, "md") == 0) {
      cjm_diff_write_md(diff, &print, &out);
    } else if (strcmp(args->format, "json") == 0) {
      written = cjm_diff_write_json(diff, &out);
      if (!written) fprintf(stderr, "cjm diff: the journeys cannot be written as JSON\n");
    } else {
      cjm_diff_write_text(diff, &print, &out);
    }
    const char *error = NULL;
    fflush(stdout);
    if (written && !cjm_atomic_write(&out, args->output, &error))
      fprintf(stderr, "cjm diff: cannot write %s: %s\n", args->output, error);
    else if (written)
      status = cjm_diff_identical(diff) ? CJM_EXIT_OK : CJM_EXIT_ERRORS;
    cjm_strbuf_free(&out);
    cjm_diff_free(diff);
  } else if (git) {
    printf("cjm diff: cannot compare %s by meaning; 'git diff --no-ext-diff' shows its lines\n", new_name + 2);
  }
  free_side(&old_side);
  free_side(&new_side);
  return status;
}

static int command_main(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  diff_args args = {.output = "-"};
  const char **files;
  size_t file_count;
  int status = cjm_cli_parse_args(&common, "diff", argc, argv, diff_option, &args, &files, &file_count);
  bool git = file_count == 7 || file_count == 9 || (file_count == 1 && getenv("GIT_DIFF_PATH_TOTAL"));
  if (status == CJM_CLI_GO_ON && file_count != 2 && !git)
    status = cjm_cli_usage_error("diff", "compares two files, OLD and NEW (or git's seven arguments)");
  if (status == CJM_CLI_GO_ON && !args.format) {
    args.format = strcmp(args.output, "-") != 0 ? cjm_cli_format_of_path(args.output) : NULL;
    if (!args.format) args.format = "text";
  }
  if (status == CJM_CLI_GO_ON && format_index(args.format) < 0)
    status = cjm_cli_usage_error("diff", "unknown format '%s'; formats: text, md, json, svg, png, pdf, dot",
                                 args.format);
  if (status == CJM_CLI_GO_ON && git && format_index(args.format) >= FIRST_PICTURE)
    status = cjm_cli_usage_error("diff", "-T %s draws a picture; as git's diff driver use text, md or json",
                                 args.format);
  if (status == CJM_CLI_GO_ON && git && file_count == 1) {
    printf("* Unmerged path %s\n", files[0]);
    status = CJM_EXIT_OK;
  } else if (status == CJM_CLI_GO_ON && git) {
    /* Where git runs us, the top of the work tree, PATH's directory is
     * where the journey's modules are. */
    const char *path = files[0], *new_path = file_count == 9 ? files[7] : files[0];
    char *dir = dir_of(new_path);
    common.include_dirs = cjm_xrealloc(common.include_dirs, (common.include_count + 1) * sizeof(char *));
    common.include_dirs[common.include_count++] = dir;
    size_t n = strlen(path) + strlen(new_path) + 3;
    char *old_name = cjm_xmalloc(n), *new_name = cjm_xmalloc(n);
    snprintf(old_name, n, "a/%s", path);
    snprintf(new_name, n, "b/%s", new_path);
    run(&args, files[1], files[4], old_name, new_name, true, &common);
    status = CJM_EXIT_OK;
    free(old_name);
    free(new_name);
    free(dir);
  } else if (status == CJM_CLI_GO_ON) {
    status = run(&args, files[0], files[1], files[0], files[1], false, &common);
  }
  fflush(stdout);
  free(files);
  cjm_cli_common_free(&common);
  return status;
}

const cjm_command cjm_command_diff = {"diff", "what changed between two journeys, by identifier", help, command_main};
