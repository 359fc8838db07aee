/* Unit tests for escape.c (user text for Graphviz plain strings, HTML-like
 * labels and SVG/XML) and text_wrap.c (width estimates and wrapping). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/render/graphviz/escape.h"
#include "runtime/render/graphviz/text_wrap.h"

/* An escape for a Graphviz label, which writes line breaks as told. */
typedef void (*escape_fn)(cjm_strbuf *out, const char *s, size_t len, const char *line_break);

/* An escape that keeps line breaks as they are. */
typedef void (*text_escape_fn)(cjm_strbuf *out, const char *s, size_t len);

/* Asserts that out holds want, and frees it. */
static void expect_output(cjm_strbuf *out, const char *want) {
  assert_string_equal(out->data ? out->data : "", want);
  cjm_strbuf_free(out);
}

/* Escapes s with fn and compares with want. */
static void expect_escaped(escape_fn fn, const char *s, const char *line_break, const char *want) {
  cjm_strbuf out = {0};
  fn(&out, s, strlen(s), line_break);
  expect_output(&out, want);
}

static void expect_text_escaped(text_escape_fn fn, const char *s, const char *want) {
  cjm_strbuf out = {0};
  fn(&out, s, strlen(s));
  expect_output(&out, want);
}

static void test_plain_doubles_backslashes(void **state) {
  (void)state;
  expect_escaped(cjm_escape_gv_plain, "\\N \\G \\l \\n \\\\", NULL, "\\\\N \\\\G \\\\l \\\\n \\\\\\\\");
  expect_escaped(cjm_escape_gv_plain, "trailing \\", NULL, "trailing \\\\");
}

static void test_plain_keeps_quotes_for_agwrite(void **state) {
  (void)state;
  /* quoting is agwrite's job: the value is stored as written */
  expect_escaped(cjm_escape_gv_plain, "\"]; x [label=\"", NULL, "\"]; x [label=\"");
  /* Graphviz decodes entities in plain labels: & must stay an ampersand */
  expect_escaped(cjm_escape_gv_plain, "<script>&amp;", NULL, "<script>&amp;amp;");
}

static void test_tooltip(void **state) {
  (void)state;
  /* Graphviz 2.42 reads a tooltip's backslashes twice */
  expect_text_escaped(cjm_escape_gv_tooltip, "\\N \\", "\\\\\\\\N \\\\\\\\");
  expect_text_escaped(cjm_escape_gv_tooltip, "&lt; & \"q\" <b>", "&amp;lt; &amp; \"q\" <b>");
  expect_text_escaped(cjm_escape_gv_tooltip, "line\nnext\ttab", "line\nnext tab");
}

static void test_plain_newlines_and_controls(void **state) {
  (void)state;
  expect_escaped(cjm_escape_gv_plain, "a\nb", "\\n", "a\\nb");
  expect_escaped(cjm_escape_gv_plain, "a\nb", "\\l", "a\\lb");
  expect_escaped(cjm_escape_gv_plain, "a\nb", NULL, "a b");
  expect_escaped(cjm_escape_gv_plain, "a\r\nb", "\n", "a\nb");
  expect_escaped(cjm_escape_gv_plain, "tab\there", NULL, "tab here");
  expect_escaped(cjm_escape_gv_plain, "bell\a!", NULL, "bell\xEF\xBF\xBD!");
  expect_escaped(cjm_escape_gv_plain, "del\x7F", NULL, "del\xEF\xBF\xBD");
}

static void test_html_markup_and_backslashes(void **state) {
  (void)state;
  expect_escaped(cjm_escape_gv_html, "<script>alert('x')</script>", NULL,
                 "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  expect_escaped(cjm_escape_gv_html, "&amp; \"q\"", NULL, "&amp;amp; &quot;q&quot;");
  expect_escaped(cjm_escape_gv_html, "</TD></TR></TABLE>>", NULL, "&lt;/TD&gt;&lt;/TR&gt;&lt;/TABLE&gt;&gt;");
  expect_escaped(cjm_escape_gv_html, "\\N \\G", NULL, "\\\\N \\\\G");
  expect_escaped(cjm_escape_gv_html, "a\nb", "<BR/>", "a<BR/>b");
  expect_escaped(cjm_escape_gv_html, "a\nb", NULL, "a b");
}

