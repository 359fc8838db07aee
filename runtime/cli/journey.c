/* journey — loading a journey for a command, the same way for all of them:
 * read, resolve, check, print the diagnostics, analyse when clean; and
 * running the commands that write one journey out (render, stats). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "runtime/base/atomic_write.h"
#include "runtime/core/checked.h"
#include "runtime/core/suggest.h"
#include "runtime/render/graphviz/pages.h"
#include "runtime/serve/stop.h"
#include "runtime/serve/watch.h"
#include "runtime/cli/cli.h"

/* The exit status for how loading a journey ended. */
static int exit_status(cjm_checked_status status) {
  switch (status) {
  case CJM_CHECKED_OK: return CJM_EXIT_OK;
  case CJM_CHECKED_ERRORS: return CJM_EXIT_ERRORS;
  case CJM_CHECKED_UNREADABLE: break;
  }
  return CJM_EXIT_USAGE;
}

void cjm_cli_journey_print_diags(const cjm_cli_journey *journey, size_t first, const cjm_source *root,
                                 const cjm_cli_common *common) {
  cjm_print_options print = {.color = common->color, .show_source = true};
  cjm_checked_print_diags(journey, common->diags, first, root, stderr, &print);
}

int cjm_cli_journey_load(cjm_cli_journey *journey, const char *path, const cjm_cli_common *common) {
  size_t first = cjm_diags_count(common->diags);
  cjm_load_options options = cjm_cli_load_options(common);
  int result = exit_status(cjm_checked_load(journey, path, &options, common->diags));
  cjm_cli_journey_print_diags(journey, first, NULL, common);
  return result;
}

int cjm_cli_journey_load_source(cjm_cli_journey *journey, cjm_source *source, const char *base_dir,
                                const cjm_cli_common *common) {
  cjm_load_options options = cjm_cli_load_options(common);
  return exit_status(cjm_checked_load_source(journey, source, base_dir, &options, common->diags));
}

void cjm_cli_journey_free(cjm_cli_journey *journey) { cjm_checked_free(journey); }

/* ---- commands that write one journey out ---------------------------------------- */

/* Runs render over a loaded, error-free journey and writes the result to
 * path ("-" for standard output) atomically. Fills in colour, and the
 * terminal's width unless width_given, prints what the backend reported,
 * and returns the exit status; command names the command in messages. */
static int emit(const cjm_cli_common *common, const cjm_cli_journey *journey, cjm_render_fn render,
                cjm_render_options *options, bool width_given, const char *path, const char *command) {
  options->color = cjm_cli_output_color(common, path);
  /* Without --width: the terminal's when writing to one, else $COLUMNS
   * (to a pipe or a file as well), else 100 (docs/tables.md). */
  if (!width_given) options->width = cjm_cli_terminal_width(strcmp(path, "-") == 0 ? STDOUT_FILENO : -1);
  cjm_strbuf out = {0};
  size_t first = cjm_diags_count(common->diags);
  bool ok = render(journey->model, journey->analysis, options, &out, common->diags);
  cjm_print_options print = {.color = common->color, .show_source = true};
  cjm_diags_print(common->diags, first, stderr, &print);
  int status = ok ? CJM_EXIT_OK : CJM_EXIT_ERRORS;
  const char *error = NULL;
  if (ok && !cjm_atomic_write(&out, path, &error)) {
    fprintf(stderr, "cjm %s: cannot write %s: %s\n", command, path, error);
    status = CJM_EXIT_USAGE;
  }
  cjm_strbuf_free(&out);
  return status;
}

/* ---- parts and pages of a picture: --stages, --split ------------------------------ */

/* The name of page number of path: "map.png" gives "map-2.png", "map" "map-2". */
static char *page_path(const char *path, size_t number) {
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  size_t stem = dot && dot != base ? (size_t)(dot - path) : strlen(path);
  cjm_strbuf name = {0};
  cjm_strbuf_printf(&name, "%.*s-%zu%s", (int)stem, path, number, path + stem);
  return name.data;
}

/* --split (but for -T pdf: emit_document): renders every page of the
 * journey (or of --stages) into memory first, then writes them to
 * OUT-1.EXT, OUT-2.EXT…, each atomically, only when every page rendered.
 * Returns the exit status. */
