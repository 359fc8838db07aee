/* Unit tests for runtime/base, the services that know nothing of journeys:
 * the string builder (writes, growth, formatted text longer than its stack
 * buffer, reuse after free), Markdown escaping (every character it
 * escapes, underscores inside and outside words, @mentions, line breaks,
 * controls and ill-formed UTF-8) and writing JSON (the layout, and a value
 * jansson refuses to encode as a document, reported as a diagnostic). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "stdout_redirect.h"
#include "lang/diag.h"
#include "runtime/base/atomic_write.h"
#include "runtime/base/json_stream.h"
#include "runtime/base/json_write.h"
#include "runtime/base/md_text.h"
#include "runtime/base/strbuf.h"
#include "tests/tmpdir.h"

/* ---- strbuf ------------------------------------------------------------------------- */

static void strbuf_starts_empty_and_grows(void **state) {
  (void)state;
  cjm_strbuf b = {0};
  assert_null(b.data);
  cjm_strbuf_write(&b, "", 0);
  assert_int_equal(b.len, 0);
  for (int i = 0; i < 10000; i++) cjm_strbuf_write(&b, "ab", 2);
  assert_int_equal(b.len, 20000);
  assert_true(b.capacity > b.len);
  assert_int_equal(b.data[b.len], '\0');
  assert_memory_equal(b.data + 19996, "abab", 4);
  cjm_strbuf_free(&b);
  assert_null(b.data);
  assert_int_equal(b.len, 0);
  cjm_strbuf_puts(&b, "again");
  assert_string_equal(b.data, "again");
  cjm_strbuf_free(&b);
}

static void strbuf_printf_short_and_long(void **state) {
  (void)state;
  cjm_strbuf b = {0};
  cjm_strbuf_printf(&b, "%s=%d;", "n", 42);
  assert_string_equal(b.data, "n=42;");
  /* longer than the 512-byte buffer on the stack: formatted again, whole */
  char long_text[2001];
  memset(long_text, 'x', 2000);
  long_text[2000] = '\0';
  cjm_strbuf_printf(&b, "[%s]%d", long_text, 7);
  assert_int_equal(b.len, 5 + 2 + 2000 + 1);
  assert_int_equal(b.data[5], '[');
  assert_int_equal(b.data[5 + 2000], 'x');
  assert_string_equal(b.data + 5 + 2001, "]7");
  /* exactly at the edge of the stack buffer */
  cjm_strbuf_free(&b);
  memset(long_text, 'y', 511);
  long_text[511] = '\0';
  cjm_strbuf_printf(&b, "%s", long_text);
  assert_int_equal(b.len, 511);
  long_text[511] = 'y';
  long_text[512] = '\0';
  cjm_strbuf_printf(&b, "%s", long_text);
  assert_int_equal(b.len, 511 + 512);
  cjm_strbuf_free(&b);
}

/* ---- Markdown escaping -------------------------------------------------------------- */

/* The escape of text (len bytes), in a static buffer. */
static const char *md(const char *text, size_t len) {
  static char result[512];
  cjm_strbuf b = {0};
  cjm_md_escape(&b, text, len);
  snprintf(result, sizeof result, "%s", b.data ? b.data : "");
  cjm_strbuf_free(&b);
  return result;
}
#define MD(s) md(s, sizeof s - 1)

static void md_escapes_markup(void **state) {
  (void)state;
  assert_string_equal(MD("plain text"), "plain text");
  assert_string_equal(MD("a\\b|c`d*e[f]g~h"), "a\\\\b\\|c\\`d\\*e\\[f\\]g\\~h");
  assert_string_equal(MD("<b>&amp;</b>"), "&lt;b&gt;&amp;amp;&lt;/b&gt;");
  assert_string_equal(MD("one\ntwo\tthree"), "one<br>two three");
  assert_string_equal(MD(""), "");
}

static void md_underscores(void **state) {
  (void)state;
  assert_string_equal(MD("snake_case_name"), "snake_case_name"); /* inside words */
  assert_string_equal(MD("_start"), "\\_start");
  assert_string_equal(MD("end_"), "end\\_");
  assert_string_equal(MD("a _b_ c"), "a \\_b\\_ c");
  assert_string_equal(MD("x_ y"), "x\\_ y");
  assert_string_equal(MD("9_Z"), "9_Z");
  assert_string_equal(MD("é_é"), "é\\_é"); /* only ASCII letters and digits make a word here */
  assert_string_equal(MD("a:_b"), "a:\\_b");     /* ':' is no letter (between '9' and 'A') */
  assert_string_equal(MD("a_{b"), "a\\_{b");     /* nor '{' (after 'z') */
}

static void md_mentions(void **state) {
  (void)state;
  assert_string_equal(MD("ask @mia"), "ask @\xE2\x81\xA0mia");
  assert_string_equal(MD("@_team @-x @9"), "@\xE2\x81\xA0\\_team @\xE2\x81\xA0-x @\xE2\x81\xA0" "9");
  assert_string_equal(MD("mail @ noon"), "mail @ noon");
  assert_string_equal(MD("at end @"), "at end @");
}

