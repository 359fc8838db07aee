/* cmd_check — `cjm check [OPTIONS] FILE...`. */
#include <stdlib.h>
#include <string.h>

#include "runtime/check.h"
#include "runtime/cli/cli.h"
#include "runtime/model.h"

/* Loads, builds and checks one journey, printing its diagnostics while its
 * sources are alive. Returns false on an I/O error. */
static bool check_one(const char *path, const cjm_cli_common *common, const cjm_load_options *options) {
  cjm_diags *diags = common->diags;
  size_t first = cjm_diags_count(diags);
  size_t errors_before = cjm_diags_errors(diags);
  cjm_program *program = cjm_program_new();
  cjm_load_status status = cjm_load_file(program, path, options, diags);
  cjm_model *model = cjm_model_build(program, diags);
  /* Warnings read the whole journey: after an error the model is partial
   * and they would only echo it. */
  if (model && cjm_diags_errors(diags) == errors_before) cjm_check(model, diags);
  cjm_print_options print = {.color = common->color, .show_source = true};
  cjm_diags_print(diags, first, stderr, &print);
  bool io_error = status == CJM_LOAD_IO_ERROR;
  for (size_t i = first; i < cjm_diags_count(diags); i++)
    io_error |= strcmp(cjm_diags_at(diags, i)->name, "io") == 0;
  cjm_model_free(model);
  cjm_program_free(program);
  return !io_error;
}

int cjm_cmd_check(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  const char **files = cjm_xcalloc((size_t)argc, sizeof *files);
  size_t file_count = 0;
  int status = CJM_EXIT_OK;
  bool options_done = false;
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
      files[file_count++] = arg;
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      options_done = true;
      continue;
    }
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      cjm_cli_print_help(stdout, "check");
      goto done;
    }
    cjm_cli_arg taken = cjm_cli_common_arg(&common, "check", argc, argv, &i);
    if (taken == CJM_ARG_BAD) {
      status = CJM_EXIT_USAGE;
      goto done;
    }
    if (taken == CJM_ARG_NOT_COMMON) {
      status = cjm_cli_usage_error("check", "unknown option '%s'", arg);
      goto done;
    }
  }
  if (file_count == 0) {
    status = cjm_cli_usage_error("check", "no file to check");
    goto done;
  }
  cjm_load_options options = cjm_cli_load_options(&common);
  bool io_ok = true;
  for (size_t i = 0; i < file_count; i++) io_ok &= check_one(files[i], &common, &options);
  cjm_print_options print = {.color = common.color};
  cjm_diags_print_dropped(common.diags, stderr, &print);
  if (!io_ok) status = CJM_EXIT_USAGE;
  else if (cjm_diags_errors(common.diags)) status = CJM_EXIT_ERRORS;
done:
  free(files);
  cjm_cli_common_free(&common);
  return status;
}