static int emit_pages(const cjm_cli_common *common, const cjm_cli_journey *journey, cjm_render_fn render,
                      cjm_render_options *options, size_t per_page, const char *path, const char *command) {
  size_t count = 0;
  cjm_render_part *pages = cjm_gv_pages(journey->model, &options->part, per_page, &count);
  cjm_strbuf *out = cjm_xcalloc(count, sizeof *out);
  cjm_render_part whole = options->part;
  bool exit_after = options->exit_after;
  options->exit_after = false; /* several renders in this process */
  bool ok = true;
  size_t first = cjm_diags_count(common->diags);
  for (size_t i = 0; ok && i < count; i++) {
    options->part = pages[i];
    ok = render(journey->model, journey->analysis, options, &out[i], common->diags);
  }
  options->part = whole;
  options->exit_after = exit_after;
  cjm_print_options print = {.color = common->color, .show_source = true};
  cjm_diags_print(common->diags, first, stderr, &print);
  int status = ok ? CJM_EXIT_OK : CJM_EXIT_ERRORS;
  for (size_t i = 0; ok && i < count; i++) {
    char *name = page_path(path, i + 1);
    const char *error = NULL;
    if (!cjm_atomic_write(&out[i], name, &error)) {
      fprintf(stderr, "cjm %s: cannot write %s: %s\n", command, name, error);
      status = CJM_EXIT_USAGE;
      ok = false;
    }
    free(name);
  }
  for (size_t i = 0; i < count; i++) cjm_strbuf_free(&out[i]);
  free(out);
  free(pages);
  return status;
}

/* --split -T pdf: one document with a page per part of the journey (or
 * of --stages), written atomically like any other output: all pages or
 * nothing. Returns the exit status. */
static int emit_document(const cjm_cli_common *common, const cjm_cli_journey *journey, cjm_render_fn render,
                         cjm_render_options *options, size_t per_page, const char *path, const char *command) {
  size_t count = 0;
  cjm_render_part *pages = cjm_gv_pages(journey->model, &options->part, per_page, &count);
  options->pages = pages;
  options->page_count = count;
  int status = emit(common, journey, render, options, true, path, command);
  options->pages = NULL;
  options->page_count = 0;
  free(pages);
  return status;
}

/* The index in model->stages of the stage called id, or -1 after
 * reporting it unknown, with the nearest stage's place as "did you mean". */
static long find_stage(const cjm_model *model, const char *id, const char *path, const char *command) {
  for (size_t i = 0; i < model->stage_count; i++)
    if (strcmp(model->stages[i]->decl.id, id) == 0) return (long)i;
  fprintf(stderr, "cjm %s: --stages: %s has no stage '%s'\n", command, path, id);
  const char **names = cjm_xmalloc((model->stage_count ? model->stage_count : 1) * sizeof *names);
  for (size_t i = 0; i < model->stage_count; i++) names[i] = model->stages[i]->decl.id;
  long best = cjm_suggest(id, names, model->stage_count);
  free(names);
  if (best >= 0) {
    const cjm_stage *hit = model->stages[best];
    const cjm_loc *loc = &hit->user_loc;
    if (loc->source) fprintf(stderr, "%s:%u:%u: note: did you mean '%s'?\n", loc->source->path, loc->line, loc->col, hit->decl.id);
    else fprintf(stderr, "cjm %s: note: did you mean '%s'?\n", command, hit->decl.id);
  }
  return -1;
}

/* Resolves --stages FIRST..LAST (or one ID) against the journey's stages
 * into options->part. Returns the exit status: a usage error for an
 * unknown stage or FIRST after LAST. */
static int resolve_stages(const cjm_model *model, const char *spec, cjm_render_options *options, const char *path,
                          const char *command) {
  const char *dots = strstr(spec, "..");
  char *first_id = cjm_xstrdup(spec);
  const char *last_id = spec;
  if (dots) {
    first_id[dots - spec] = '\0';
    last_id = dots + 2;
  }
  long first = find_stage(model, first_id, path, command);
  long last = first < 0 ? -1 : find_stage(model, last_id, path, command);
  int status = CJM_EXIT_OK;
  if (first < 0 || last < 0) status = CJM_EXIT_USAGE;
  else if (first > last)
    status = cjm_cli_usage_error(command, "--stages %s: stage '%s' comes after '%s' in %s; write %s..%s", spec,
                                 first_id, last_id, path, last_id, first_id);
  else
    options->part = (cjm_render_part){.set = true, .first_stage = (size_t)first, .last_stage = (size_t)last,
                                      .end_step = SIZE_MAX};
  if (first < 0 || last < 0) fprintf(stderr, "see 'cjm help %s'\n", command);
  free(first_id);
  return status;
}

/* Whether format is a picture drawn through Graphviz. */
static bool is_picture(const char *format) {
  return strcmp(format, "svg") == 0 || strcmp(format, "png") == 0 || strcmp(format, "pdf") == 0 ||
         strcmp(format, "dot") == 0;
}

