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

#include <jansson.h>

#include "lang/diag.h"
#include "runtime/base/json_write.h"
#include "runtime/base/md_text.h"
#include "runtime/base/strbuf.h"

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
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
