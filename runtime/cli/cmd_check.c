/* cmd_check — `cjm check [OPTIONS] FILE...`. */
#include <stdlib.h>

#include "runtime/cli/cli.h"

int cjm_cmd_check(int argc, char **argv, const char *argv0) {
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
