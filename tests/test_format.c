/* Unit tests for the formatter (format.h):
 *   - canonical numbers, strings and long text, each case checked to
 *     decode back to the same value;
 *   - every .cjm file of the source tree that parses (examples, standard
 *     library, fixtures, golden inputs) formatted twice: the second pass
 *     changes nothing (idempotence), every comment of the input is in the
 *     output in the same order, and the journey means the same: the JSON
 *     of both models is equal once locations are dropped, the diagnostics
 *     have the same names, and cjm_diff (diff.h) finds them identical.
 * The diff's own tests, on small pairs, are in test_diff.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lang/arena.h"
#include "lang/intern.h"
#include "lang/parse.h"
#include "runtime/core/analysis.h"
#include "runtime/review/diff.h"
#include "runtime/review/format.h"
#include "runtime/render/tables/json_doc.h"
#include "runtime/core/loader.h"
#include "runtime/core/model.h"

/* ---- helpers -------------------------------------------------------------------------- */

/* Formats text; returns the output (malloc'd) or NULL when it has errors. */
static char *format_text(const char *path, const char *text, size_t len) {
  cjm_source *src = cjm_source_from_memory(path, text, len);
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf out = {0};
  bool ok = cjm_format_source(src, &out, diags, NULL);
  cjm_diags_free(diags);
  cjm_source_free(src);
  if (!ok) {
    cjm_strbuf_free(&out);
    return NULL;
  }
  return out.data ? out.data : calloc(1, 1);
}

static char *format_str(const char *text) { return format_text("t.cjm", text, strlen(text)); }

/* Asserts that text formats to expected, and expected to itself. */
static void assert_formats(const char *text, const char *expected) {
  char *got = format_str(text);
  assert_non_null(got);
  assert_string_equal(got, expected);
  char *again = format_str(got);
  assert_non_null(again);
  assert_string_equal(again, expected);
  free(got);
  free(again);
}

/* The decoded value of the first string token of text. */
static char *first_string(const char *text) {
  cjm_source *src = cjm_source_from_memory("t.cjm", text, strlen(text));
  cjm_arena *arena = cjm_arena_new();
  cjm_interner *names = cjm_interner_new(arena);
  cjm_diags *diags = cjm_diags_new();
  cjm_token *tokens;
  size_t n = cjm_tokenize(src, arena, names, diags, &tokens);
  assert_int_equal(cjm_diags_errors(diags), 0);
  char *value = NULL;
  for (size_t i = 0; i < n && !value; i++)
    if (tokens[i].kind == CJM_TOKEN_STRING) value = strdup(tokens[i].text);
  cjm_diags_free(diags);
  cjm_interner_free(names);
  cjm_arena_free(arena);
  cjm_source_free(src);
  assert_non_null(value);
  return value;
}

/* Asserts that the string written in text keeps its value when formatted. */
static void assert_string_kept(const char *text) {
  char *before = first_string(text);
  char *formatted = format_str(text);
  assert_non_null(formatted);
  char *after = first_string(formatted);
  assert_string_equal(before, after);
  char *again = format_str(formatted);
  assert_string_equal(again, formatted);
  free(before);
  free(after);
  free(formatted);
  free(again);
}

/* ---- numbers and strings ---------------------------------------------------------------- */

static void numbers_canonical(void **state) {
  (void)state;
  assert_formats("journey \"J\"\n  scale -02..+2\nmetric m\n  target 03.50\nstage s\n  step a\n"
                 "    feel 1\n    feel +0\n    feel -0.0\n    feel 02.50\n    measure m 12.0%\n",
                 "journey \"J\"\n  scale -2..2\n\nmetric m\n  target 3.5\n\nstage s\n  step a\n"
                 "    feel +1\n    feel 0\n    feel 0\n    feel +2.5\n    measure m 12%\n");
  /* A scale that never goes below zero: no '+'. */
  assert_formats("journey \"J\"\n  scale 1..5\nstage s\n  feel +4\n",
                 "journey \"J\"\n  scale 1..5\n\nstage s\n  feel 4\n");
}

static void strings_canonical(void **state) {
  (void)state;
  assert_formats("persona p \"tab\there \\u{41}\\u{1F600} \\\"q\\\" \\\\ \\n\"\n",
                 "persona p \"tab\\there A\xF0\x9F\x98\x80 \\\"q\\\" \\\\ \\n\"\n");
  /* Control and invisible characters are written as escapes. */
  assert_formats("persona p \"a\\u{7F}b\\u{200B}c\\u{202E}d\\u{85}\"\n",
                 "persona p \"a\\u{7F}b\\u{200B}c\\u{202E}d\\u{85}\"\n");
  assert_string_kept("persona p \"x\\u{1}y\\tz\\u{3000}\"\n");
}

