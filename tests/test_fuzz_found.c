/* Regression tests for what the fuzzers of tests/fuzz/ found, each the
 * smallest input that showed it, through the function that failed. They
 * matter most in the sanitizer builds of scripts/test.sh, where the
 * undefined behaviour they once had is an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/base/strbuf.h"
#include "runtime/core/present.h"
#include "runtime/interop/mermaid_import.h"

/* Imports a Mermaid diagram; returns the cjm text (malloc'd) or NULL. */
static char *import_mermaid(const char *text, size_t *errors) {
  cjm_source *src = cjm_source_from_memory("t.mmd", text, strlen(text));
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf out = {0};
  char *result = cjm_mermaid_import(src, &out, diags, NULL) ? strdup(out.data ? out.data : "") : NULL;
  *errors = cjm_diags_errors(diags);
  cjm_strbuf_free(&out);
  cjm_diags_free(diags);
  cjm_source_free(src);
  return result;
}

/* fuzz_mermaid_import: a front-matter line "title" without a colon took
 * its value from one past the line's end, a length of -1 (a huge copy,
 * or an overflowed buffer size). It is no key: no title, no crash. */
static void test_mermaid_front_matter_title_without_colon(void **state) {
  (void)state;
  size_t errors;
  char *cjm = import_mermaid("---\ntitle\n---\njourney\n  section A\n    t: 3: Me\n", &errors);
  assert_int_equal(errors, 0);
  assert_non_null(cjm);
  assert_non_null(strstr(cjm, "# title\n"));     /* kept as a comment */
  assert_non_null(strstr(cjm, "journey \"\"\n")); /* and no title */
  assert_non_null(strstr(cjm, "feel 3"));
  free(cjm);
  cjm = import_mermaid("---\ntitle: \"Kept\"\n---\njourney\n  section A\n    t: 3: Me\n", &errors);
  assert_non_null(cjm);
  assert_non_null(strstr(cjm, "journey \"Kept\""));
  free(cjm);
}

/* fuzz_mermaid_import (a task scored 3e35) and fuzz_render (a measure of
 * 1e20, valid cjm): cjm_present_number converted the number to long long
 * before checking its range, undefined beyond 2^63. Such numbers print in
 * exponent form, in as many digits as read back to the same double. */
static void test_present_number_out_of_range(void **state) {
  (void)state;
  static const struct {
    double value;
    const char *text;
  } cases[] = {
      {1e20, "1e+20"},  {-1e20, "-1e+20"}, {1e300, "1.0000000000000001e+300"}, {1e15, "1000000000000000"},
      {999999999999999, "999999999999999"}, {-42, "-42"},  {0.5, "0.5"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    cjm_strbuf out = {0};
    cjm_present_number(&out, cases[i].value);
    char text[64];
    snprintf(text, sizeof text, "%s", out.data);
    cjm_strbuf_free(&out);
    assert_string_equal(text, cases[i].text);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mermaid_front_matter_title_without_colon),
      cmocka_unit_test(test_present_number_out_of_range),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
