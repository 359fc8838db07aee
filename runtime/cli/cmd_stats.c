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

static const char help[] =
    "usage: cjm stats [OPTIONS] FILE\n"
    "\n"
    "Prints the analysis of the journey in FILE (- for standard input): the\n"
    "mean feel overall, per stage and per persona in each stage; pains and\n"
    "opportunities per stage and the stages with pains but no opportunity;\n"
    "each persona's lowest and highest moments; each metric's observed values\n"
    "against its target; the persona x stage and channel x stage matrices.\n"
    "\n"
    "options:\n"
    "  -T FORMAT           text (default), md or json\n"
    "  -o OUT              write to OUT atomically (default - for standard output)\n"
    "  --ascii             text: plain ASCII borders\n"
    "  --lang TAG          the language of the words (en, ja, zh-Hans, zh-Hant, ru)\n"
    "  --width N           text: wrap to N columns (default: the terminal's, or 100)\n"
    "  and the options of 'cjm check' (-I, -W..., --color, --max-errors)\n";

static int command_main(int argc, char **argv, const char *argv0) {
  return cjm_cli_run_output_command(&stats, argc, argv, argv0);
}

const cjm_command cjm_command_stats = {"stats", "the analysis of a journey: feel, pains, moments of truth, metrics", help, command_main};
