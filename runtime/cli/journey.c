/* journey — loading a journey for a command, the same way for all of them:
 * read, resolve, check, print the diagnostics, analyse when clean. */
#include <string.h>
#include <unistd.h>

#include "runtime/check.h"
#include "runtime/cli/cli.h"

int cjm_cli_journey_load(cjm_cli_journey *journey, const char *path, const cjm_cli_common *common) {
  cjm_diags *diags = common->diags;
  size_t first = cjm_diags_count(diags);
  size_t errors_before = cjm_diags_errors(diags);
  cjm_load_options options = cjm_cli_load_options(common);
  *journey = (cjm_cli_journey){.program = cjm_program_new()};
  cjm_load_status status = cjm_load_file(journey->program, path, &options, diags);
  journey->model = cjm_model_build(journey->program, diags);
  /* Warnings read the whole journey: after an error the model is partial
   * and they would only echo it. */
  bool clean = journey->model && cjm_diags_errors(diags) == errors_before;
  if (clean) {
    journey->analysis = cjm_analyse(journey->model);
    cjm_check_analysed(journey->model, journey->analysis, diags);
  }
  cjm_print_options print = {.color = common->color, .show_source = true};
  cjm_diags_print(diags, first, stderr, &print);

  bool io_error = status == CJM_LOAD_IO_ERROR;
  for (size_t i = first; i < cjm_diags_count(diags); i++)
    io_error |= strcmp(cjm_diags_at(diags, i)->name, "io") == 0;
  if (io_error) return CJM_EXIT_USAGE;
  if (cjm_diags_errors(diags) != errors_before || !journey->model) return CJM_EXIT_ERRORS;
  return CJM_EXIT_OK;
}

void cjm_cli_journey_free(cjm_cli_journey *journey) {
  cjm_analysis_free(journey->analysis);
  cjm_model_free(journey->model);
  cjm_program_free(journey->program);
  *journey = (cjm_cli_journey){0};
}

int cjm_cli_emit(const cjm_cli_common *common, const cjm_cli_journey *journey, cjm_render_fn render,
                 cjm_render_options *options, bool width_given, const char *path, const char *command) {
  options->color = cjm_cli_output_color(common, path);
  if (!width_given && strcmp(path, "-") == 0 && isatty(STDOUT_FILENO))
    options->width = cjm_cli_terminal_width(STDOUT_FILENO);
  cjm_output out = {0};
  size_t first = cjm_diags_count(common->diags);
  bool ok = render(journey->model, journey->analysis, options, &out, common->diags);
  cjm_print_options print = {.color = common->color, .show_source = true};
  cjm_diags_print(common->diags, first, stderr, &print);
  int status = ok ? CJM_EXIT_OK : CJM_EXIT_ERRORS;
  const char *error = NULL;
  if (ok && !cjm_output_commit(&out, path, &error)) {
    fprintf(stderr, "cjm %s: cannot write %s: %s\n", command, path, error);
    status = CJM_EXIT_USAGE;
  }
  cjm_output_free(&out);
  return status;
}
