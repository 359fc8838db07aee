/* Unit tests for the support modules of the runtime: cjm_suggest ("did you
 * mean": edit distance over code points and its thresholds) and the symbol
 * table keyed by interned identifiers (put, get, collisions, growth), with
 * the interner they rely on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/intern.h"
#include "runtime/core/suggest.h"
#include "runtime/core/symtab.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- suggest ---------------------------------------------------------------------- */

static long suggest(const char *name, const char *const *names, size_t count) {
  return cjm_suggest(name, names, count);
}

static void suggest_exact_and_one_edit(void **state) {
  (void)state;
  static const char *const names[] = {"mia", "cfo", "web"};
  assert_int_equal(suggest("cfo", names, COUNT(names)), 1);  /* exact */
  assert_int_equal(suggest("ceo", names, COUNT(names)), 1);  /* substitution */
  assert_int_equal(suggest("mi", names, COUNT(names)), 0);   /* insertion */
  assert_int_equal(suggest("webb", names, COUNT(names)), 2); /* deletion */
  assert_int_equal(suggest("mai", names, COUNT(names)), 0);  /* transposition counts once */
}

static void suggest_nothing_close(void **state) {
  (void)state;
  static const char *const names[] = {"mia", "cfo"};
  assert_int_equal(suggest("xyz", names, COUNT(names)), -1);
  assert_int_equal(suggest("marina", names, COUNT(names)), -1); /* three longer */
  assert_int_equal(suggest("", names, COUNT(names)), -1);
  assert_int_equal(suggest("mia", names, 0), -1);
  assert_int_equal(suggest("mia", NULL, 0), -1);
}

/* A misspelt name and the one declared name it may be suggested for. */
typedef struct near_miss {
  const char *name, *declared;
  bool suggested;
} near_miss;

/* Asserts for each of the n cases whether its name is suggested. */
static void expect_suggested(const near_miss *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    long got = suggest(cases[i].name, &cases[i].declared, 1);
    if (got != (cases[i].suggested ? 0 : -1))
      fail_msg("'%s' for '%s': %ld, expected %d", cases[i].name, cases[i].declared, got, cases[i].suggested ? 0 : -1);
  }
}

static void suggest_thresholds_grow_with_length(void **state) {
  (void)state;
  static const near_miss cases[] = {
      /* Up to four characters: one edit. */
      {"abcx", "abcd", true},
      {"abxy", "abcd", false},
      /* Five to eight: two edits. */
      {"abxye", "abcde", true},
      {"axyze", "abcde", false},
      {"abcdefxy", "abcdefgh", true},
      {"abcdexyz", "abcdefgh", false},
      /* Nine and more: three edits. */
      {"abcdefxyz", "abcdefghi", true},
      {"abcdewxyz", "abcdefghi", false},
      /* The threshold follows the misspelt name's length. */
      {"custmer", "customer", true},
      {"cstmr", "customer", false},
  };
  expect_suggested(cases, COUNT(cases));
}

static void suggest_prefers_closest_then_earliest(void **state) {
  (void)state;
  static const char *const lanes[] = {"pane", "pain", "paint"};
  assert_int_equal(suggest("pian", lanes, COUNT(lanes)), 1);
  static const char *const ties[] = {"bat", "cut", "cap"};
  assert_int_equal(suggest("cat", ties, COUNT(ties)), 0);
  static const char *const closer_later[] = {"cats", "cat"};
  assert_int_equal(suggest("cat", closer_later, COUNT(closer_later)), 1);
}

static void suggest_counts_code_points(void **state) {
  (void)state;
  /* 小美 vs 小米: one code point apart, though three bytes differ. */
  static const char *const names[] = {"\xE5\xA4\xA7\xE7\xB1\xB3", "\xE5\xB0\x8F\xE7\xB1\xB3"};
  assert_int_equal(suggest("\xE5\xB0\x8F\xE7\xBE\x8E", names, COUNT(names)), 1);
  static const near_miss cases[] = {
      /* 大美 vs 小米: two code points apart, over the limit for two characters. */
      {"\xE5\xA4\xA7\xE7\xBE\x8E", "\xE5\xB0\x8F\xE7\xB1\xB3", false},
      /* 总经理助 (four characters, twelve bytes) may differ by one edit only. */
      {"\xE6\x80\xBB\xE7\xBB\x8F\xE7\x90\x86\xE5\xAE\xA2",
       "\xE6\x80\xBB\xE7\xBB\x8F\xE7\x90\x86\xE5\x8A\xA9", true},
      {"\xE6\x80\xBB\xE7\xA7\x98\xE4\xB9\xA6\xE5\x8A\xA9",
       "\xE6\x80\xBB\xE7\xBB\x8F\xE7\x90\x86\xE5\x8A\xA9", false},
      /* клиент vs клиетн: a transposition of two Cyrillic letters. */
      {"\xD0\xBA\xD0\xBB\xD0\xB8\xD0\xB5\xD1\x82\xD0\xBD",
       "\xD0\xBA\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xBD\xD1\x82", true},
  };
  expect_suggested(cases, COUNT(cases));
}

