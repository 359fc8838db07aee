/* Unit tests for the semantic diff (diff.h) on small pairs of journeys:
 * things matched by identifier (a relabel is a change), steps moved or
 * inserted (an insertion moves nothing), feels, measures and the
 * experience summary, and a diff seen by one persona. The diff of every
 * file of the tree against its formatted self is in test_format.c; the
 * diff's outputs are pinned by the golden files of tests/golden/diff/. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lang/diag.h"
#include "lang/source.h"
#include "runtime/core/analysis.h"
#include "runtime/core/loader.h"
#include "runtime/core/model.h"
#include "runtime/review/diff.h"
#include "runtime/review/diff_output.h"

/* ---- helpers -------------------------------------------------------------------------- */

/* A journey loaded from text as if it were the file at path (no directory),
 * its model built and analysed. */
typedef struct loaded {
  cjm_program *program;
  cjm_diags *diags;
  cjm_model *model;
  cjm_analysis *analysis;
} loaded;

/* Loads text, which must check without errors. */
static void load(loaded *l, const char *path, const char *text) {
  *l = (loaded){.program = cjm_program_new(), .diags = cjm_diags_new()};
  cjm_load_options options = {.limits = CJM_LIMITS_DEFAULT};
  cjm_load_source(l->program, cjm_source_from_memory(path, text, strlen(text)), ".", &options, l->diags);
  l->model = cjm_model_build(l->program, l->diags);
  assert_non_null(l->model);
  assert_int_equal(cjm_diags_errors(l->diags), 0);
  l->analysis = cjm_analyse(l->model);
}

static void unload(loaded *l) {
  cjm_analysis_free(l->analysis);
  cjm_model_free(l->model);
  cjm_program_free(l->program);
  cjm_diags_free(l->diags);
}

/* Two journeys and their diff. */
typedef struct pair {
  loaded old, new;
  cjm_diff *diff;
} pair;

/* Diffs old against new, as seen by persona (NULL: by everyone). */
static void compare(pair *p, const char *old, const char *new, const char *persona) {
  load(&p->old, "old.cjm", old);
  load(&p->new, "new.cjm", new);
  cjm_diff_side o = {"old.cjm", p->old.model, p->old.analysis, p->old.program->names};
  cjm_diff_side n = {"new.cjm", p->new.model, p->new.analysis, p->new.program->names};
  cjm_diff_options options = {.persona = persona};
  p->diff = cjm_diff_compute(&o, &n, &options);
}

/* Frees the diff and both journeys. */
static void release(pair *p) {
  cjm_diff_free(p->diff);
  unload(&p->old);
  unload(&p->new);
}

/* The diff as `cjm diff -T text` prints it (malloc'd). */
static char *as_text(const cjm_diff *diff) {
  cjm_strbuf out = {0};
  cjm_diff_print_options options = {0};
  cjm_diff_write_text(diff, &options, &out);
  return out.data ? out.data : calloc(1, 1);
}

/* ---- the diff ------------------------------------------------------------------------------------ */

static void diff_relabel_is_a_change(void **state) {
  (void)state;
  pair p;
  compare(&p, "persona p \"Old\"\nstage s\n  step a by p\n", "persona p \"New\"\nstage s\n  step a by p\n", NULL);
  assert_int_equal(p.diff->thing_count, 1);
  assert_int_equal(p.diff->things[0]->op, CJM_DIFF_CHANGED);
  assert_true(p.diff->things[0]->label_changed);
  assert_int_equal(p.diff->stage_count, 0);
  release(&p);
}

static void diff_insert_moves_nothing(void **state) {
  (void)state;
  pair p;
  compare(&p, "stage s\n  step a\n  step b\n  step c\n", "stage s\n  step a\n  step x\n  step b\n  step c\n", NULL);
  assert_int_equal(p.diff->stage_count, 1);
  assert_int_equal(p.diff->stages[0].step_count, 1);
  assert_int_equal(p.diff->stages[0].steps[0]->op, CJM_DIFF_ADDED);
  release(&p);

  /* c moved to the front: only c is moved. */
  compare(&p, "stage s\n  step a\n  step b\n  step c\nstage t\n  step d\n",
          "stage s\n  step c\n  step a\n  step b\n  step d\nstage t\n", NULL);
  char *text = as_text(p.diff);
  assert_string_equal(text, "  stage s\n"
                            "  > step c (moved to the start of its stage)\n"
                            "  > step d (moved from stage t)\n");
  free(text);
  release(&p);
}

static void diff_feels_and_summary(void **state) {
  (void)state;
  pair p;
  compare(&p,
          "persona a\npersona b\nmetric m\n  target 3\n  better higher\n"
          "stage s by a, b\n  step x\n    feel +1 \"ok\" for a\n    feel -1 for b\n    measure m 2\n"
          "    pain \"slow\" for a\n",
          "persona a\npersona b\nmetric m\n  target 3\n  better higher\n"
          "stage s by a, b\n  step x\n    feel -1 \"meh\" for a\n    feel -1 for b\n    measure m 4\n"
          "    pain \"slower\" for a\n",
          NULL);
  char *text = as_text(p.diff);
  assert_string_equal(text, "  stage s\n"
                            "  ~ step x\n"
                            "      ~ feel a +1 \"ok\" → -1 \"meh\" (-2)\n"
                            "      + pain \"slower\" for a\n"
                            "      - pain \"slow\" for a\n"
                            "      ~ measure m 2 → 4 (target 3: missed → met)\n"
                            "experience: mean feel, old → new\n"
                            "  stage    all     a        b\n"
                            "  s        0 → -1  +1 → -1  -1\n"
                            "  overall  0 → -1  +1 → -1  -1\n");
  free(text);
  release(&p);

  /* --persona b: nothing changed for b. */
  compare(&p, "persona a\npersona b\nstage s\n  step x\n    feel 1 for a\n    feel 1 for b\n",
          "persona a\npersona b\nstage s\n  step x\n    feel -1 for a\n    feel 1 for b\n", "b");
  assert_true(cjm_diff_identical(p.diff));
  release(&p);
}


int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(diff_relabel_is_a_change),
      cmocka_unit_test(diff_insert_moves_nothing),
      cmocka_unit_test(diff_feels_and_summary),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
