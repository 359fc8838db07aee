/* journey — a journey loaded for a unit test, from text in memory or from
 * a file: its program, diagnostics, model and, when it is free of errors,
 * its analysis.
 *
 * Unless the test expects errors, any diagnostic from loading or building
 * the model fails the test, listing them. The test owns the journey and
 * frees it with journey_free; until then it is on the leftovers list
 * (tests/leftovers.h). Header-only, for tests (include cmocka.h first);
 * everything is static inline. */
#ifndef CJM_TESTS_JOURNEY_H
#define CJM_TESTS_JOURNEY_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/core/analysis.h"
#include "runtime/core/check.h"
#include "runtime/core/loader.h"
#include "runtime/core/model.h"
#include "tests/diag_expect.h"
#include "tests/leftovers.h"

typedef struct journey {
  leftover link;          /* on the leftovers list until freed */
  cjm_program *program;   /* the files read */
  cjm_diags *diags;       /* everything reported */
  cjm_model *model;       /* the resolved journey */
  cjm_analysis *analysis; /* NULL when the journey has errors */
} journey;

/* How to load a journey; all zero is a clean journey from "t.cjm". */
typedef struct journey_options {
  const char *name;            /* the file name of a text (default "t.cjm") */
  const char *stdlib_dir;      /* the standard library directory, or NULL */
  const char *const *warnings; /* -W options, NULL-ended, or NULL */
  bool errors;                 /* errors are what the test looks at: all kept, none a failure */
  bool check;                  /* run the checks (cjm_check) after the model build */
} journey_options;

static inline void journey_free(void *object) {
  journey *j = object;
  leftover_remove(&j->link);
  cjm_analysis_free(j->analysis);
  cjm_model_free(j->model);
  cjm_diags_free(j->diags);
  cjm_program_free(j->program);
  free(j);
}

/* Loading with no options: a clean journey from "t.cjm". */
static const journey_options journey_defaults = {0};

/* A journey with its program and diagnostics, options applied, nothing
 * loaded yet. */
static inline journey *journey_new(const journey_options *o) {
  journey *j = calloc(1, sizeof *j);
  assert_non_null(j);
  leftover_add(&j->link, journey_free);
  j->program = cjm_program_new();
  j->diags = cjm_diags_new();
  if (o->errors) cjm_diags_set_max_errors(j->diags, 0);
  for (const char *const *w = o->warnings; w && *w; w++) assert_true(cjm_diags_set_option(j->diags, *w));
  return j;
}

static inline cjm_load_options journey_load_options(const journey_options *o) {
  return (cjm_load_options){.stdlib_dir = o->stdlib_dir, .limits = CJM_LIMITS_DEFAULT};
}

/* Builds the model of what j loaded (status), checks and analyses it. */
static inline journey *journey_finish(journey *j, cjm_load_status status, const journey_options *o) {
  assert_int_equal(status, CJM_LOAD_OK);
  j->model = cjm_model_build(j->program, j->diags);
  assert_non_null(j->model);
  if (!o->errors) expect_no_diags(j->diags);
  if (o->check) cjm_check(j->model, j->diags);
  if (cjm_diags_errors(j->diags) == 0) j->analysis = cjm_analyse(j->model);
  return j;
}

/* The journey written in text[0..len), `use` resolved against "."; o may
 * be NULL. */
static inline journey *journey_from_text_n(const char *text, size_t len, const journey_options *o) {
  if (!o) o = &journey_defaults;
  journey *j = journey_new(o);
  cjm_source *src = cjm_source_from_memory(o->name ? o->name : "t.cjm", text, len);
  cjm_load_options load = journey_load_options(o);
  return journey_finish(j, cjm_load_source(j->program, src, ".", &load, j->diags), o);
}

static inline journey *journey_from_text(const char *text, const journey_options *o) {
  return journey_from_text_n(text, strlen(text), o);
}

/* The journey in the file at path; o may be NULL. */
static inline journey *journey_from_file(const char *path, const journey_options *o) {
  if (!o) o = &journey_defaults;
  journey *j = journey_new(o);
  cjm_load_options load = journey_load_options(o);
  return journey_finish(j, cjm_load_file(j->program, path, &load, j->diags), o);
}

/* The persona declared as id, failing the test when there is none. */
static inline const cjm_persona *journey_persona(const journey *j, const char *id) {
  for (size_t i = 0; i < j->model->persona_count; i++)
    if (strcmp(j->model->personas[i]->decl.id, id) == 0) return j->model->personas[i];
  fail_msg("no persona %s", id);
  return NULL;
}

#endif
