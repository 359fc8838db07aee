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

#include "runtime/check.h"
#include "runtime/loader.h"
#include "runtime/model.h"

#define LIT_LEN(s) (sizeof(s) - 1)

/* A checked program: its diagnostics, and how many the model build gave. */
typedef struct checked {
  cjm_program *program;
  cjm_diags *diags;
  cjm_model *model;
  size_t model_diags; /* diagnostics before cjm_check */
  struct checked *next_live; /* the list of runs not yet freed */
} checked;

/* Runs not yet freed, freed by the group teardown after a failure. */
static checked *live;

/* Allocates a run and puts it on the live list. */
static checked *checked_new(void) {
  checked *c = calloc(1, sizeof *c);
  assert_non_null(c);
  c->next_live = live;
  live = c;
  c->program = cjm_program_new();
  c->diags = cjm_diags_new();
  return c;
}

/* Applies the NULL-terminated warning options to diags. */
static void apply_options(cjm_diags *diags, const char *const *options) {
  for (; options && *options; options++) assert_true(cjm_diags_set_option(diags, *options));
}

static void build_and_check(checked *c) {
  c->model = cjm_model_build(c->program, c->diags);
  assert_non_null(c->model);
  c->model_diags = cjm_diags_count(c->diags);
  for (size_t i = 0; i < c->model_diags; i++)
    fail_msg("model error: %s [%s]", cjm_diags_at(c->diags, i)->message, cjm_diags_at(c->diags, i)->name);
  cjm_check(c->model, c->diags);
}

/* Loads text as a memory file "c.cjm", builds and checks it. */
static checked *check_opts(const char *text, const char *const *options) {
  checked *c = checked_new();
  apply_options(c->diags, options);
  cjm_source *src = cjm_source_from_memory("c.cjm", text, strlen(text));
  cjm_load_options o = {.limits = CJM_LIMITS_DEFAULT};
  cjm_load_source(c->program, src, ".", &o, c->diags);
  build_and_check(c);
  return c;
}

static checked *check_text(const char *text) { return check_opts(text, NULL); }

static void checked_free(checked *c) {
  for (checked **p = &live; *p; p = &(*p)->next_live)
    if (*p == c) {
      *p = c->next_live;
      break;
    }
  cjm_model_free(c->model);
  cjm_diags_free(c->diags);
  cjm_program_free(c->program);
  free(c);
}

/* The number of warnings (of any severity) called name. */
static size_t count_named(const checked *c, const char *name) {
  size_t n = 0;
  for (size_t i = 0; i < cjm_diags_count(c->diags); i++)
    n += strcmp(cjm_diags_at(c->diags, i)->name, name) == 0;
  return n;
}

static void expect_count(const checked *c, size_t n) {
  if (cjm_diags_count(c->diags) != n) {
    for (size_t i = 0; i < cjm_diags_count(c->diags); i++) {
      const cjm_diag *d = cjm_diags_at(c->diags, i);
      print_message("  %u:%u: %s [%s]\n", d->loc.line, d->loc.col, d->message, d->name);
    }
    fail_msg("%zu diagnostics, expected %zu", cjm_diags_count(c->diags), n);
  }
}

/* Asserts the i-th diagnostic: a warning with this name, place and message. */
static const cjm_diag *expect_warning(const checked *c, size_t i, const char *name, uint32_t line,
                                      uint32_t col, const char *message) {
  assert_true(i < cjm_diags_count(c->diags));
  const cjm_diag *d = cjm_diags_at(c->diags, i);
  assert_string_equal(d->name, name);
  assert_int_equal(d->severity, CJM_WARNING);
  assert_false(d->from_warning);
  assert_string_equal(d->message, message);
  assert_int_equal(d->loc.line, line);
  assert_int_equal(d->loc.col, col);
  return d;
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
  checked *c = check_opts(unused_src, no_coverage);
  expect_count(c, 4);
  expect_warning(c, 0, "unused", 2, 9, "persona 'idle_p' is declared but never used");
  expect_warning(c, 1, "unused", 4, 9, "channel 'idle_c' is declared but never used");
  expect_warning(c, 2, "unused", 6, 6, "lane 'idle_l' is declared but never used");
  expect_warning(c, 3, "unused", 8, 8, "metric 'idle_m' is declared but never used");
  assert_int_equal(cjm_diags_warnings(c->diags), 4);
  assert_int_equal(cjm_diags_errors(c->diags), 0);
  /* Built-in lanes are never reported, used or not. */
  checked_free(c);
}

