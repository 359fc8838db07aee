/* checked — a journey read, resolved, checked and analysed (checked.h). */
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/core/check.h"
#include "runtime/core/checked.h"

/* Builds the model of a program loaded with status, checks it, and says
 * what its diagnostics from first on make of it. */
static cjm_checked_status check_loaded(cjm_checked_journey *journey, cjm_load_status status, size_t first,
                                       size_t errors_before, cjm_diags *diags) {
  journey->model = cjm_model_build(journey->program, diags);
  /* Warnings read the whole journey: after an error the model is partial
   * and they would only echo it. */
  bool clean = journey->model && cjm_diags_errors(diags) == errors_before;
  if (clean) {
    journey->analysis = cjm_analyse(journey->model);
    cjm_check_analysed(journey->model, journey->analysis, diags);
  }
  bool io_error = status == CJM_LOAD_IO_ERROR;
  for (size_t i = first; i < cjm_diags_count(diags); i++)
    io_error |= strcmp(cjm_diags_at(diags, i)->name, "io") == 0;
  if (io_error) return CJM_CHECKED_UNREADABLE;
  if (cjm_diags_errors(diags) != errors_before || !journey->model) return CJM_CHECKED_ERRORS;
  return CJM_CHECKED_OK;
}

cjm_checked_status cjm_checked_load(cjm_checked_journey *journey, const char *path, const cjm_load_options *options,
                                    cjm_diags *diags) {
  size_t first = cjm_diags_count(diags);
  size_t errors_before = cjm_diags_errors(diags);
  *journey = (cjm_checked_journey){.program = cjm_program_new()};
  cjm_load_status status = cjm_load_file(journey->program, path, options, diags);
  return check_loaded(journey, status, first, errors_before, diags);
}

cjm_checked_status cjm_checked_load_source(cjm_checked_journey *journey, cjm_source *source, const char *base_dir,
                                           const cjm_load_options *options, cjm_diags *diags) {
  size_t first = cjm_diags_count(diags);
  size_t errors_before = cjm_diags_errors(diags);
  *journey = (cjm_checked_journey){.program = cjm_program_new()};
  cjm_load_status status = cjm_load_source(journey->program, source, base_dir, options, diags);
  return check_loaded(journey, status, first, errors_before, diags);
}

void cjm_checked_print_diags(const cjm_checked_journey *journey, cjm_diags *diags, size_t first,
                             const cjm_source *root, FILE *out, const cjm_print_options *print) {
  /* In source order, whichever phase found them: by file in reading order,
   * then by position. */
  const cjm_program *program = journey->program;
  const cjm_source **order = cjm_xcalloc(program->file_count + 1, sizeof *order);
  for (size_t i = 0; i < program->file_count; i++) order[i] = program->files[i]->source;
  if (root && program->file_count) order[0] = root;
  cjm_diags_sort(diags, first, order, program->file_count);
  free(order);
  cjm_diags_print(diags, first, out, print);
}

void cjm_checked_free(cjm_checked_journey *journey) {
  cjm_analysis_free(journey->analysis);
  cjm_model_free(journey->model);
  cjm_program_free(journey->program);
  *journey = (cjm_checked_journey){0};
}
