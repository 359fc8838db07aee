/* cmd_render — `cjm render FILE [-T FORMAT] [-o OUT] [--view map|flow]
 * [--persona ID] [--detail] [--ascii] [--width N] [--no-bom]`. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/backend.h"
#include "runtime/render_tables.h"
#include "runtime/render_graphviz.h"
#include "runtime/cli/cli.h"

/* A format and the backend that writes it. */
typedef struct render_format {
  const char *name;
  cjm_render_fn render;
} render_format;

static const render_format formats[] = {
    {"svg", cjm_render_graphviz},
    {"png", cjm_render_graphviz},
    {"pdf", cjm_render_graphviz},
    {"dot", cjm_render_graphviz},
    {"text", cjm_render_text},
    {"md", cjm_render_md},
    {"csv", cjm_render_csv},
    {"json", cjm_render_json},
    {NULL, NULL},
};

/* The options as parsed, before the journey is loaded. */
typedef struct render_args {
  cjm_render_options options;
  const char *output;          /* -o, default "-" */
  const char *persona_id;      /* --persona */
  bool width_given;
} render_args;

static const render_format *find_format(const char *name) {
  for (const render_format *f = formats; f->name; f++)
    if (strcmp(f->name, name) == 0) return f;
  return NULL;
}

static cjm_cli_arg render_option(void *state, int argc, char **argv, int *i) {
  render_args *args = state;
  const char *arg = argv[*i];
  const char *value = NULL;
  /* Options that take a value: -T FORMAT, -TFORMAT, --format=FORMAT, -o OUT... */
  static const char *const valued[] = {"-T", "--format", "-o", "--output", "--view", "--persona", "--width"};
  const char *name = NULL;
  for (size_t k = 0; k < sizeof valued / sizeof valued[0] && !name; k++) {
    size_t n = strlen(valued[k]);
    if (strncmp(arg, valued[k], n) != 0) continue;
    if (arg[n] == '\0') {
      if (*i + 1 >= argc) {
        cjm_cli_usage_error("render", "option '%s' needs a value", valued[k]);
        return CJM_ARG_BAD;
      }
      name = valued[k];
      value = argv[++*i];
    } else if (arg[n] == '=' || (valued[k][1] != '-')) {
      name = valued[k];
      value = arg + n + (arg[n] == '=');
    }
  }
  if (name && (strcmp(name, "-T") == 0 || strcmp(name, "--format") == 0)) args->options.format = value;
  else if (name && (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0)) args->output = value;
  else if (name && strcmp(name, "--persona") == 0) args->persona_id = value;
  else if (name && strcmp(name, "--view") == 0) {
    if (strcmp(value, "map") == 0) args->options.view = CJM_VIEW_MAP;
    else if (strcmp(value, "flow") == 0) args->options.view = CJM_VIEW_FLOW;
    else {
      cjm_cli_usage_error("render", "--view takes map or flow, not '%s'", value);
      return CJM_ARG_BAD;
    }
  } else if (name && strcmp(name, "--width") == 0) {
    char *end;
    long w = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || w < 20 || w > 10000) {
      cjm_cli_usage_error("render", "--width takes a number of columns from 20 to 10000, not '%s'", value);
      return CJM_ARG_BAD;
    }
    args->options.width = (size_t)w;
    args->width_given = true;
  } else if (strcmp(arg, "--detail") == 0) args->options.detail = true;
  else if (strcmp(arg, "--ascii") == 0) args->options.ascii = true;
  else if (strcmp(arg, "--no-bom") == 0) args->options.bom = false;
  else return CJM_ARG_NOT_COMMON;
  return CJM_ARG_TAKEN;
}

/* The format a file name asks for by its extension, or NULL. */
static const char *format_of_path(const char *path) {
  const char *dot = strrchr(path, '.');
  if (!dot || strchr(dot, '/')) return NULL;
  const char *ext = dot + 1;
  if (strcmp(ext, "markdown") == 0) return "md";
  if (strcmp(ext, "txt") == 0) return "text";
  if (strcmp(ext, "gv") == 0) return "dot";
  return find_format(ext) ? ext : NULL;
}

int cjm_cmd_render(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  render_args args = {.options = {.view = CJM_VIEW_MAP, .bom = true}, .output = "-"};
  const char **files;
  size_t file_count;
  int status = cjm_cli_parse_args(&common, "render", argc, argv, render_option, &args, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count != 1)
    status = cjm_cli_usage_error("render", file_count ? "renders one file at a time" : "no file to render");
  if (status == CJM_CLI_GO_ON && !args.options.format) {
    args.options.format = strcmp(args.output, "-") != 0 ? format_of_path(args.output) : NULL;
    if (!args.options.format) args.options.format = strcmp(args.output, "-") == 0 && isatty(STDOUT_FILENO) ? "text" : "svg";
  }
  const render_format *format = status == CJM_CLI_GO_ON ? find_format(args.options.format) : NULL;
  if (status == CJM_CLI_GO_ON && !format) {
    char known[256] = "";
    for (const render_format *f = formats; f->name; f++) {
      strncat(known, known[0] ? ", " : "", sizeof known - strlen(known) - 1);
      strncat(known, f->name, sizeof known - strlen(known) - 1);
    }
    status = cjm_cli_usage_error("render", "unknown format '%s'; formats: %s", args.options.format,
                                 known[0] ? known : "none in this build");
  }
  if (status != CJM_CLI_GO_ON) {
    free(files);
    cjm_cli_common_free(&common);
    return status;
  }

  cjm_cli_journey journey;
  status = cjm_cli_journey_load(&journey, files[0], &common);
  if (status == CJM_EXIT_OK && args.persona_id) {
    const char *id = cjm_intern_lookup(journey.program->names, args.persona_id, strlen(args.persona_id));
    args.options.persona = id ? cjm_model_persona(journey.model, id) : NULL;
    if (!args.options.persona) {
      fprintf(stderr, "cjm render: %s has no persona '%s'\n", files[0], args.persona_id);
      status = CJM_EXIT_USAGE;
    }
  }
  if (status == CJM_EXIT_OK)
    status = cjm_cli_emit(&common, &journey, format->render, &args.options, args.width_given, args.output, "render");
  cjm_cli_journey_free(&journey);
  free(files);
  cjm_cli_common_free(&common);
  return status;
}