static void suggest_ignores_very_long_names(void **state) {
  (void)state;
  char long_name[80];
  memset(long_name, 'a', 79);
  long_name[79] = '\0';
  char other[80];
  memcpy(other, long_name, 80);
  other[0] = 'b';
  const char *names[] = {other, "short"};
  assert_int_equal(suggest(long_name, names, COUNT(names)), -1);
  /* A long candidate is skipped, a short one still found. */
  assert_int_equal(suggest("shrt", names, COUNT(names)), 1);
}

/* ---- interner ----------------------------------------------------------------------- */

static void interned_names_compare_by_pointer(void **state) {
  (void)state;
  cjm_arena *arena = cjm_arena_new();
  cjm_interner *names = cjm_interner_new(arena);
  char buf[] = "mia web";
  const char *a = cjm_intern(names, buf, 3);
  const char *b = cjm_intern_cstr(names, "mia");
  assert_ptr_equal(a, b);
  assert_string_equal(a, "mia");
  assert_ptr_not_equal(a, buf);
  assert_ptr_equal(cjm_intern_lookup(names, "mia", 3), a);
  assert_null(cjm_intern_lookup(names, "web", 3));
  const char *w = cjm_intern(names, buf + 4, 3);
  assert_ptr_not_equal(w, a);
  assert_ptr_equal(cjm_intern_lookup(names, "web", 3), w);
  /* Many names, all distinct and all found again. */
  const char *kept[2000];
  for (int i = 0; i < 2000; i++) {
    char s[16];
    int n = snprintf(s, sizeof s, "n%d", i);
    kept[i] = cjm_intern(names, s, (size_t)n);
  }
  for (int i = 0; i < 2000; i++) {
    char s[16];
    int n = snprintf(s, sizeof s, "n%d", i);
    assert_ptr_equal(cjm_intern_lookup(names, s, (size_t)n), kept[i]);
  }
  /* The hash depends on the bytes only. */
  char again[] = "mia";
  assert_int_equal(cjm_hash_bytes(buf, 3), cjm_hash_bytes(again, 3));
  assert_int_not_equal(cjm_hash_bytes("mia", 3), cjm_hash_bytes("mib", 3));
  cjm_interner_free(names);
  cjm_arena_free(arena);
}

/* ---- symbol table ------------------------------------------------------------------ */

/* An arena, an interner and a table for one test. */
typedef struct table_fixture {
  cjm_arena *arena;
  cjm_interner *names;
  cjm_symtab table;
} table_fixture;

static int table_setup(void **state) {
  table_fixture *t = calloc(1, sizeof *t);
  if (!t) return -1;
  t->arena = cjm_arena_new();
  t->names = cjm_interner_new(t->arena);
  *state = t;
  return 0;
}

static int table_teardown(void **state) {
  table_fixture *t = *state;
  cjm_symtab_clear(&t->table);
  cjm_interner_free(t->names);
  cjm_arena_free(t->arena);
  free(t);
  return 0;
}

/* A test given a table_fixture as its state. */
#define WITH_TABLE(test) cmocka_unit_test_setup_teardown(test, table_setup, table_teardown)

static void symtab_empty(void **state) {
  table_fixture *t = *state;
  const char *mia = cjm_intern_cstr(t->names, "mia");
  assert_null(cjm_symtab_get(&t->table, mia));
  assert_null(cjm_symtab_get(&t->table, NULL));
  assert_int_equal(t->table.count, 0);
  assert_int_equal(t->table.capacity, 0);
}

static void symtab_put_and_get(void **state) {
  table_fixture *t = *state;
  int one = 1, two = 2;
  const char *mia = cjm_intern_cstr(t->names, "mia");
  const char *bob = cjm_intern_cstr(t->names, "bob");
  assert_null(cjm_symtab_put(&t->table, mia, &one));
  assert_ptr_equal(cjm_symtab_get(&t->table, mia), &one);
  assert_null(cjm_symtab_get(&t->table, bob));
  /* A taken name keeps its value; put returns it. */
  assert_ptr_equal(cjm_symtab_put(&t->table, mia, &two), &one);
  assert_ptr_equal(cjm_symtab_get(&t->table, mia), &one);
  assert_int_equal(t->table.count, 1);
  assert_null(cjm_symtab_put(&t->table, bob, &two));
  assert_ptr_equal(cjm_symtab_get(&t->table, bob), &two);
  assert_int_equal(t->table.count, 2);
  assert_null(cjm_symtab_get(&t->table, NULL));
}

