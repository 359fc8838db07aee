/* Unit tests for cjm_check: each warning (unused, empty-stage, coverage,
 * unreachable, sparse-feel) fires exactly where it should, never for
 * declarations of the standard library, and obeys -Wno-NAME and -Werror. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/tmpdir.h"

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/journey.h"

/* text as the file "c.cjm", built and checked with the warning options
 * given (NULL-ended). */
static journey *check_opts(const char *text, const char *const *options) {
  return journey_from_text(text, &(journey_options){.name = "c.cjm", .warnings = options, .check = true});
}

static journey *check_text(const char *text) { return check_opts(text, NULL); }

/* Asserts that c's diagnostics are exactly the n warnings of want, none
 * of them made an error by -Werror. */
static void expect_warnings(const journey *c, const want_diag *want, size_t n) {
  expect_diags(c->diags, want, n);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(diag_at(c->diags, i)->severity, CJM_WARNING);
    assert_false(diag_at(c->diags, i)->from_warning);
  }
}

/* ---- unused ---------------------------------------------------------------- */

static const char unused_src[] =
    "persona used_p\n"                        /* 1 */
    "persona idle_p\n"                        /* 2 */
    "channel used_c\n"                        /* 3 */
    "channel idle_c\n"                        /* 4 */
    "lane used_l\n"                           /* 5 */
    "lane idle_l\n"                           /* 6 */
    "metric used_m\n"                         /* 7 */
    "metric idle_m\n"                         /* 8 */
    "stage s\n"                               /* 9 */
    "  step a by used_p via used_c\n"         /* 10 */
    "    used_l \"x\"\n"                      /* 11 */
    "    measure used_m 1\n";                 /* 12 */

static void unused_declarations(void **state) {
  (void)state;
  static const char *const no_coverage[] = {"-Wno-coverage", NULL};
  journey *c = check_opts(unused_src, no_coverage);
  expect_warnings(c, ARRAY(want_diag, {"unused", 2, 9, "persona 'idle_p' is declared but never used"},
                           {"unused", 4, 9, "channel 'idle_c' is declared but never used"},
                           {"unused", 6, 6, "lane 'idle_l' is declared but never used"},
                           {"unused", 8, 8, "metric 'idle_m' is declared but never used"}));
  assert_int_equal(cjm_diags_warnings(c->diags), 4);
  assert_int_equal(cjm_diags_errors(c->diags), 0);
  /* Built-in lanes are never reported, used or not. */
  journey_free(c);
}

static void use_through_every_reference(void **state) {
  (void)state;
  journey *c = check_text("persona by_ref\n"
                          "persona for_ref\n"
                          "persona default_ref\n"
                          "lane mine\n"
                          "metric at_journey\n"
                          "journey \"J\"\n"
                          "  measure at_journey 1\n"
                          "stage s\n"
                          "  by by_ref, for_ref, default_ref\n"
                          "  step a by by_ref\n"
                          "  step b\n"
                          "    mine \"x\" for for_ref\n"
                          "    pain \"y\"\n");
  /* default_ref is used by the stage's `by`; by_ref, for_ref likewise. */
  expect_diag_count(c->diags, 0);
  journey_free(c);

  /* A persona named by nobody but spoken for by default is used. */
  c = check_text("persona p\npersona q\nstage s\n  step a\n    feel 1\n");
  expect_diag_count(c->diags, 0);
  journey_free(c);
}

/* ---- empty-stage ---------------------------------------------------------------- */

static void empty_stage(void **state) {
  (void)state;
  journey *c = check_text("stage empty_one \"E\"\n"
                          "stage with_entry\n"
                          "  pain \"x\"\n"
                          "stage with_via\n"
                          "  via web\n"
                          "stage with_step\n"
                          "  step a\n"
                          "channel web\n");
  expect_warnings(c, ARRAY(want_diag, {"empty-stage", 1, 7, "stage 'empty_one' has no step and no entry"}));
  journey_free(c);
}

/* ---- coverage -------------------------------------------------------------------- */

static const char coverage_src[] =
    "persona a\n"              /* 1 */
    "persona b\n"              /* 2 */
    "stage one\n"              /* 3 */
    "  step x by a\n"          /* 4 */
    "  step y by b\n"          /* 5 */
    "stage two\n"              /* 6 */
    "  step z by a\n"          /* 7 */
    "stage three\n"            /* 8 */
    "  pain \"p\" for b\n"     /* 9 */
    "  step w by a\n"          /* 10 */
    "stage four\n"             /* 11 */
    "  by b\n"                 /* 12 */
    "  step v\n"               /* 13 */
    "    feel 1 for a\n"       /* 14 */
    "stage five\n"             /* 15 */
    "  feel 1\n"               /* 16 */
    "stage six\n"              /* 17 */
    "  step u via web\n"       /* 18 */
    "channel web\n";           /* 19 */