/* Refuses the options of pictures with a format they do not apply to;
 * returns CJM_CLI_GO_ON or the usage error's status. */
static int check_picture_options(const char *command, const cjm_cli_output_args *args) {
  const char *format = args->options.format;
  if (!is_picture(format)) {
    const char *option = args->options.theme != CJM_THEME_LIGHT ? "--theme"
                         : args->options.transparent             ? "--transparent"
                         : args->options.scale > 0               ? "--scale"
                         : args->stages                          ? "--stages"
                         : args->split                           ? "--split"
                                                                 : NULL;
    if (option)
      return cjm_cli_usage_error(command, "%s is for pictures (-T svg, png, pdf or dot), not -T %s", option, format);
    return CJM_CLI_GO_ON;
  }
  if (args->options.scale > 0 && strcmp(format, "png") != 0)
    return cjm_cli_usage_error(command, "--scale multiplies a PNG's resolution; -T %s has none (it is a vector format)",
                               format);
  if (args->options.transparent && strcmp(format, "pdf") == 0)
    return cjm_cli_usage_error(command, "--transparent is for svg and png (and dot), not pdf");
  if (args->split && strcmp(format, "pdf") != 0 && strcmp(args->output, "-") == 0)
    return cjm_cli_usage_error(command, "--split writes OUT-1.%s, OUT-2.%s...: it needs -o OUT", format, format);
  return CJM_CLI_GO_ON;
}

/* What cjm_cli_parse_args hands an output command's option parser. */
typedef struct output_state {
  const cjm_cli_output_command *command;
  cjm_cli_output_args *args;
} output_state;

/* The options every output command takes, then the command's own. */
static cjm_cli_arg output_option(void *state, int argc, char **argv, int *i) {
  output_state *s = state;
  cjm_cli_arg taken = cjm_cli_output_arg(s->args, s->command->name, argc, argv, i);
  if (taken == CJM_ARG_NOT_COMMON && s->command->option) taken = s->command->option(s->args, argc, argv, i);
  return taken;
}

const char *cjm_cli_format_of_path(const char *path) {
  static const struct {
    const char *extension, *format;
  } known[] = {{"text", "text"}, {"txt", "text"}, {"md", "md"},   {"markdown", "md"}, {"csv", "csv"},
               {"json", "json"}, {"svg", "svg"},  {"png", "png"}, {"pdf", "pdf"},     {"dot", "dot"},
               {"gv", "dot"}};
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  if (!dot || dot == base || dot[1] == '\0') return NULL;
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (strcasecmp(dot + 1, known[i].extension) == 0) return known[i].format;
  return dot + 1;
}

const cjm_cli_format *cjm_cli_find_format(const cjm_cli_format *formats, const char *name) {
  for (const cjm_cli_format *f = formats; f->name; f++)
    if (strcmp(f->name, name) == 0) return f;
  return NULL;
}

/* Reports a format the command does not have, listing those it has;
 * returns CJM_EXIT_USAGE. */
static int unknown_format(const cjm_cli_output_command *command, const char *name) {
  char known[256] = "";
  for (const cjm_cli_format *f = command->formats; f->name; f++) {
    strncat(known, known[0] ? ", " : "", sizeof known - strlen(known) - 1);
    strncat(known, f->name, sizeof known - strlen(known) - 1);
  }
  return cjm_cli_usage_error(command->name, "unknown format '%s'; formats: %s", name,
                             known[0] ? known : "none in this build");
}

/* Loads the journey at path and writes it out as args ask; watch (or
 * NULL) waits from then on for the files the load read. */
static int write_journey(const cjm_cli_output_command *command, const cjm_cli_common *common, const char *path,
                         cjm_render_fn render, cjm_cli_output_args *args, cjm_watch *watch) {
  cjm_cli_journey journey;
  int status = cjm_cli_journey_load(&journey, path, common);
  if (watch) cjm_watch_program(watch, path, journey.program);
  if (status == CJM_EXIT_OK && args->persona_id) {
    const char *id = cjm_intern_lookup(journey.program->names, args->persona_id, strlen(args->persona_id));
    args->options.persona = id ? cjm_model_persona(journey.model, id) : NULL;
    if (!args->options.persona) {
      fprintf(stderr, "cjm %s: %s has no persona '%s'\n", command->name, path, args->persona_id);
      status = CJM_EXIT_USAGE;
    }
  }
  if (status == CJM_EXIT_OK && args->stages)
    status = resolve_stages(journey.model, args->stages, &args->options, path, command->name);
  if (status == CJM_EXIT_OK && args->split && strcmp(args->options.format, "pdf") == 0)
    status = emit_document(common, &journey, render, &args->options, args->split, args->output, command->name);
  else if (status == CJM_EXIT_OK && args->split)
    status = emit_pages(common, &journey, render, &args->options, args->split, args->output, command->name);
  else if (status == CJM_EXIT_OK)
    status = emit(common, &journey, render, &args->options, args->width_given, args->output, command->name);
  cjm_cli_journey_free(&journey);
  return status;
}

