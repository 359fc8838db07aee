/* cmd_check — `cjm check [OPTIONS] [--list=KIND] FILE...`. */
#include <stdlib.h>
#include <string.h>

#include "runtime/cli/cli.h"

static const char help[] =
    "usage: cjm check [OPTIONS] FILE...\n"
    "\n"
    "Reads each FILE (- for standard input, once) and every file it uses, resolves\n"
    "every reference and reports errors and warnings as file:line:col.\n"
    "\n"
    "options:\n"
    "  -I DIR              also look for used modules in DIR (repeatable)\n"
    "  -Werror             treat warnings as errors\n"
    "  -Wno-NAME, -WNAME   turn the warning NAME off or on\n"
    "  -Werror=NAME        make one warning an error\n"
    "  --color=WHEN        auto (default), always or never; NO_COLOR turns auto off\n"
    "  --max-errors=N      stop after N errors (default 50, 0 for no limit)\n"
    "                      (--color WHEN and --max-errors N work as well)\n"
    "  --list=KIND         also print the identifiers of one kind, one a line, as\n"
    "                      far as the journey could be read (those of used modules\n"
    "                      too): personas, channels, lanes, metrics, stages or steps\n"
    "                      (shell completion asks for personas)\n"
    "\n"
    "warnings: unused, empty-stage, coverage, unreachable, sparse-feel,\n"
    "not-taking-part, misleading-indentation;\n"
    "off unless asked for: cliff, pain-without-opportunity (both: -Wcx)\n"
    "\n"
    "environment:\n"
    "  CJM_PATH            colon-separated directories searched after -I\n"
    "  CJM_STDLIB          the standard library directory, overriding the default\n"
    "  NO_COLOR            when set and not empty, no colour under --color=auto\n";

/* The kinds --list takes, in the order of the model. */
typedef enum list_kind { LIST_NONE = -1, LIST_PERSONAS, LIST_CHANNELS, LIST_LANES, LIST_METRICS, LIST_STAGES, LIST_STEPS } list_kind;
static const char *const list_names[] = {"personas", "channels", "lanes", "metrics", "stages", "steps"};

/* The declaration of item i of kind in model, or NULL past the last. */
static const cjm_decl *list_item(const cjm_model *model, list_kind kind, size_t i) {
  switch (kind) {
  case LIST_PERSONAS: return i < model->persona_count ? &model->personas[i]->decl : NULL;
  case LIST_CHANNELS: return i < model->channel_count ? &model->channels[i]->decl : NULL;
  case LIST_LANES: return i < model->lane_count ? &model->lanes[i]->decl : NULL;
  case LIST_METRICS: return i < model->metric_count ? &model->metrics[i]->decl : NULL;
  case LIST_STAGES: return i < model->stage_count ? &model->stages[i]->decl : NULL;
  case LIST_STEPS: return i < model->step_count ? &model->steps[i]->decl : NULL;
  case LIST_NONE: break;
  }
  return NULL;
}

/* check's own option: --list=KIND (or --list KIND). */
static cjm_cli_arg check_option(void *state, int argc, char **argv, int *i) {
  list_kind *list = state;
  bool bad = false;
  const char *value = cjm_cli_option_value("check", "--list", argc, argv, i, &bad);
  if (!value) return bad ? CJM_ARG_BAD : CJM_ARG_NOT_COMMON;
  for (size_t k = 0; k < sizeof list_names / sizeof list_names[0]; k++) {
    if (strcmp(value, list_names[k]) == 0) {
      *list = (list_kind)k;
      return CJM_ARG_TAKEN;
    }
  }
  cjm_cli_usage_error("check", "--list takes personas, channels, lanes, metrics, stages or steps, not '%s'", value);
  return CJM_ARG_BAD;
}

static int command_main(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  const char **files;
  size_t file_count;
  list_kind list = LIST_NONE;
  int status = cjm_cli_parse_args(&common, "check", argc, argv, check_option, &list, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count == 0) status = cjm_cli_usage_error("check", "no file to check");
  if (status == CJM_CLI_GO_ON) {
    bool io_ok = true;
    for (size_t i = 0; i < file_count; i++) {
      cjm_cli_journey journey;
      io_ok &= cjm_cli_journey_load(&journey, files[i], &common) != CJM_EXIT_USAGE;
      const cjm_decl *decl;
      for (size_t k = 0; list != LIST_NONE && journey.model && (decl = list_item(journey.model, list, k)); k++)
        puts(decl->id);
      cjm_cli_journey_free(&journey);
    }
    cjm_print_options print = {.color = common.color};
    cjm_diags_print_dropped(common.diags, stderr, &print);
    status = !io_ok ? CJM_EXIT_USAGE : cjm_diags_errors(common.diags) ? CJM_EXIT_ERRORS : CJM_EXIT_OK;
  }
  free(files);
  cjm_cli_common_free(&common);
  return status;
}

const cjm_command cjm_command_check = {"check", "read, resolve and check journeys; print diagnostics", help, command_main};
