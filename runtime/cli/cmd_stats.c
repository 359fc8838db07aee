/* cmd_stats — `cjm stats FILE [-T text|md|json] [-o OUT] [--ascii]
 * [--width N]`: the analysis of reference section 7 (stats.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/cli/cli.h"
#include "runtime/stats.h"

/* A format and the function that writes it. */
typedef struct stats_format {
  const char *name;
  cjm_render_fn write;
} stats_format;

static const stats_format formats[] = {
    {"text", cjm_stats_text},
    {"md", cjm_stats_md},
    {"json", cjm_stats_json},
    {NULL, NULL},
};

/* The options as parsed. */
typedef struct stats_args {
  cjm_render_options options;
  const char *output;          /* -o, default "-" */
  bool width_given;
} stats_args;

/* The value of -X VALUE, -XVALUE, --name VALUE or --name=VALUE when arg is
 * the option name; NULL when it is not, or when the value is missing
 * (then *bad is set and the error reported). */
static const char *valued(const char *name, int argc, char **argv, int *i, bool *bad) {
  const char *arg = argv[*i];
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0) return NULL;
  if (arg[n] == '=') return arg + n + 1;
  if (arg[n] != '\0') return name[1] != '-' ? arg + n : NULL;
  if (*i + 1 < argc) return argv[++*i];
  cjm_cli_usage_error("stats", "option '%s' needs a value", name);
  *bad = true;
  return NULL;
}

static cjm_cli_arg stats_option(void *state, int argc, char **argv, int *i) {
  stats_args *args = state;
  bool bad = false;
  const char *value;
  if ((value = valued("-T", argc, argv, i, &bad)) || (value = valued("--format", argc, argv, i, &bad))) {
    args->options.format = value;
  } else if ((value = valued("-o", argc, argv, i, &bad)) || (value = valued("--output", argc, argv, i, &bad))) {
    args->output = value;
  } else if ((value = valued("--width", argc, argv, i, &bad))) {
    char *end;
    long w = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || w < 20 || w > 10000) {
      cjm_cli_usage_error("stats", "--width takes a number of columns from 20 to 10000, not '%s'", value);
      return CJM_ARG_BAD;
    }
    args->options.width = (size_t)w;
    args->width_given = true;
  } else if (bad) {
    return CJM_ARG_BAD;
  } else if (strcmp(argv[*i], "--ascii") == 0) {
    args->options.ascii = true;
  } else {
    return CJM_ARG_NOT_COMMON;
  }
  return CJM_ARG_TAKEN;
}

static const stats_format *find_format(const char *name) {
  for (const stats_format *f = formats; f->name; f++)
    if (strcmp(f->name, name) == 0) return f;
  return NULL;
}

int cjm_cmd_stats(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  stats_args args = {.options = {.format = "text"}, .output = "-"};
  const char **files;
  size_t file_count;
  int status = cjm_cli_parse_args(&common, "stats", argc, argv, stats_option, &args, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count != 1)
    status = cjm_cli_usage_error("stats", file_count ? "reads one file at a time" : "no file to analyse");
  const stats_format *format = status == CJM_CLI_GO_ON ? find_format(args.options.format) : NULL;
  if (status == CJM_CLI_GO_ON && !format)
    status = cjm_cli_usage_error("stats", "unknown format '%s'; formats: text, md, json", args.options.format);
  if (status != CJM_CLI_GO_ON) {
    free(files);
    cjm_cli_common_free(&common);
    return status;
  }

  cjm_cli_journey journey;
  status = cjm_cli_journey_load(&journey, files[0], &common);
  if (status == CJM_EXIT_OK)
    status = cjm_cli_emit(&common, &journey, format->write, &args.options, args.width_given, args.output, "stats");
  cjm_cli_journey_free(&journey);
  free(files);
  cjm_cli_common_free(&common);
  return status;
}