static void use_through_every_reference(void **state) {
  (void)state;
  checked *c = check_text("persona by_ref\n"
                          "persona for_ref\n"
                          "persona default_ref\n"
                          "lane mine\n"
                          "metric at_journey\n"
                          "journey \"J\"\n"
                          "  measure at_journey 1\n"
                          "stage s\n"
                          "  by by_ref, for_ref, default_ref\n"
                          "  step a by by_ref\n"
                          "    mine \"x\" for for_ref\n"
                          "  step b\n"
                          "    pain \"y\"\n");
  /* default_ref is used by the stage's `by`; by_ref, for_ref likewise. */
  expect_count(c, 0);
  checked_free(c);

  /* A persona named by nobody but spoken for by default is used. */
  c = check_text("persona p\npersona q\nstage s\n  step a\n    feel 1\n");
  expect_count(c, 0);
  checked_free(c);
}

/* ---- empty-stage ---------------------------------------------------------------- */

static void empty_stage(void **state) {
  (void)state;
  checked *c = check_text("stage empty_one \"E\"\n"
                          "stage with_entry\n"
                          "  pain \"x\"\n"
                          "stage with_via\n"
                          "  via web\n"
                          "stage with_step\n"
                          "  step a\n"
                          "channel web\n");
  expect_count(c, 1);
  expect_warning(c, 0, "empty-stage", 1, 7, "stage 'empty_one' has no step and no entry");
  checked_free(c);
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
  checked *c = check_text(coverage_src);
  expect_count(c, 3);
  const cjm_diag *d = expect_warning(c, 0, "coverage", 6, 7, "persona 'b' does not appear in stage 'two'");
  assert_int_equal(d->note_count, 1);
  assert_non_null(strstr(d->notes[0].message, "add a step 'by b' or an entry 'for b'"));
  /* A stage where nobody appears misses everyone. */
  expect_warning(c, 1, "coverage", 17, 7, "persona 'a' does not appear in stage 'six'");
  expect_warning(c, 2, "coverage", 17, 7, "persona 'b' does not appear in stage 'six'");
  checked_free(c);
}

static void coverage_needs_several_personas(void **state) {
  (void)state;
  /* One persona: stage two names nobody, but there is nothing to compare. */
  checked *c = check_text("persona a\nstage one\n  step x via web\n    feel 1\n"
                          "stage two\n  step y via web\nchannel web\n");
  expect_count(c, 0);
  checked_free(c);
}

/* ---- unreachable -------------------------------------------------------------- */

static void unreachable_steps(void **state) {
  (void)state;
  checked *c = check_text("stage s\n"       /* 1 */
                          "  step a\n"      /* 2 */
                          "    next c\n"    /* 3 */
                          "  step b\n"      /* 4 */
                          "  step c\n"      /* 5 */
                          "    next a\n"    /* 6 */
                          "  step d\n");    /* 7 */
  expect_count(c, 2);
  const cjm_diag *d = expect_warning(c, 0, "unreachable", 4, 8, "step 'b' cannot be reached from the first step 'a'");
  assert_int_equal(d->note_count, 1);
  assert_string_equal(d->notes[0].message,
                      "the step before it, 'a', has 'next' and continues only to the steps it names");
  assert_int_equal(d->notes[0].loc.line, 2);
  d = expect_warning(c, 1, "unreachable", 7, 8, "step 'd' cannot be reached from the first step 'a'");
  assert_int_equal(d->notes[0].loc.line, 5);
  checked_free(c);
}

static void branches_and_loops_are_reachable(void **state) {
  (void)state;
  checked *c = check_text("stage s\n"
                          "  step a\n"
                          "    next b, c\n"
                          "  step b\n"
                          "    next d\n"
                          "  step c\n"
                          "stage t\n"
                          "  step d\n"
                          "    next a, e\n"
                          "  step e\n");
  expect_count(c, 0);
  checked_free(c);
}