static void coverage_of_personas_per_stage(void **state) {
  (void)state;
  journey *c = check_text(coverage_src);
  /* A stage where nobody appears (six) misses everyone. */
  /* In stage four, `for a` makes a appear, though a takes no part in its
     steps: that is a warning of its own. */
  expect_warnings(c, ARRAY(want_diag, {"coverage", 6, 7, "persona 'b' does not appear in stage 'two'"},
                           {"coverage", 17, 7, "persona 'a' does not appear in stage 'six'"},
                           {"coverage", 17, 7, "persona 'b' does not appear in stage 'six'"},
                           {"not-taking-part", 14, 5,
                            "a feel for 'a' in step 'v', which 'a' does not take part in"}));
  const cjm_diag *d = diag_at(c->diags, 0);
  assert_int_equal(d->note_count, 1);
  assert_non_null(strstr(d->notes[0].message, "add a step 'by b' or an entry 'for b'"));
  journey_free(c);
}

static void coverage_needs_several_personas(void **state) {
  (void)state;
  /* One persona: stage two names nobody, but there is nothing to compare. */
  journey *c = check_text("persona a\nstage one\n  step x via web\n    feel 1\n"
                          "stage two\n  step y via web\nchannel web\n");
  expect_diag_count(c->diags, 0);
  journey_free(c);
}

/* ---- unreachable -------------------------------------------------------------- */

static void unreachable_steps(void **state) {
  (void)state;
  journey *c = check_text("stage s\n"       /* 1 */
                          "  step a\n"      /* 2 */
                          "    next c\n"    /* 3 */
                          "  step b\n"      /* 4 */
                          "  step c\n"      /* 5 */
                          "    next a\n"    /* 6 */
                          "  step d\n");    /* 7 */
  expect_warnings(c, ARRAY(want_diag, {"unreachable", 4, 8, "step 'b' cannot be reached from the first step 'a'"},
                           {"unreachable", 7, 8, "step 'd' cannot be reached from the first step 'a'"}));
  const cjm_diag *d = diag_at(c->diags, 0);
  assert_int_equal(d->note_count, 1);
  assert_string_equal(d->notes[0].message,
                      "the step before it, 'a', has 'next' and continues only to the steps it names");
  assert_int_equal(d->notes[0].loc.line, 2);
  assert_int_equal(diag_at(c->diags, 1)->notes[0].loc.line, 5);
  journey_free(c);
}

static void branches_and_loops_are_reachable(void **state) {
  (void)state;
  journey *c = check_text("stage s\n"
                          "  step a\n"
                          "    next b, c\n"
                          "  step b\n"
                          "    next d\n"
                          "  step c\n"
                          "stage t\n"
                          "  step d\n"
                          "    next a, e\n"
                          "  step e\n");
  expect_diag_count(c->diags, 0);
  journey_free(c);
}

static void unreachable_without_next_before_it(void **state) {
  (void)state;
  /* b2 follows b, which has no `next`: no note about the step before it. */
  journey *c = check_text("stage s\n  step a\n    next c\n  step b\n  step b2\n  step c\n");
  expect_warnings(c, ARRAY(want_diag, {"unreachable", 4, 8, "step 'b' cannot be reached from the first step 'a'"},
                           {"unreachable", 5, 8, "step 'b2' cannot be reached from the first step 'a'"}));
  assert_int_equal(diag_at(c->diags, 0)->note_count, 1);
  assert_int_equal(diag_at(c->diags, 1)->note_count, 0);
  journey_free(c);
}

/* ---- sparse-feel ---------------------------------------------------------------- */

static void sparse_feel(void **state) {
  (void)state;
  journey *c = check_text("stage half\n"    /* 1 */
                          "  step a\n"      /* 2 */
                          "    feel 1\n"    /* 3 */
                          "  step b\n"      /* 4 */
                          "  step c\n"      /* 5 */
                          "stage full\n"    /* 6 */
                          "  step d\n"      /* 7 */
                          "    feel 1\n"    /* 8 */
                          "stage none\n"    /* 9 */
                          "  step e\n"      /* 10 */
                          "  step f\n");    /* 11 */
  expect_warnings(c, ARRAY(want_diag,
      {"sparse-feel", 1, 7, "in stage 'half', 2 of 3 steps have no 'feel'; the emotion curve will have gaps"}));
  const cjm_diag *d = diag_at(c->diags, 0);
  assert_int_equal(d->note_count, 2);
  assert_string_equal(d->notes[0].message, "step 'b' has no 'feel'");
  assert_int_equal(d->notes[0].loc.line, 4);
  assert_string_equal(d->notes[1].message, "step 'c' has no 'feel'");
  assert_int_equal(d->notes[1].loc.line, 5);
  journey_free(c);
}