static void test_html_keeps_utf8(void **state) {
  (void)state;
  expect_escaped(cjm_escape_gv_html, "小美，大学生 — Кириллица", NULL, "小美，大学生 — Кириллица");
}

static void test_xml(void **state) {
  (void)state;
  expect_text_escaped(cjm_escape_xml, "<a href=\"x\">'&'</a>", "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  expect_text_escaped(cjm_escape_xml, "]]> <!-- -- -->", "]]&gt; &lt;!-- -- --&gt;");
  expect_text_escaped(cjm_escape_xml, "\\N stays", "\\N stays");
  expect_text_escaped(cjm_escape_xml, "line\nnext\ttab\x01", "line\nnext\ttab\xEF\xBF\xBD");
  expect_text_escaped(cjm_escape_xml, "", "");
}

static void test_escape_appends(void **state) {
  (void)state;
  cjm_strbuf out = {0};
  cjm_strbuf_puts(&out, "[");
  cjm_escape_gv_html(&out, "<", 1, NULL);
  cjm_escape_xml(&out, "&", 1);
  cjm_escape_gv_plain(&out, "\\", 1, NULL);
  cjm_strbuf_puts(&out, "]");
  expect_output(&out, "[&lt;&amp;\\\\]");
}

/* ---- text_wrap ---------------------------------------------------------- */

/* Wraps s and returns the lines joined by '|'. */
static char *wrapped(const char *s, double size, double width) {
  cjm_text_lines lines = {0};
  size_t n = cjm_text_wrap(&lines, s, strlen(s), size, false, width);
  assert_int_equal(n, lines.count);
  size_t total = 1;
  for (size_t i = 0; i < n; i++) total += lines.items[i].len + 1;
  char *out = calloc(total, 1);
  for (size_t i = 0; i < n; i++) {
    if (i) strcat(out, "|");
    strncat(out, lines.items[i].text, lines.items[i].len);
  }
  cjm_text_lines_free(&lines);
  return out;
}

static void expect_wrap(const char *s, double width, const char *want) {
  char *got = wrapped(s, 10, width);
  assert_string_equal(got, want);
  free(got);
}

static void test_width_estimates(void **state) {
  (void)state;
  /* measured through Graphviz (`dot -Txdot`, DejaVu Sans at 10 pt): the
     estimate is at least the width and at most 8% more */
  double w = cjm_text_width("xxxxxxxxxx", 10, 10, false);
  assert_true(w >= 61 && w <= 61 * 1.08);
  assert_true(cjm_text_width("xxxxxxxxxx", 10, 10, true) >= 68 * 0.98); /* hinting rounds bold x up */
  /* Cyrillic is as narrow as Latin, not overestimated by half */
  const char *ru = "Поиск по каталогу неудобен";
  double rw = cjm_text_width(ru, strlen(ru), 10, false);
  assert_true(rw >= 152 && rw <= 152 * 1.08);
  assert_true(cjm_text_width(ru, strlen(ru), 10, true) >= 168);
  /* curly quotes, ellipses and dashes are proportional, not full width */
  const char *punct = "It\xE2\x80\x99s fine\xE2\x80\xA6 \xE2\x80\x94 ok";
  double pw = cjm_text_width(punct, strlen(punct), 10, false);
  assert_true(pw >= 74 && pw <= 74 * 1.08);
  assert_true(cjm_text_width("\xE2\x80\x99", 3, 10, false) < 4);
  const char *digits = "2024-05-01 18:30";
  double dw = cjm_text_width(digits, strlen(digits), 10, false);
  assert_true(dw >= 86 && dw <= 86 * 1.1);
  /* a CJK ideograph is a full em */
  double cjk = cjm_text_width("中文字符", strlen("中文字符"), 10, false);
  assert_true(cjk >= 40 && cjk <= 43);
  assert_true(cjm_text_width("Bold", 4, 10, true) > cjm_text_width("Bold", 4, 10, false));
  assert_true(cjm_text_width("", 0, 10, false) == 0);
  assert_true(cjm_text_line_height(10) > 10.9 && cjm_text_line_height(10) < 11.1);
}

/* The advance text_wrap gives the characters s in 1/1000 em: their width
 * at 1000 points, less the 4% it adds for hinting. */
static long advance_of(const char *s, bool bold) { return lround(cjm_text_width(s, strlen(s), 1000, bold) / 1.04); }

