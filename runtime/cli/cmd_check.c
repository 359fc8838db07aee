/* cmd_check — `cjm check [OPTIONS] FILE...`. */
#include <stdlib.h>

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
    "\n"
    "warnings: unused, empty-stage, coverage, unreachable, sparse-feel,\n"
    "not-taking-part, misleading-indentation;\n"
    "off unless asked for: cliff, pain-without-opportunity (both: -Wcx)\n"
    "\n"
    "environment:\n"
    "  CJM_PATH            colon-separated directories searched after -I\n"
    "  CJM_STDLIB          the standard library directory, overriding the default\n"
    "  NO_COLOR            when set and not empty, no colour under --color=auto\n";

static int command_main(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  const char **files;
  size_t file_count;
  int status = cjm_cli_parse_args(&common, "check", argc, argv, NULL, NULL, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count == 0) status = cjm_cli_usage_error("check", "no file to check");
  if (status == CJM_CLI_GO_ON) {
    bool io_ok = true;
    for (size_t i = 0; i < file_count; i++) {
      cjm_cli_journey journey;
      io_ok &= cjm_cli_journey_load(&journey, files[i], &common) != CJM_EXIT_USAGE;
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