static void sparse_feel_shows_at_most_five_steps(void **state) {
  (void)state;
  journey *c = check_text("stage s\n  step a\n    feel 1\n  step b\n  step c\n  step d\n  step e\n  step f\n  step g\n");
  expect_warnings(c, ARRAY(want_diag,
      {"sparse-feel", 1, 7, "in stage 's', 6 of 7 steps have no 'feel'; the emotion curve will have gaps"}));
  assert_int_equal(diag_at(c->diags, 0)->note_count, 5);
  journey_free(c);
}

/* ---- options ------------------------------------------------------------------ */

/* One journey that triggers every warning once. */
static const char every_warning[] =
    "persona a\n"            /* 1 */
    "persona b\n"            /* 2 */
    "channel idle\n"         /* 3: unused */
    "stage empty\n"          /* 4: empty-stage */
    "stage s\n"              /* 5: sparse-feel */
    "  step x by a\n"        /* 6 */
    "    feel 1\n"           /* 7 */
    "    next x\n"           /* 8 */
    "  step y by b\n"        /* 9: unreachable */
    "stage t\n"              /* 10: coverage (b) */
    "  step z by a\n"        /* 11: unreachable */
    "    feel 1\n";          /* 12 */

/* How many of each warning of the reference every_warning triggers, in
 * cjm_warning_names() order: unused, empty-stage, coverage, unreachable,
 * sparse-feel. */
static const size_t every_warning_counts[] = {1, 1, 1, 2, 1};

static void every_warning_once(void **state) {
  (void)state;
  journey *c = check_text(every_warning);
  expect_diag_count(c->diags, 6);
  const char *const *names = cjm_warning_names();
  for (size_t i = 0; i < 5; i++) assert_int_equal(diags_count_named(c->diags, names[i]), every_warning_counts[i]);
  assert_int_equal(cjm_diags_warnings(c->diags), 6);
  assert_int_equal(cjm_diags_errors(c->diags), 0);
  journey_free(c);
}

static void each_warning_can_be_switched_off(void **state) {
  (void)state;
  const char *const *names = cjm_warning_names();
  for (size_t i = 0; i < 5; i++) { /* the warnings of the reference, on by default */
    char option[64];
    snprintf(option, sizeof option, "-Wno-%s", names[i]);
    const char *const options[] = {option, NULL};
    journey *c = check_opts(every_warning, options);
    assert_int_equal(diags_count_named(c->diags, names[i]), 0);
    assert_int_equal(cjm_diags_count(c->diags), 6 - every_warning_counts[i]);
    journey_free(c);
  }
}

static void werror_makes_every_warning_an_error(void **state) {
  (void)state;
  static const char *const options[] = {"-Werror", NULL};
  journey *c = check_opts(every_warning, options);
  expect_diag_count(c->diags, 6);
  for (size_t i = 0; i < 6; i++) {
    const cjm_diag *d = cjm_diags_at(c->diags, i);
    assert_int_equal(d->severity, CJM_ERROR);
    assert_true(d->from_warning);
  }
  assert_int_equal(cjm_diags_errors(c->diags), 6);
  assert_int_equal(cjm_diags_warnings(c->diags), 0);
  journey_free(c);
}

static void werror_for_one_warning(void **state) {
  (void)state;
  static const char *const options[] = {"-Werror=unreachable", "-Wno-sparse-feel", NULL};
  journey *c = check_opts(every_warning, options);
  expect_diag_count(c->diags, 5);
  assert_int_equal(cjm_diags_errors(c->diags), 2);
  assert_int_equal(cjm_diags_warnings(c->diags), 3);
  for (size_t i = 0; i < 5; i++) {
    const cjm_diag *d = cjm_diags_at(c->diags, i);
    bool promoted = strcmp(d->name, "unreachable") == 0;
    assert_int_equal(d->severity, promoted ? CJM_ERROR : CJM_WARNING);
    assert_int_equal(d->from_warning, promoted);
  }
  journey_free(c);
}

/* ---- the standard library -------------------------------------------------------- */

static char tmp_root[] = "/tmp/cjm-test-checks-XXXXXX";

static void write_file(const char *dir, const char *name, const char *text) {
  assert_true(tmpdir_write(dir, name, text));
}