/* Exact advances from each part of runtime/render/graphviz/glyph_advance.tsv (as
 * measured), and the fallbacks for characters it does not list. */
static void test_width_per_character(void **state) {
  (void)state;
  static const struct {
    const char *s;      /* one character */
    long regular, bold; /* its advance */
  } cases[] = {
      {" ", 315, 345},                   /* ASCII: a space, measured between letters */
      {"!", 398, 458},                   /* the first printable one */
      {"x", 593, 646},
      {"W", 990, 1103},
      {"\\", 338, 368},                 /* a backslash, drawn once (escape.c doubles it for Graphviz) */
      {"~", 840, 840},                   /* the last */
      {"\xC2\xA0", 316, 346},            /* U+00A0 no-break space: Latin-1 */
      {"\xC3\xA9", 616, 676},            /* U+00E9 e acute */
      {"\xC5\xBF", 353, 436},            /* U+017F long s: the last of Latin Extended-A */
      {"\xD0\x96", 1080, 1223},          /* U+0416 Cyrillic Zhe */
      {"\xD1\x8F", 600, 646},            /* U+044F Cyrillic ya */
      {"\xE2\x80\x94", 998, 998},        /* U+2014 em dash: General Punctuation */
      {"\xE2\x80\x99", 316, 383},        /* U+2019 right single quotation mark */
      {"\xE2\x86\x92", 840, 840},        /* U+2192 rightwards arrow: a symbol */
      {"\xE2\x82\xAC", 638, 698},        /* U+20AC euro sign */
      {"\xEF\xBF\xBD", 1028, 1110},      /* U+FFFD replacement character */
      {"\xFF", 1028, 1110},              /* an ill-formed byte, drawn as U+FFFD */
      {"\xE4\xB8\xAD", 1000, 1000},      /* U+4E2D: CJK, unlisted, a full em */
      {"\xF0\x9F\x98\x80", 1250, 1250},  /* U+1F600: a wide emoji: Noto Color Emoji's 1.25 em */
      {"\xE2\x98\x95", 1250, 1250},      /* U+2615: a wide symbol Noto Color Emoji sets */
      {"\xCE\xB1", 760, 840},            /* U+03B1 Greek alpha: unlisted, narrow */
      {"\xC6\x80", 760, 840},            /* U+0180: just past Latin Extended-A */
      {"\xCC\x81", 0, 0},                /* U+0301 combining acute: no advance */
      {"\t", 0, 0},                      /* control characters: none */
      {"\xC2\x85", 0, 0},                /* U+0085 */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    long regular = advance_of(cases[i].s, false), bold = advance_of(cases[i].s, true);
    if (regular != cases[i].regular || bold != cases[i].bold)
      fail_msg("case %zu: advances %ld and %ld, want %ld and %ld", i, regular, bold, cases[i].regular, cases[i].bold);
  }
}

static void test_wrap_at_spaces(void **state) {
  (void)state;
  expect_wrap("Twelve models, no comparison table", 100, "Twelve models, no|comparison table");
  expect_wrap("short", 200, "short");
  expect_wrap("", 100, "");
  expect_wrap("   ", 100, "");
  expect_wrap("a  b", 1000, "a  b");
  expect_wrap("  lead", 1000, "lead");
}

static void test_wrap_newlines(void **state) {
  (void)state;
  expect_wrap("one\ntwo", 1000, "one|two");
  expect_wrap("one\n\ntwo", 1000, "one||two");
  expect_wrap("one\r\ntwo", 1000, "one|two");
}

static void test_wrap_cuts_long_words(void **state) {
  (void)state;
  char *got = wrapped("abcdefghijklmnopqrstuvwxyz", 10, 40);
  /* every line fits and nothing is lost */
  size_t letters = 0;
  for (const char *p = got; *p; p++) letters += *p != '|';
  assert_int_equal(letters, 26);
  assert_non_null(strchr(got, '|'));
  free(got);
}

static void test_wrap_cjk_with_kinsoku(void **state) {
  (void)state;
  /* ideographs break anywhere, but never before a full-width comma */
  expect_wrap("门口排队很长，不知道要等多久", 62, "门口排队很|长，不知道|要等多久");
  /* the comma would start the second line: the ideograph before it moves down too */
  expect_wrap("一二三四，五", 44, "一二三|四，五");
  expect_wrap("比想象中还香", 1000, "比想象中还香");
}

