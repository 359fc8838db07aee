/* cmd_render — `cjm render FILE [-T FORMAT] [-o OUT] [--view map|flow]
 * [--persona ID] [--detail] [--ascii] [--lang TAG] [--width N] [--no-bom] [--watch]
 * [--theme light|dark|print] [--transparent] [--scale F] [--stages FIRST..LAST] [--split N]`. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/render/backend.h"
#include "runtime/render/tables/tables.h"
#include "runtime/render/graphviz/driver.h"
#include "runtime/cli/cli.h"

static const cjm_cli_format formats[] = {
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

/* render's own options, after those of every output command. */
static cjm_cli_arg render_option(void *state, int argc, char **argv, int *i) {
  cjm_cli_output_args *args = state;
  bool bad = false;
  const char *value;
  if ((value = cjm_cli_option_value("render", "--view", argc, argv, i, &bad))) {
    if (strcmp(value, "map") == 0) args->options.view = CJM_VIEW_MAP;
    else if (strcmp(value, "flow") == 0) args->options.view = CJM_VIEW_FLOW;
    else {
      cjm_cli_usage_error("render", "--view takes map or flow, not '%s'", value);
      return CJM_ARG_BAD;
    }
  } else if ((value = cjm_cli_option_value("render", "--persona", argc, argv, i, &bad))) {
    args->persona_id = value;
  } else if ((value = cjm_cli_option_value("render", "--theme", argc, argv, i, &bad))) {
    if (strcmp(value, "light") == 0) args->options.theme = CJM_THEME_LIGHT;
    else if (strcmp(value, "dark") == 0) args->options.theme = CJM_THEME_DARK;
    else if (strcmp(value, "print") == 0) args->options.theme = CJM_THEME_PRINT;
    else {
      cjm_cli_usage_error("render", "--theme takes light, dark or print, not '%s'", value);
      return CJM_ARG_BAD;
    }
  } else if ((value = cjm_cli_option_value("render", "--background", argc, argv, i, &bad))) {
    if (strcmp(value, "none") != 0) {
      cjm_cli_usage_error("render", "--background takes none (as --transparent), not '%s'", value);
      return CJM_ARG_BAD;
    }
    args->options.transparent = true;
  } else if ((value = cjm_cli_option_value("render", "--scale", argc, argv, i, &bad))) {
    char *end;
    double f = strtod(value, &end);
    /* 0.25: a PNG below 24 dpi is refused anyway (driver.c) */
    if (*value == '\0' || *end != '\0' || !(f >= 0.25 && f <= 10)) {
      cjm_cli_usage_error("render", "--scale takes a number from 0.25 to 10 (2: twice the pixels each way), not '%s'",
                          value);
      return CJM_ARG_BAD;
    }
    args->options.scale = f;
  } else if ((value = cjm_cli_option_value("render", "--stages", argc, argv, i, &bad))) {
    const char *dots = strstr(value, "..");
    if (!*value || (dots && (dots == value || dots[2] == '\0' || strstr(dots + 2, "..")))) {
      cjm_cli_usage_error("render", "--stages takes FIRST..LAST or one ID (stage identifiers), not '%s'", value);
      return CJM_ARG_BAD;
    }
    args->stages = value;
  } else if ((value = cjm_cli_option_value("render", "--split", argc, argv, i, &bad))) {
    char *end;
    long n = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || n < 1 || n > 100000) {
      cjm_cli_usage_error("render", "--split takes a number of steps per page from 1 to 100000, not '%s'", value);
      return CJM_ARG_BAD;
    }
    args->split = (size_t)n;
  } else if (bad) {
    return CJM_ARG_BAD;
  } else if (strcmp(argv[*i], "--detail") == 0) {
    args->options.detail = true;
  } else if (strcmp(argv[*i], "--no-bom") == 0) {
    args->options.bom = false;
  } else if (strcmp(argv[*i], "--watch") == 0) {
    args->watch = true;
  } else if (strcmp(argv[*i], "--transparent") == 0) {
    args->options.transparent = true;
  } else {
    return CJM_ARG_NOT_COMMON;
  }
  return CJM_ARG_TAKEN;
}

/* The format without -T: the one -o's extension names, else text on a
 * terminal, else SVG. */
static const char *default_format(const char *output) {
  if (strcmp(output, "-") == 0) return isatty(STDOUT_FILENO) ? "text" : "svg";
  const char *format = cjm_cli_format_of_path(output);
  return format ? format : "svg";
}

static const cjm_cli_output_command render = {
    .name = "render",
    .formats = formats,
    .defaults = {.view = CJM_VIEW_MAP, .bom = true},
    .option = render_option,
    .default_format = default_format,
    .no_file = "no file to render",
    .several_files = "renders one file at a time",
};

static const char help[] =
    "usage: cjm render [OPTIONS] FILE\n"
    "\n"
    "Renders the journey in FILE (- for standard input).\n"
    "\n"
    "options:\n"
    "  -T FORMAT           svg, png, pdf or dot (Graphviz), text, md, csv or json;\n"
    "                      default: from -o's extension, else text on a terminal, else svg\n"
    "  -o OUT              write to OUT atomically (default - for standard output)\n"
    "  --view VIEW         map (default) or flow, for the Graphviz formats\n"
    "  --persona ID        show one persona only\n"
    "  --detail            flow view: attach pains and opportunities\n"
    "  --theme THEME       light (default), dark, or print (greyscale-safe, curves\n"
    "                      told apart by dash as well as colour)\n"
    "  --transparent       svg, png: no background fill (also --background none)\n"
    "  --scale F           png: F times the pixels each way (0.25 to 10; default 1,\n"
    "                      96 dpi), as mmdc -s\n"
    "  --stages FIRST..LAST\n"
    "                      draw only these stages (ids, in journey order; or one ID);\n"
    "                      the analysis stays over the whole journey\n"
    "  --split N           pages of at most N steps, whole stages where they fit:\n"
    "                      OUT-1.EXT, OUT-2.EXT... (needs -o OUT); with -T pdf one\n"
    "                      document, a page each\n"
    "  --ascii             text: plain ASCII borders\n"
    "  --lang TAG          the language of the words and fonts (en, ja, zh-Hans,\n"
    "                      zh-Hant, ko, ru); default: the journey's\n"
    "  --width N           text: wrap to N columns (default: the terminal's, or 100)\n"
    "  --no-bom            csv: no byte-order mark\n"
    "  --watch             write OUT again on every save of FILE or of a module it\n"
    "                      uses, until interrupted; on errors OUT keeps the last good\n"
    "                      result (needs -o OUT)\n"
    "  and the options of 'cjm check' (-I, -W..., --color, --max-errors)\n";

static int command_main(int argc, char **argv, const char *argv0) {
  return cjm_cli_run_output_command(&render, argc, argv, argv0);
}

const cjm_command cjm_command_render = {"render", "draw a journey (svg png pdf dot) or tabulate it (text md csv json)", help, command_main};
