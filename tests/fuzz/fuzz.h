/* fuzz — what the libFuzzer harnesses of tests/fuzz/ share: a journey
 * loaded from the fuzzer's bytes the way `cjm check` loads one (parse,
 * `use`, model, checks, analysis), its diagnostics printed where nobody
 * reads them, and a property check that aborts with a message, so that
 * libFuzzer records the input as a crash.
 *
 * Header-only (everything static inline), for the harnesses alone. A loaded
 * journey owns its program, diagnostics, model and analysis; free it
 * with fuzz_journey_free. `use` finds the standard library (CJM_STDLIB,
 * else the source tree's stdlib/) and nothing else: the journey's own
 * directory does not exist, so the fuzzer never reads files it made up. */
#ifndef CJM_TESTS_FUZZ_H
#define CJM_TESTS_FUZZ_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/diag.h"
#include "lang/source.h"
#include "runtime/core/analysis.h"
#include "runtime/core/check.h"
#include "runtime/core/loader.h"
#include "runtime/core/model.h"

/* The entry point libFuzzer calls with each input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts, naming the property, when it does not hold. */
#define FUZZ_ASSERT(cond, what)                                                             \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      fprintf(stderr, "fuzz: property failed at %s:%d: %s (%s)\n", __FILE__, __LINE__, what, \
              #cond);                                                                       \
      abort();                                                                              \
    }                                                                                       \
  } while (0)

/* A journey loaded from bytes. */
typedef struct fuzz_journey {
  cjm_program *program;
  cjm_diags *diags;
  cjm_model *model;       /* NULL when nothing could be loaded */
  cjm_analysis *analysis; /* NULL when the model has errors */
  bool clean;             /* no error at all (warnings allowed) */
} fuzz_journey;

/* Where diagnostics are printed: /dev/null, opened once. */
static inline FILE *fuzz_null(void) {
  static FILE *null;
  if (!null) null = fopen("/dev/null", "w");
  if (!null) abort();
  return null;
}

/* The standard library directory `use` searches. */
static inline const char *fuzz_stdlib(void) {
  const char *dir = getenv("CJM_STDLIB");
  return dir && *dir ? dir : CJM_SOURCE_DIR "/stdlib";
}

/* Loads data[0..size) as the journey file name: parses it, loads what it
 * uses, builds the model, and when it has no error analyses and checks
 * it (every warning on, -Wall -Wcx); prints the diagnostics to
 * /dev/null, as the CLI would to the terminal. */
static inline void fuzz_journey_load(fuzz_journey *j, const char *name, const uint8_t *data, size_t size) {
  *j = (fuzz_journey){.program = cjm_program_new(), .diags = cjm_diags_new()};
  cjm_diags_set_option(j->diags, "-Wall");
  cjm_diags_set_option(j->diags, "-Wcx");
  cjm_load_options options = {.stdlib_dir = fuzz_stdlib(), .limits = CJM_LIMITS_DEFAULT};
  cjm_source *src = cjm_source_from_memory(name, (const char *)data, size);
  cjm_load_source(j->program, src, "/nonexistent-fuzz-dir", &options, j->diags);
  j->model = cjm_model_build(j->program, j->diags);
  if (j->model && cjm_diags_errors(j->diags) == 0) {
    j->analysis = cjm_analyse(j->model);
    cjm_check_analysed(j->model, j->analysis, j->diags);
  }
  j->clean = j->model && j->analysis && cjm_diags_errors(j->diags) == 0;
  cjm_print_options print = {.color = size % 2 == 1, .show_source = true};
  cjm_diags_print(j->diags, 0, fuzz_null(), &print);
}

/* Frees what fuzz_journey_load made. */
static inline void fuzz_journey_free(fuzz_journey *j) {
  cjm_analysis_free(j->analysis);
  cjm_model_free(j->model);
  cjm_diags_free(j->diags);
  cjm_program_free(j->program);
  *j = (fuzz_journey){0};
}

#endif
