/* cmd_stats — `cjm stats FILE [-T text|md|json] [-o OUT] [--ascii]
 * [--width N]`: the analysis of reference section 7 (stats.h). */
#include <stddef.h>
#include <string.h>

#include "runtime/cli/cli.h"
#include "runtime/render/tables/stats.h"

static const cjm_cli_format formats[] = {
    {"text", cjm_stats_text},
    {"md", cjm_stats_md},
    {"json", cjm_stats_json},
    {NULL, NULL},
};

/* The format without -T: the one -o's extension names, else text. */
static const char *default_format(const char *output) {
  const char *format = strcmp(output, "-") != 0 ? cjm_cli_format_of_path(output) : NULL;
  return format ? format : "text";
}

static const cjm_cli_output_command stats = {
    .name = "stats",
    .formats = formats,
    .default_format = default_format,
    .no_file = "no file to analyse",
    .several_files = "reads one file at a time",
};

int cjm_cmd_stats(int argc, char **argv, const char *argv0) {
  return cjm_cli_run_output_command(&stats, argc, argv, argv0);
}