static void long_text(void **state) {
  (void)state;
  assert_formats("persona p\n  quote \"\"\"\n        one\n          two\n\n        three\n      \"\"\"\n",
                 "persona p\n  quote \"\"\"\n    one\n      two\n\n    three\n    \"\"\"\n");
  /* Text on the line of the quotes. */
  assert_formats("persona p\n  quote \"\"\"one\n  two\"\"\"\n",
                 "persona p\n  quote \"\"\"\n    one\n      two\n    \"\"\"\n");
  /* Three quotes in a row are broken by an escape, backslashes doubled. */
  assert_string_kept("persona p\n  quote \"\"\"\n  a \\\"\"\" b \\\\ c \"\"\\\"\" d\n  \"\"\"\n");
  /* Lines of white space and white space every line starts with survive. */
  assert_string_kept("persona p\n  quote \"\"\"\n  \\u{20}a\n  \\u{20}b\n  \"\"\"\n");
  assert_string_kept("persona p\n  quote \"\"\"\n  a\n  \\u{20}\\u{20}\n  b\n  \"\"\"\n");
  assert_string_kept("persona p\n  quote \"\"\"\n  \\ta\n  \\tb\n  \"\"\"\n");
  assert_string_kept("persona p\n  quote \"\"\"\"\"\"\n");
  assert_string_kept("persona p\n  quote \"\"\"\n\n\n  \"\"\"\n");
  assert_string_kept("persona p\n  quote \"\"\"\n  ends with a newline\n\n  \"\"\"\n");
  assert_string_kept("persona p\n  quote \"\"\"\r\n    crlf\r\n    text\r\n    \"\"\"\r\n");
  assert_string_kept("persona p \"\"\"\n  label\n  \"\"\"\n");
}

static void syntax_error_untouched(void **state) {
  (void)state;
  assert_null(format_str("persona p \"unterminated\n"));
  assert_null(format_str("stage s\n  feel \"x\"\n"));
  assert_null(format_str("# only a comment\n"));
}

static void heads_and_comments(void **state) {
  (void)state;
  /* by and via written first join the head; a comment keeps them apart. */
  assert_formats("stage s\n  step a \"A\"\n    by p\n    via w\n    feel 1\n",
                 "stage s\n  step a \"A\" by p via w\n    feel +1\n");
  assert_formats("stage s\n  step a \"A\" # on a\n    by p\n",
                 "stage s\n  step a \"A\" # on a\n    by p\n");
  assert_formats("stage s\n  step a\n    # who\n    by p\n", "stage s\n  step a\n    # who\n    by p\n");
  assert_formats("stage s\n  step a by p # who\n    via w\n", "stage s\n  step a by p # who\n    via w\n");
  /* Consecutive use lines stay together; other blocks get a blank line. */
  assert_formats("use \"a\"\nuse \"b\"\nchannel w\nchannel x\n",
                 "use \"a\"\nuse \"b\"\n\nchannel w\n\nchannel x\n");
  /* A step follows its stage's head directly, and a blank line otherwise. */
  assert_formats("stage s\n  step a\n  step b\nstage t\n  feel 1\n  step c\n",
                 "stage s\n  step a\n\n  step b\n\nstage t\n  feel +1\n\n  step c\n");
  /* Comments inside a list written over lines go just above it, in
   * order; a `by` with comments above it does not join the head. */
  assert_formats("stage s\n  step x by a, # in\n    # own\n    b # end\n    feel 1\n",
                 "stage s\n  step x\n    # in\n    # own\n    by a, b # end\n    feel +1\n");
  assert_formats("stage s\n  step x\n    next a, # in\n      b\n", "stage s\n  step x\n    # in\n    next a, b\n");
  /* Trailing white space of a comment goes. */
  assert_formats("channel w # c  \t\n", "channel w # c\n");
}

/* ---- the corpus ------------------------------------------------------------------------------- */

/* The comments of text, each without trailing white space, one a line. */
static char *comments_of(const char *path, const char *text, size_t len) {
  cjm_source *src = cjm_source_from_memory(path, text, len);
  cjm_arena *arena = cjm_arena_new();
  cjm_interner *names = cjm_interner_new(arena);
  cjm_diags *diags = cjm_diags_new();
  cjm_token *tokens;
  size_t n = cjm_tokenize(src, arena, names, diags, &tokens);
  cjm_strbuf out = {0};
  for (size_t i = 0; i < n; i++) {
    if (tokens[i].kind != CJM_TOKEN_COMMENT) continue;
    size_t k = strlen(tokens[i].text);
    while (k > 0 && (tokens[i].text[k - 1] == ' ' || tokens[i].text[k - 1] == '\t')) k--;
    cjm_strbuf_write(&out, tokens[i].text, k);
    cjm_strbuf_puts(&out, "\n");
  }
  cjm_diags_free(diags);
  cjm_interner_free(names);
  cjm_arena_free(arena);
  cjm_source_free(src);
  return out.data ? out.data : calloc(1, 1);
}

/* Drops every "loc" member, recursively. */
static void drop_locations(json_t *v) {
  if (json_is_object(v)) {
    json_object_del(v, "loc");
    const char *key;
    json_t *member;
    json_object_foreach(v, key, member) drop_locations(member);
  } else if (json_is_array(v)) {
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) drop_locations(item);
  }
}

