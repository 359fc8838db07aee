/* diag_expect — assertions on the diagnostics a unit test collected:
 * exactly these, in this order, each with its name, place and message.
 * A failure prints what was collected. Header-only, for tests (include
 * cmocka.h first); everything is static inline. */
#ifndef CJM_TESTS_DIAG_EXPECT_H
#define CJM_TESTS_DIAG_EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lang/diag.h"

/* Byte length of a string literal, without its terminating NUL. */
#define LIT_LEN(s) (sizeof(s) - 1)

/* An array literal of type and its length, as two arguments of a call:
 * f(x, ARRAY(want_diag, {...}, {...})) calls f(x, array, 2). */
#define ARRAY(type, ...) ((const type[]){__VA_ARGS__}), (sizeof((const type[]){__VA_ARGS__}) / sizeof(type))

/* A diagnostic a test expects: its name, where it starts, and its message
 * (the whole of it, or a part, as the function taking it says). */
typedef struct want_diag {
  const char *name;
  uint32_t line, col;
  const char *message;
} want_diag;

/* Prints every diagnostic of diags, to show what a failed test got. */
static inline void diags_print(const cjm_diags *diags) {
  for (size_t i = 0; i < cjm_diags_count(diags); i++) {
    const cjm_diag *d = cjm_diags_at(diags, i);
    print_message("  %u:%u: %s [%s]\n", d->loc.line, d->loc.col, d->message, d->name);
  }
}

/* Asserts that diags holds n diagnostics, printing them when it does not. */
static inline void expect_diag_count(const cjm_diags *diags, size_t n) {
  if (cjm_diags_count(diags) == n) return;
  diags_print(diags);
  fail_msg("%zu diagnostics, expected %zu", cjm_diags_count(diags), n);
}

static inline void expect_no_diags(const cjm_diags *diags) { expect_diag_count(diags, 0); }

/* The i-th diagnostic, asserted to exist. */
static inline const cjm_diag *diag_at(const cjm_diags *diags, size_t i) {
  assert_true(i < cjm_diags_count(diags));
  return cjm_diags_at(diags, i);
}

/* How many diagnostics of diags are called name. */
static inline size_t diags_count_named(const cjm_diags *diags, const char *name) {
  size_t n = 0;
  for (size_t i = 0; i < cjm_diags_count(diags); i++) n += strcmp(cjm_diags_at(diags, i)->name, name) == 0;
  return n;
}

/* Asserts that d's message holds part. */
static inline void expect_message_part(const cjm_diag *d, const char *part) {
  if (!strstr(d->message, part)) fail_msg("message \"%s\" lacks \"%s\"", d->message, part);
}

/* Asserts that diags holds exactly the n diagnostics of want, in order;
 * with whole, their messages are want's, else they hold want's. */
static inline void expect_diags_as(const cjm_diags *diags, const want_diag *want, size_t n, bool whole) {
  expect_diag_count(diags, n);
  for (size_t i = 0; i < n; i++) {
    const cjm_diag *d = cjm_diags_at(diags, i);
    const want_diag *w = &want[i];
    bool text = whole ? strcmp(d->message, w->message) == 0 : strstr(d->message, w->message) != NULL;
    if (strcmp(d->name, w->name) != 0 || d->loc.line != w->line || d->loc.col != w->col || !text)
      fail_msg("diagnostic %zu is %u:%u: %s [%s], expected %u:%u: %s%s [%s]", i, d->loc.line, d->loc.col,
               d->message, d->name, w->line, w->col, whole ? "" : "...", w->message, w->name);
  }
}

/* Exactly these diagnostics, with these messages. */
static inline void expect_diags(const cjm_diags *diags, const want_diag *want, size_t n) {
  expect_diags_as(diags, want, n, true);
}

/* Exactly these diagnostics, their messages holding these parts. */
static inline void expect_diags_containing(const cjm_diags *diags, const want_diag *want, size_t n) {
  expect_diags_as(diags, want, n, false);
}

#endif