static void unreachable_without_next_before_it(void **state) {
  (void)state;
  /* b2 follows b, which has no `next`: no note about the step before it. */
  checked *c = check_text("stage s\n  step a\n    next c\n  step b\n  step b2\n  step c\n");
  expect_count(c, 2);
  const cjm_diag *d = expect_warning(c, 0, "unreachable", 4, 8, "step 'b' cannot be reached from the first step 'a'");
  assert_int_equal(d->note_count, 1);
  d = expect_warning(c, 1, "unreachable", 5, 8, "step 'b2' cannot be reached from the first step 'a'");
  assert_int_equal(d->note_count, 0);
  checked_free(c);
}

/* ---- sparse-feel ---------------------------------------------------------------- */

static void sparse_feel(void **state) {
  (void)state;
  checked *c = check_text("stage half\n"    /* 1 */
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
  expect_count(c, 1);
  const cjm_diag *d = expect_warning(c, 0, "sparse-feel", 1, 7,
                                     "in stage 'half', 2 of 3 steps have no 'feel'; the emotion curve will have gaps");
  assert_int_equal(d->note_count, 2);
  assert_string_equal(d->notes[0].message, "step 'b' has no 'feel'");
  assert_int_equal(d->notes[0].loc.line, 4);
  assert_string_equal(d->notes[1].message, "step 'c' has no 'feel'");
  assert_int_equal(d->notes[1].loc.line, 5);
  checked_free(c);
}

static void sparse_feel_shows_at_most_five_steps(void **state) {
  (void)state;
  checked *c = check_text("stage s\n  step a\n    feel 1\n  step b\n  step c\n  step d\n  step e\n  step f\n  step g\n");
  expect_count(c, 1);
  const cjm_diag *d = cjm_diags_at(c->diags, 0);
  assert_string_equal(d->message, "in stage 's', 6 of 7 steps have no 'feel'; the emotion curve will have gaps");
  assert_int_equal(d->note_count, 5);
  checked_free(c);
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

static void every_warning_once(void **state) {
  (void)state;
  checked *c = check_text(every_warning);
  expect_count(c, 6);
  assert_int_equal(count_named(c, "unused"), 1);
  assert_int_equal(count_named(c, "empty-stage"), 1);
  assert_int_equal(count_named(c, "coverage"), 1);
  assert_int_equal(count_named(c, "unreachable"), 2);
  assert_int_equal(count_named(c, "sparse-feel"), 1);
  assert_int_equal(cjm_diags_warnings(c->diags), 6);
  assert_int_equal(cjm_diags_errors(c->diags), 0);
  checked_free(c);
}

static void each_warning_can_be_switched_off(void **state) {
  (void)state;
  static const size_t counts[] = {1, 1, 1, 2, 1}; /* in cjm_warning_names() order */
  const char *const *names = cjm_warning_names();
  for (size_t i = 0; i < 5; i++) { /* the warnings of the reference, on by default */
    char option[64];
    snprintf(option, sizeof option, "-Wno-%s", names[i]);
    const char *const options[] = {option, NULL};
    checked *c = check_opts(every_warning, options);
    assert_int_equal(count_named(c, names[i]), 0);
    assert_int_equal(cjm_diags_count(c->diags), 6 - counts[i]);
    checked_free(c);
  }
}

static void werror_makes_every_warning_an_error(void **state) {
  (void)state;
  static const char *const options[] = {"-Werror", NULL};
  checked *c = check_opts(every_warning, options);
  expect_count(c, 6);
  for (size_t i = 0; i < 6; i++) {
    const cjm_diag *d = cjm_diags_at(c->diags, i);
    assert_int_equal(d->severity, CJM_ERROR);
    assert_true(d->from_warning);
  }
  assert_int_equal(cjm_diags_errors(c->diags), 6);
  assert_int_equal(cjm_diags_warnings(c->diags), 0);
  checked_free(c);
}

static void werror_for_one_warning(void **state) {
  (void)state;
  static const char *const options[] = {"-Werror=unreachable", "-Wno-sparse-feel", NULL};
  checked *c = check_opts(every_warning, options);
  expect_count(c, 5);
  assert_int_equal(cjm_diags_errors(c->diags), 2);
  assert_int_equal(cjm_diags_warnings(c->diags), 3);
  for (size_t i = 0; i < 5; i++) {
    const cjm_diag *d = cjm_diags_at(c->diags, i);
    bool promoted = strcmp(d->name, "unreachable") == 0;
    assert_int_equal(d->severity, promoted ? CJM_ERROR : CJM_WARNING);
    assert_int_equal(d->from_warning, promoted);
  }
  checked_free(c);
}

/* ---- the standard library -------------------------------------------------------- */

static char tmp_root[] = "/tmp/cjm-test-checks-XXXXXX";

static void write_file(const char *dir, const char *name, const char *text) {
  assert_true(tmpdir_write(dir, name, text));
}

static int setup(void **state) {
  (void)state;
  return mkdtemp(tmp_root) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  while (live) checked_free(live);
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
static checked *check_with_module(const char *root, const char *stdlib_dir) {
  checked *c = checked_new();
  char main_path[PATH_MAX + 16];
  snprintf(main_path, sizeof main_path, "%s/main.cjm", root);
  cjm_load_options o = {.stdlib_dir = stdlib_dir, .limits = CJM_LIMITS_DEFAULT};
  assert_int_equal(cjm_load_file(c->program, main_path, &o, c->diags), CJM_LOAD_OK);
  build_and_check(c);
  return c;
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
  snprintf(lib, sizeof lib, "%s/lib", tmp_root);
  snprintf(root, sizeof root, "%s/root", tmp_root);
  assert_int_equal(mkdir(lib, 0755), 0);
  assert_int_equal(mkdir(root, 0755), 0);
  write_file(lib, "idle.cjm", idle_module);
  write_file(root, "main.cjm", user_main);
  checked *c = check_with_module(root, lib);
  assert_true(c->program->files[1]->from_stdlib);
  assert_true(c->model->stages[1]->decl.from_stdlib);
  expect_count(c, 0);
  checked_free(c);
}

static void same_declarations_in_the_map_are_reported(void **state) {
  (void)state;
  char root[PATH_MAX];
  snprintf(root, sizeof root, "%s/own", tmp_root);
  assert_int_equal(mkdir(root, 0755), 0);
  write_file(root, "idle.cjm", idle_module);
  write_file(root, "main.cjm", user_main);
  checked *c = check_with_module(root, NULL);
  assert_false(c->program->files[1]->from_stdlib);
  expect_count(c, 6);
  assert_int_equal(count_named(c, "unused"), 3);
  assert_int_equal(count_named(c, "empty-stage"), 1);
  assert_int_equal(count_named(c, "unreachable"), 2);
  checked_free(c);
}

static void reopened_stdlib_stage_is_checked_at_the_map(void **state) {
  (void)state;
  /* An empty stdlib stage reopened by the map with steps: the map's steps
   * are checked, and the warning points at the map's `stage` line. */
  char lib[PATH_MAX], root[PATH_MAX];
  snprintf(lib, sizeof lib, "%s/lib2", tmp_root);
  snprintf(root, sizeof root, "%s/root2", tmp_root);
  assert_int_equal(mkdir(lib, 0755), 0);
  assert_int_equal(mkdir(root, 0755), 0);
  write_file(lib, "frame.cjm", "stage buy \"Buy\"\nstage loyal\n");
  write_file(root, "main.cjm", "use \"frame\"\nstage buy\n  step a\n    feel 1\n  step b\n");
  cjm_program *program = cjm_program_new();
  cjm_diags *diags = cjm_diags_new();
  char main_path[PATH_MAX + 16];
  snprintf(main_path, sizeof main_path, "%s/main.cjm", root);
  cjm_load_options o = {.stdlib_dir = lib, .limits = CJM_LIMITS_DEFAULT};
  cjm_load_file(program, main_path, &o, diags);
  cjm_model *m = cjm_model_build(program, diags);
  cjm_check(m, diags);
  /* loyal is empty but from the stdlib: not reported. */
  assert_int_equal(cjm_diags_count(diags), 1);
  const cjm_diag *d = cjm_diags_at(diags, 0);
  assert_string_equal(d->name, "sparse-feel");
  assert_int_equal(d->loc.line, 2);
  assert_int_equal(d->loc.col, 7);
  assert_non_null(strstr(d->loc.source->path, "main.cjm"));
  cjm_model_free(m);
  cjm_diags_free(diags);
  cjm_program_free(program);
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