/* A journey loaded from text as if it were the file at path. */
typedef struct loaded {
  cjm_program *program;
  cjm_diags *diags;
  cjm_model *model;
  cjm_analysis *analysis;
  char *json;          /* the model without locations, when clean */
  char *diag_names;    /* the names of every diagnostic */
} loaded;

static void load(loaded *l, const char *path, const char *text, size_t len) {
  *l = (loaded){.program = cjm_program_new(), .diags = cjm_diags_new()};
  char *dir = strdup(path);
  char *slash = strrchr(dir, '/');
  if (slash) *slash = '\0';
  cjm_load_options options = {.stdlib_dir = CJM_SOURCE_DIR "/stdlib", .limits = CJM_LIMITS_DEFAULT};
  cjm_load_source(l->program, cjm_source_from_memory(path, text, len), slash ? dir : ".", &options, l->diags);
  free(dir);
  l->model = cjm_model_build(l->program, l->diags);
  cjm_strbuf names = {0};
  for (size_t i = 0; i < cjm_diags_count(l->diags); i++) {
    cjm_strbuf_puts(&names, cjm_diags_at(l->diags, i)->name);
    cjm_strbuf_puts(&names, " ");
  }
  l->diag_names = names.data ? names.data : calloc(1, 1);
  if (l->model && cjm_diags_errors(l->diags) == 0) {
    l->analysis = cjm_analyse(l->model);
    json_t *doc = cjm_json_model(l->model, l->analysis);
    drop_locations(doc);
    l->json = json_dumps(doc, JSON_INDENT(1));
    json_decref(doc);
  }
}

static void unload(loaded *l) {
  free(l->json);
  free(l->diag_names);
  cjm_analysis_free(l->analysis);
  cjm_model_free(l->model);
  cjm_program_free(l->program);
  cjm_diags_free(l->diags);
}

/* Checks one file of the corpus. Returns whether it was formatted. */
static bool check_file(const char *path) {
  cjm_read_status status;
  size_t size;
  cjm_source *src = cjm_source_read(path, 64u << 20, &status, &size);
  if (!src) return false;
  char *once = format_text(path, src->text, src->len);
  if (!once) {
    cjm_source_free(src);
    return false;
  }
  char *twice = format_text(path, once, strlen(once));
  if (!twice || strcmp(once, twice) != 0) print_error("not idempotent: %s\n", path);
  assert_non_null(twice);
  assert_string_equal(once, twice);

  char *comments_in = comments_of(path, src->text, src->len);
  char *comments_out = comments_of(path, once, strlen(once));
  if (strcmp(comments_in, comments_out) != 0) print_error("comments changed: %s\n", path);
  assert_string_equal(comments_in, comments_out);

  loaded before, after;
  load(&before, path, src->text, src->len);
  load(&after, path, once, strlen(once));
  if (strcmp(before.diag_names, after.diag_names) != 0) print_error("diagnostics changed: %s\n", path);
  assert_string_equal(before.diag_names, after.diag_names);
  assert_true((before.json == NULL) == (after.json == NULL));
  if (before.json) {
    if (strcmp(before.json, after.json) != 0) print_error("meaning changed: %s\n", path);
    assert_string_equal(before.json, after.json);
    cjm_diff_side o = {"old", before.model, before.analysis, before.program->names};
    cjm_diff_side n = {"new", after.model, after.analysis, after.program->names};
    cjm_diff *diff = cjm_diff_compute(&o, &n, NULL);
    if (!cjm_diff_identical(diff)) print_error("diff not identical: %s\n", path);
    assert_true(cjm_diff_identical(diff));
    cjm_diff_free(diff);
  }
  unload(&before);
  unload(&after);
  free(comments_in);
  free(comments_out);
  free(once);
  free(twice);
  cjm_source_free(src);
  return true;
}

/* Checks every .cjm file under dir; counts those formatted and seen. */
static void check_tree(const char *dir, size_t *formatted, size_t *seen) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *entry;
  while ((entry = readdir(d))) {
    if (entry->d_name[0] == '.') continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
    struct stat st;
    if (lstat(path, &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      check_tree(path, formatted, seen);
      continue;
    }
    size_t n = strlen(path);
    if (!S_ISREG(st.st_mode) || n < 4 || strcmp(path + n - 4, ".cjm") != 0) continue;
    ++*seen;
    *formatted += check_file(path);
  }
  closedir(d);
}

static void corpus(void **state) {
  (void)state;
  static const char *const dirs[] = {"examples", "stdlib", "tests/fixtures", "tests/golden"};
  size_t formatted = 0, seen = 0;
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", CJM_SOURCE_DIR, dirs[i]);
    check_tree(dir, &formatted, &seen);
  }
  print_message("formatted %zu of %zu files (the others have syntax errors)\n", formatted, seen);
  assert_true(formatted >= 40);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(numbers_canonical),
      cmocka_unit_test(strings_canonical),
      cmocka_unit_test(long_text),
      cmocka_unit_test(syntax_error_untouched),
      cmocka_unit_test(heads_and_comments),
      cmocka_unit_test(corpus),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