static void symtab_keys_are_pointers(void **state) {
  table_fixture *t = *state;
  int v = 0;
  const char *mia = cjm_intern_cstr(t->names, "mia");
  char copy[] = "mia";
  assert_null(cjm_symtab_put(&t->table, mia, &v));
  /* Same text, different pointer: not the same key. */
  assert_null(cjm_symtab_get(&t->table, copy));
}

static void symtab_collisions(void **state) {
  table_fixture *t = *state;
  /* Find names that all land in the same slot of a 64-slot table, the
   * last slot among them so that probing wraps around. */
  const char *same[8];
  size_t found = 0;
  static int values[8];
  for (int i = 0; found < 8 && i < 100000; i++) {
    char s[16];
    snprintf(s, sizeof s, "k%d", i);
    const char *name = cjm_intern_cstr(t->names, s);
    if ((cjm_hash_ptr(name) & 63) == 63) same[found++] = name;
  }
  assert_int_equal(found, 8);
  for (size_t i = 0; i < 8; i++) assert_null(cjm_symtab_put(&t->table, same[i], &values[i]));
  assert_int_equal(t->table.capacity, 64);
  for (size_t i = 0; i < 8; i++) assert_ptr_equal(cjm_symtab_get(&t->table, same[i]), &values[i]);
  /* A name hashing to the same slot but never stored is absent. */
  const char *absent = NULL;
  for (int i = 100000; !absent; i++) {
    char s[16];
    snprintf(s, sizeof s, "k%d", i);
    const char *name = cjm_intern_cstr(t->names, s);
    if ((cjm_hash_ptr(name) & 63) == 63) absent = name;
  }
  assert_null(cjm_symtab_get(&t->table, absent));
}

/* Adds one to the int each visited value points to, and counts visits. */
static void visit(const char *name, void *value, void *data) {
  assert_non_null(name);
  (*(int *)value)++;
  (*(size_t *)data)++;
}

static void symtab_growth(void **state) {
  table_fixture *t = *state;
  enum { N = 5000 };
  static int values[N];
  const char *keys[N];
  for (int i = 0; i < N; i++) {
    char s[16];
    snprintf(s, sizeof s, "name%d", i);
    keys[i] = cjm_intern_cstr(t->names, s);
    values[i] = 0;
    assert_null(cjm_symtab_put(&t->table, keys[i], &values[i]));
    /* The load stays at most one half, in a power of two. */
    assert_true(t->table.capacity >= 2 * t->table.count);
    assert_int_equal(t->table.capacity & (t->table.capacity - 1), 0);
  }
  assert_int_equal(t->table.count, N);
  for (int i = 0; i < N; i++) assert_ptr_equal(cjm_symtab_get(&t->table, keys[i]), &values[i]);

  size_t visits = 0;
  cjm_symtab_each(&t->table, visit, &visits);
  assert_int_equal(visits, N);
  for (int i = 0; i < N; i++) assert_int_equal(values[i], 1);

  /* Cleared, the table is empty and usable again. */
  cjm_symtab_clear(&t->table);
  assert_int_equal(t->table.count, 0);
  assert_null(cjm_symtab_get(&t->table, keys[0]));
  assert_null(cjm_symtab_put(&t->table, keys[1], &values[1]));
  assert_ptr_equal(cjm_symtab_get(&t->table, keys[1]), &values[1]);
  assert_null(cjm_symtab_get(&t->table, keys[0]));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(suggest_exact_and_one_edit),
      cmocka_unit_test(suggest_nothing_close),
      cmocka_unit_test(suggest_thresholds_grow_with_length),
      cmocka_unit_test(suggest_prefers_closest_then_earliest),
      cmocka_unit_test(suggest_counts_code_points),
      cmocka_unit_test(suggest_ignores_very_long_names),
      cmocka_unit_test(interned_names_compare_by_pointer),
      WITH_TABLE(symtab_empty),
      WITH_TABLE(symtab_put_and_get),
      WITH_TABLE(symtab_keys_are_pointers),
      WITH_TABLE(symtab_collisions),
      WITH_TABLE(symtab_growth),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