/* Prints "cjm COMMAND: [HH:MM:SS] " and what follows, a line of --watch. */
static void watch_say(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void watch_say(const char *command, const char *fmt, ...) {
  char clock[16] = "";
  time_t now = time(NULL);
  struct tm local;
  if (localtime_r(&now, &local)) strftime(clock, sizeof clock, "%H:%M:%S", &local);
  fprintf(stderr, "cjm %s: [%s] ", command, clock);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  fflush(stderr);
}

/* render --watch: writes the journey at path as args ask, then again each
 * time it or a module it read is saved, until SIGINT or SIGTERM (exit 0).
 * On errors the output keeps its last good contents (it is only ever
 * replaced whole, atomically). */
static int watch_journey(const cjm_cli_output_command *command, cjm_cli_common *common, const char *path,
                         cjm_render_fn render, cjm_cli_output_args *args) {
  if (strcmp(args->output, "-") == 0)
    return cjm_cli_usage_error(command->name, "--watch needs -o FILE: it writes the file again on every save");
  if (strcmp(path, "-") == 0) return cjm_cli_usage_error(command->name, "--watch cannot watch standard input");
  int stop = cjm_stop_fd();
  cjm_watch *watch = cjm_watch_new();
  if (stop < 0 || !watch) {
    fprintf(stderr, "cjm %s: cannot watch %s: %s\n", command->name, path, strerror(errno));
    cjm_watch_free(watch);
    return CJM_EXIT_USAGE;
  }
  /* Many renders in one process: each frees its graph. */
  args->options.exit_after = false;
  const cjm_persona *no_persona = args->options.persona;
  int status = CJM_EXIT_OK;
  for (;;) {
    cjm_diags_clear(common->diags);
    args->options.persona = no_persona;
    int written = write_journey(command, common, path, render, args, watch);
    if (written == CJM_EXIT_OK)
      watch_say(command->name, "wrote %s; watching %s (Ctrl-C stops)", args->output, path);
    else
      watch_say(command->name, "%s not written: it keeps its last good contents; watching %s", args->output, path);
    cjm_watch_result waited = cjm_watch_wait(watch, stop);
    if (waited == CJM_WATCH_STOPPED) break;
    if (waited == CJM_WATCH_FAILED) {
      fprintf(stderr, "cjm %s: cannot watch %s: %s\n", command->name, path, strerror(errno));
      status = CJM_EXIT_USAGE;
      break;
    }
  }
  cjm_watch_free(watch);
  return status;
}

int cjm_cli_run_output_command(const cjm_cli_output_command *command, int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  cjm_cli_output_args args = {.options = command->defaults, .output = "-"};
  /* One journey a process: its picture's graph and layout need not be
   * freed, which takes a tenth of a large render's time (`dot` skips it
   * too). In a sanitizer build (CMake's CJM_SANITIZE, or any build with
   * AddressSanitizer) they are, so that the leak checker covers that code
   * and sees everything else freed. */
#if !defined(CJM_SANITIZE) && !defined(__SANITIZE_ADDRESS__)
  args.options.exit_after = true;
#endif
  output_state state = {command, &args};
  const char **files;
  size_t file_count;
  int status = cjm_cli_parse_args(&common, command->name, argc, argv, output_option, &state, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count != 1)
    status = cjm_cli_usage_error(command->name, "%s", file_count ? command->several_files : command->no_file);
  if (status == CJM_CLI_GO_ON && !args.options.format) args.options.format = command->default_format(args.output);
  const cjm_cli_format *format = status == CJM_CLI_GO_ON ? cjm_cli_find_format(command->formats, args.options.format) : NULL;
  if (status == CJM_CLI_GO_ON && !format) status = unknown_format(command, args.options.format);
  if (status == CJM_CLI_GO_ON) status = check_picture_options(command->name, &args);
  if (status == CJM_CLI_GO_ON && args.watch) status = watch_journey(command, &common, files[0], format->render, &args);
  if (status == CJM_CLI_GO_ON) status = write_journey(command, &common, files[0], format->render, &args, NULL);
  free(files);
  cjm_cli_common_free(&common);
  return status;
}