/* Makes the directory tmp_root/name and writes its path to dir. */
static void make_dir(char dir[PATH_MAX], const char *name) {
  snprintf(dir, PATH_MAX, "%s/%s", tmp_root, name);
  assert_int_equal(mkdir(dir, 0755), 0);
}

static int setup(void **state) {
  (void)state;
  return mkdtemp(tmp_root) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  leftovers_free(state);
  return tmpdir_remove(tmp_root);
}

/* A module of declarations nobody uses, with unreachable steps. */
static const char idle_module[] =
    "channel fax\n"
    "lane evidence\n"
    "metric dwell\n"
    "stage idle\n"
    "stage flow\n"
    "  step x1\n"
    "  step x2\n";

/* Checks root/main.cjm, which uses "idle", with the given stdlib dir. */
static journey *check_with_module(const char *root, const char *stdlib_dir) {
  char main_path[PATH_MAX + 16];
  snprintf(main_path, sizeof main_path, "%s/main.cjm", root);
  return journey_from_file(main_path, &(journey_options){.stdlib_dir = stdlib_dir, .check = true});
}

/* The user's journey: its own stage comes first, so the module's steps
 * come after the first step, and `next a` leaves them unreached. */
static const char user_main[] =
    "stage mine\n"
    "  step a\n"
    "    next a\n"
    "use \"idle\"\n";

static void stdlib_declarations_are_not_reported(void **state) {
  (void)state;
  char lib[PATH_MAX], root[PATH_MAX];
  make_dir(lib, "lib");
  make_dir(root, "root");
  write_file(lib, "idle.cjm", idle_module);
  write_file(root, "main.cjm", user_main);
  journey *c = check_with_module(root, lib);
  assert_true(c->program->files[1]->from_stdlib);
  assert_true(c->model->stages[1]->decl.from_stdlib);
  expect_diag_count(c->diags, 0);
  journey_free(c);
}

static void same_declarations_in_the_map_are_reported(void **state) {
  (void)state;
  char root[PATH_MAX];
  make_dir(root, "own");
  write_file(root, "idle.cjm", idle_module);
  write_file(root, "main.cjm", user_main);
  journey *c = check_with_module(root, NULL);
  assert_false(c->program->files[1]->from_stdlib);
  expect_diag_count(c->diags, 6);
  assert_int_equal(diags_count_named(c->diags, "unused"), 3);
  assert_int_equal(diags_count_named(c->diags, "empty-stage"), 1);
  assert_int_equal(diags_count_named(c->diags, "unreachable"), 2);
  journey_free(c);
}

static void reopened_stdlib_stage_is_checked_at_the_map(void **state) {
  (void)state;
  /* An empty stdlib stage reopened by the map with steps: the map's steps
   * are checked, and the warning points at the map's `stage` line. */
  char lib[PATH_MAX], root[PATH_MAX];
  make_dir(lib, "lib2");
  make_dir(root, "root2");
  write_file(lib, "frame.cjm", "stage buy \"Buy\"\nstage loyal\n");
  write_file(root, "main.cjm", "use \"frame\"\nstage buy\n  step a\n    feel 1\n  step b\n");
  journey *c = check_with_module(root, lib);
  /* loyal is empty but from the stdlib: not reported. */
  expect_warnings(c, ARRAY(want_diag,
      {"sparse-feel", 2, 7, "in stage 'buy', 1 of 2 steps have no 'feel'; the emotion curve will have gaps"}));
  assert_non_null(strstr(diag_at(c->diags, 0)->loc.source->path, "main.cjm"));
  journey_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(unused_declarations),
      cmocka_unit_test(use_through_every_reference),
      cmocka_unit_test(empty_stage),
      cmocka_unit_test(coverage_of_personas_per_stage),
      cmocka_unit_test(coverage_needs_several_personas),
      cmocka_unit_test(unreachable_steps),
      cmocka_unit_test(branches_and_loops_are_reachable),
      cmocka_unit_test(unreachable_without_next_before_it),
      cmocka_unit_test(sparse_feel),
      cmocka_unit_test(sparse_feel_shows_at_most_five_steps),
      cmocka_unit_test(every_warning_once),
      cmocka_unit_test(each_warning_can_be_switched_off),
      cmocka_unit_test(werror_makes_every_warning_an_error),
      cmocka_unit_test(werror_for_one_warning),
      cmocka_unit_test(stdlib_declarations_are_not_reported),
      cmocka_unit_test(same_declarations_in_the_map_are_reported),
      cmocka_unit_test(reopened_stdlib_stage_is_checked_at_the_map),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