static void test_wrap_keeps_katakana_words(void **state) {
  (void)state;
  /* a katakana loanword is one word: the break goes before it, not inside */
  expect_wrap("無料トライアルに申し込む", 62, "無料|トライアル|に申し込む");
  expect_wrap("提供するコンテンツ", 62, "提供する|コンテンツ");
  /* the middle dot separates katakana words */
  expect_wrap("フィールド・セールス", 70, "フィールド・|セールス");
}

static void test_wrap_keeps_last_wide_character_company(void **state) {
  (void)state;
  /* the last character of a paragraph never goes alone on its line, at
   * any width that holds three characters */
  static const char *const texts[] = {"オンラインセミナーに参加する", "月末の締めで残業が続く", "纸质收据的核对要花一整天"};
  for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
    for (double width = 30; width <= 160; width += 1) {
      char *got = wrapped(texts[t], 10, width);
      const char *bar = strrchr(got, '|');
      if (bar && strlen(bar + 1) <= 3) fail_msg("'%s' at %g: one character alone: %s", texts[t], width, got);
      free(got);
    }
}

static void test_wrap_cut_word_keeps_two_characters(void **state) {
  (void)state;
  /* a word wider than the line is cut, but never before its last character */
  char *got = wrapped("Ответственность", 10, 80);
  const char *bar = strrchr(got, '|');
  assert_non_null(bar);
  assert_true(strlen(bar + 1) > 2); /* more than one Cyrillic letter (2 bytes each) */
  free(got);
  got = wrapped("トライアルトライアル", 10, 45);
  bar = strrchr(got, '|');
  assert_non_null(bar);
  assert_true(strlen(bar + 1) > 3); /* more than one katakana (3 bytes each) */
  free(got);
}

static void test_wrap_hyphen(void **state) {
  (void)state;
  expect_wrap("visit-to-order conversion", 60, "visit-to-|order|conversion");
}

/* A line may break after a slash, an en dash or an em dash, as after a
 * hyphen; half-width katakana is a word like full-width katakana. */
static void test_wrap_dashes_slashes_half_width(void **state) {
  (void)state;
  expect_wrap("web/app/shop/phone", 40, "web/|app/|shop/|phone");
  expect_wrap("before–after–again", 50, "before–|after–|again");
  expect_wrap("before—after—again", 50, "before—|after—|again");
  expect_wrap("無料ﾄﾗｲｱﾙ", 40, "無料|ﾄﾗｲｱﾙ");
}

static void test_wrap_lines_fit(void **state) {
  (void)state;
  const char *s = "Поиск по каталогу неудобен на телефоне; 400 моделей и никакого сравнения";
  cjm_text_lines lines = {0};
  cjm_text_wrap(&lines, s, strlen(s), 10, false, 120);
  assert_true(lines.count >= 3);
  for (size_t i = 0; i < lines.count; i++)
    assert_true(cjm_text_width(lines.items[i].text, lines.items[i].len, 10, false) <= 120 + 1e-9);
  cjm_text_lines_free(&lines);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_doubles_backslashes),
      cmocka_unit_test(test_plain_keeps_quotes_for_agwrite),
      cmocka_unit_test(test_plain_newlines_and_controls),
      cmocka_unit_test(test_tooltip),
      cmocka_unit_test(test_html_markup_and_backslashes),
      cmocka_unit_test(test_html_keeps_utf8),
      cmocka_unit_test(test_xml),
      cmocka_unit_test(test_escape_appends),
      cmocka_unit_test(test_width_estimates),
      cmocka_unit_test(test_width_per_character),
      cmocka_unit_test(test_wrap_at_spaces),
      cmocka_unit_test(test_wrap_newlines),
      cmocka_unit_test(test_wrap_cuts_long_words),
      cmocka_unit_test(test_wrap_cjk_with_kinsoku),
      cmocka_unit_test(test_wrap_keeps_katakana_words),
      cmocka_unit_test(test_wrap_keeps_last_wide_character_company),
      cmocka_unit_test(test_wrap_dashes_slashes_half_width),
      cmocka_unit_test(test_wrap_cut_word_keeps_two_characters),
      cmocka_unit_test(test_wrap_hyphen),
      cmocka_unit_test(test_wrap_lines_fit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