static void md_controls_and_bad_bytes(void **state) {
  (void)state;
  /* controls, C1 controls and ill-formed bytes become U+FFFD */
  assert_string_equal(MD("a\x01" "b\x7f" "c"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  assert_string_equal(MD("\xC2\x85"), "\xEF\xBF\xBD");
  assert_string_equal(MD("x\xFFy\xC3"), "x\xEF\xBF\xBDy\xEF\xBF\xBD");
  assert_string_equal(MD("\xE4\xB8\xAD\xE6\x96\x87"), "\xE4\xB8\xAD\xE6\x96\x87"); /* 中文 kept */
  cjm_strbuf b = {0};
  cjm_md_escape_str(&b, "a|b");
  assert_string_equal(b.data, "a\\|b");
  cjm_strbuf_free(&b);
}

/* ---- JSON ----------------------------------------------------------------------------- */

static void json_written_in_order(void **state) {
  (void)state;
  json_t *doc = json_object();
  json_object_set_new(doc, "zeta", json_integer(1));
  json_object_set_new(doc, "alpha", json_real(0.1));
  json_object_set_new(doc, "text", json_string("caf\xC3\xA9 \"q\""));
  cjm_strbuf out = {0};
  cjm_diags *diags = cjm_diags_new();
  assert_true(cjm_json_emit(doc, "the test document", &out, diags)); /* takes doc */
  assert_string_equal(out.data, "{\n  \"zeta\": 1,\n  \"alpha\": 0.1,\n  \"text\": \"caf\xC3\xA9 \\\"q\\\"\"\n}\n");
  assert_int_equal(cjm_diags_count(diags), 0);
  cjm_strbuf_free(&out);
  cjm_diags_free(diags);
}

static void json_refused_is_a_diagnostic(void **state) {
  (void)state;
  /* jansson encodes only an object or an array as a document */
  json_t *scalar = json_integer(3);
  cjm_strbuf out = {0};
  assert_false(cjm_json_write(scalar, &out));
  assert_int_equal(out.len, 0);
  cjm_diags *diags = cjm_diags_new();
  assert_false(cjm_json_emit(scalar, "a number alone", &out, diags)); /* takes scalar */
  assert_int_equal(out.len, 0);
  assert_int_equal(cjm_diags_count(diags), 1);
  assert_int_equal(cjm_diags_errors(diags), 1);
  assert_string_equal(cjm_diags_at(diags, 0)->name, "io");
  assert_string_equal(cjm_diags_at(diags, 0)->message, "cannot encode a number alone as JSON");
  cjm_strbuf_free(&out);
  cjm_diags_free(diags);
}


/* ---- JSON streamed ----------------------------------------------------------------------- */

static void jstream_escapes_and_numbers(void **state) {
  (void)state;
  cjm_strbuf out = {0};
  cjm_jstream js;
  cjm_jstream_init(&js, &out);
  cjm_jstream_begin_array(&js);
  cjm_jstream_string(&js, "a\bb\fc\n\r\t\x01\"\\");
  cjm_jstream_string(&js, NULL);
  cjm_jstream_string2(&js, "ok ", "bad \xFF byte"); /* not UTF-8: one replacement character */
  cjm_jstream_string2(&js, "\xC3", "");
  cjm_jstream_real(&js, 100.0);                     /* read back as a real: 100.0 */
  cjm_jstream_real(&js, 1e-5);                      /* 1e-05 -> 1e-5 */
  cjm_jstream_real(&js, -2.5e-12);
  cjm_jstream_real(&js, 1e20);                      /* 1e+20 -> 1e20 */
  cjm_jstream_integer(&js, -42);
  cjm_jstream_bool(&js, false);
  cjm_jstream_end_array(&js);
  cjm_jstream_finish(&js);
  assert_non_null(strstr(out.data, "\"a\\bb\\fc\\n\\r\\t\\u0001\\\"\\\\\""));
  assert_non_null(strstr(out.data, "null"));
  assert_non_null(strstr(out.data, "\"\xEF\xBF\xBD\",\n  \"\xEF\xBF\xBD\""));
  assert_non_null(strstr(out.data, "100.0"));
  assert_non_null(strstr(out.data, "1e-5,"));
  assert_non_null(strstr(out.data, "-2.5e-12,"));
  assert_non_null(strstr(out.data, "1e20,"));
  json_error_t error;
  json_t *back = json_loads(out.data, 0, &error);
  assert_non_null(back); /* what it wrote is JSON */
  assert_int_equal(json_array_size(back), 10);
  assert_true(json_is_real(json_array_get(back, 4)));
  assert_true(json_real_value(json_array_get(back, 5)) == 1e-5);
  json_decref(back);
  cjm_strbuf_free(&out);
}

/* ---- writing atomically ---------------------------------------------------------------- */

/* A fresh scratch directory's path in buf. */
static void scratch_dir(char *buf, size_t size) {
  snprintf(buf, size, "%s/cjm-base-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  assert_non_null(mkdtemp(buf));
}

/* The text of the file at path (static buffer). */
static const char *slurp(const char *path) {
  static char text[256];
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  size_t n = fread(text, 1, sizeof text - 1, f);
  text[n] = '\0';
  fclose(f);
  return text;
}

static void atomic_write_refusals(void **state) {
  (void)state;
  char dir[256], path[512], link[512];
  scratch_dir(dir, sizeof dir);
  cjm_strbuf out = {0};
  cjm_strbuf_puts(&out, "new\n");
  const char *error = NULL;
  /* a directory */
  assert_false(cjm_atomic_write(&out, dir, &error));
  assert_string_equal(error, strerror(EISDIR));
  /* a missing directory */
  snprintf(path, sizeof path, "%s/missing/out.txt", dir);
  assert_false(cjm_atomic_write(&out, path, &error));
  assert_string_equal(error, "no such directory");
  /* a dangling symbolic link is not written through */
  snprintf(link, sizeof link, "%s/dangling", dir);
  assert_int_equal(symlink("nowhere/at/all", link), 0);
  assert_false(cjm_atomic_write(&out, link, &error));
  assert_string_equal(error, "a dangling symbolic link (not written through)");
  /* a device that is full: written in place, and the failure said */
  if (access("/dev/full", W_OK) == 0) {
    assert_false(cjm_atomic_write(&out, "/dev/full", &error));
    assert_string_equal(error, strerror(ENOSPC));
  }
  /* a device written in place */
  assert_true(cjm_atomic_write(&out, "/dev/null", &error));
  cjm_strbuf_free(&out);
  assert_int_equal(tmpdir_remove(dir), 0);
}

static void atomic_write_replaces_and_keeps(void **state) {
  (void)state;
  char dir[256], path[512], link[512];
  scratch_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/file.txt", dir);
  snprintf(link, sizeof link, "%s/link.txt", dir);
  assert_true(tmpdir_write(dir, "file.txt", "old\n"));
  assert_int_equal(chmod(path, 0640), 0);
  assert_int_equal(symlink("file.txt", link), 0);
  cjm_strbuf out = {0};
  cjm_strbuf_puts(&out, "new\n");
  const char *error = NULL;
  /* through the link: its target replaced, its mode kept, the link a link */
  assert_true(cjm_atomic_write(&out, link, &error));
  assert_string_equal(slurp(path), "new\n");
  struct stat st;
  assert_int_equal(lstat(link, &st), 0);
  assert_true(S_ISLNK(st.st_mode));
  assert_int_equal(stat(path, &st), 0);
  assert_int_equal(st.st_mode & 07777, 0640);
  /* an empty result empties the file */
  cjm_strbuf empty = {0};
  assert_true(cjm_atomic_write(&empty, path, &error));
  assert_string_equal(slurp(path), "");
  /* the file standard output already writes to (opened for appending): written through it */
  assert_true(tmpdir_write(dir, "file.txt", "first\n"));
  int saved = stdout_to(path, O_WRONLY | O_APPEND);
  assert_true(saved >= 0);
  bool through = cjm_atomic_write(&out, path, &error);
  bool dash = cjm_atomic_write(&out, "-", &error);
  stdout_restore(saved);
  assert_true(through && dash);
  assert_string_equal(slurp(path), "first\nnew\nnew\n");
  /* standard output on a full device */
  if (access("/dev/full", W_OK) == 0) {
    saved = stdout_to("/dev/full", O_WRONLY);
    assert_true(saved >= 0);
    bool full = cjm_atomic_write(&out, "-", &error);
    stdout_restore(saved);
    assert_false(full);
    assert_string_equal(error, strerror(ENOSPC));
  }
  /* no temporary file left */
  assert_true(tmpdir_write(dir, "probe", ""));
  FILE *ls = NULL;
  char cmd[600];
  snprintf(cmd, sizeof cmd, "ls -A '%s'", dir);
  ls = popen(cmd, "r");
  char names[256] = {0};
  size_t n = fread(names, 1, sizeof names - 1, ls);
  names[n] = '\0';
  pclose(ls);
  assert_string_equal(names, "file.txt\nlink.txt\nprobe\n");
  cjm_strbuf_free(&out);
  assert_int_equal(tmpdir_remove(dir), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(strbuf_starts_empty_and_grows),
      cmocka_unit_test(strbuf_printf_short_and_long),
      cmocka_unit_test(md_escapes_markup),
      cmocka_unit_test(md_underscores),
      cmocka_unit_test(md_mentions),
      cmocka_unit_test(md_controls_and_bad_bytes),
      cmocka_unit_test(json_written_in_order),
      cmocka_unit_test(json_refused_is_a_diagnostic),
      cmocka_unit_test(jstream_escapes_and_numbers),
      cmocka_unit_test(atomic_write_refusals),
      cmocka_unit_test(atomic_write_replaces_and_keeps),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
