/* Unit tests for the scanner through cjm_tokenize: every token kind, the
 * decoded value of strings and numbers, locations in code points, the byte
 * order mark, CRLF, the diagnostics for ill-formed input, and the table of
 * keywords. They run twice: with the fast lexer, and with the flex rules
 * alone (test_lexers_agree compares the two on many more texts). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lang/ast.h"
#include "lang/keywords.h"
#include "lang/parse.h"
#include "tests/diag_expect.h"
#include "tests/leftovers.h"
#include "tests/text_input.h"

/* One tokenized buffer and everything needed to free it (text_input_free). */
typedef struct lexed {
  text_input in; /* first: the text, read as "t.cjm" */
  cjm_token *tokens;
  size_t count;
} lexed;

/* The lexer the tests run with (main runs them with each). */
static cjm_lexer lexer_under_test;

/* Tokenizes text[0..len) as the file "t.cjm". */
static lexed *lex_n(const char *text, size_t len) {
  lexed *l = text_input_new(sizeof *l, text, len);
  cjm_parse_options options = {.lexer = lexer_under_test};
  l->count = cjm_tokenize_with(l->in.src, l->in.arena, l->in.names, l->in.diags, &options, &l->tokens);
  return l;
}

#define LEX(s) lex_n((s), LIT_LEN(s))

/* A token a test expects: its kind and text, and its span on one line. */
typedef struct want_token {
  cjm_token_kind kind;
  const char *text;
  uint32_t line, col, end_col;
} want_token;

/* Asserts the i-th token. */
static void expect_token(const lexed *l, size_t i, const want_token *w) {
  assert_true(i < l->count);
  const cjm_token *t = &l->tokens[i];
  assert_non_null(t->text);
  assert_ptr_equal(t->loc.source, l->in.src);
  if (t->kind != w->kind || strcmp(t->text, w->text) != 0 || t->loc.line != w->line || t->loc.col != w->col ||
      t->loc.end_line != w->line || t->loc.end_col != w->end_col)
    fail_msg("token %zu is %d \"%s\" at %u:%u-%u:%u, expected %d \"%s\" at %u:%u-%u", i, (int)t->kind, t->text,
             t->loc.line, t->loc.col, t->loc.end_line, t->loc.end_col, (int)w->kind, w->text, w->line, w->col,
             w->end_col);
}

/* Asserts that l's tokens from the first-th on are the n of want. */
static void expect_tokens_at(const lexed *l, size_t first, const want_token *want, size_t n) {
  for (size_t i = 0; i < n; i++) expect_token(l, first + i, &want[i]);
}

/* Asserts that l's tokens are exactly the n of want. */
static void expect_tokens(const lexed *l, const want_token *want, size_t n) {
  if (l->count != n) fail_msg("%zu tokens, expected %zu", l->count, n);
  expect_tokens_at(l, 0, want, n);
}

/* ---- keywords and identifiers ------------------------------------------- */

/* Asserts that the words, written one a line, lex cleanly as keywords of
 * kind. One a line: on a head's line, a keyword after `persona` would be
 * read as the name it declares, and on the line of a keyword that wants a
 * name (`by via`), as that name (see reserved_word_after_by). */
static void expect_keywords(cjm_token_kind kind, const char *const *words, size_t n) {
  char text[256] = "";
  for (size_t i = 0; i < n; i++) {
    if (i) strcat(text, "\n");
    strcat(text, words[i]);
  }
  lexed *l = lex_n(text, strlen(text));
  expect_no_diags(l->in.diags);
  assert_int_equal(l->count, n);
  for (size_t i = 0; i < n; i++)
    expect_token(l, i, &(want_token){kind, words[i], (uint32_t)i + 1, 1, 1 + (uint32_t)strlen(words[i])});
  text_input_free(l);
}

static void block_keywords(void **state) {
  (void)state;
  static const char *const words[] = {"use", "journey", "persona", "channel", "lane", "metric", "stage", "step"};
  expect_keywords(CJM_TOKEN_BLOCK_KEYWORD, words, sizeof words / sizeof words[0]);
}

static void keyword_as_declared_name(void **state) {
  (void)state;
  /* `stage use "Use"`: reported once, then read as the name. */
  lexed *l = LEX("stage use \"Use\"\nstep\nnext");
  expect_diags_containing(l->in.diags, ARRAY(want_diag,
      {"syntax", 1, 7, "'use' is a reserved word and cannot be used as an identifier"}));
  /* On the next line a keyword is a keyword again. */
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_BLOCK_KEYWORD, "stage", 1, 1, 6},
      {CJM_TOKEN_IDENT, "use", 1, 7, 10},
      {CJM_TOKEN_STRING, "Use", 1, 11, 16},
      {CJM_TOKEN_BLOCK_KEYWORD, "step", 2, 1, 5},
      {CJM_TOKEN_ENTRY_KEYWORD, "next", 3, 1, 5}));
  text_input_free(l);
}

static void entry_keywords(void **state) {
  (void)state;
  static const char *const words[] = {"by",    "via",    "feel", "for",  "measure", "next",
                                      "scale", "status", "kind", "unit", "target",  "better"};
  expect_keywords(CJM_TOKEN_ENTRY_KEYWORD, words, sizeof words / sizeof words[0]);
}

/* Every row of keywords.def: a reserved word lexes as a keyword of its
 * kind, a value word as an identifier; each is found in the table, is or
 * is not a keyword to the later phases, and has its line of help. */
static void every_row_of_the_keyword_table(void **state) {
  (void)state;
  size_t blocks = 0, entries = 0;
  for (size_t i = 0; i < CJM_KEYWORD_ROWS; i++) {
    const cjm_keyword *k = &cjm_keywords[i];
    bool reserved = k->kind != CJM_KEYWORD_VALUE;
    assert_int_equal(reserved, i < CJM_RESERVED_WORDS); /* reserved words first */
    assert_int_equal(k->len, strlen(k->word));
    assert_ptr_equal(cjm_keyword_find(k->word, k->len), k);
    assert_int_equal(cjm_is_keyword(k->word), reserved);
    assert_true(k->help && strlen(k->help) > 10);
    cjm_token_kind kind = k->kind == CJM_KEYWORD_BLOCK ? CJM_TOKEN_BLOCK_KEYWORD
                          : reserved                   ? CJM_TOKEN_ENTRY_KEYWORD
                                                       : CJM_TOKEN_IDENT;
    lexed *l = lex_n(k->word, k->len);
    expect_no_diags(l->in.diags);
    expect_tokens(l, ARRAY(want_token, {kind, k->word, 1, 1, 1 + k->len}));
    text_input_free(l);
    if (k->kind == CJM_KEYWORD_BLOCK) assert_string_equal(cjm_block_keyword((cjm_block_kind)k->node), k->word);
    if (k->kind == CJM_KEYWORD_ENTRY) assert_string_equal(cjm_entry_keyword((cjm_entry_kind)k->node), k->word);
    blocks += k->kind == CJM_KEYWORD_BLOCK;
    entries += k->kind == CJM_KEYWORD_ENTRY;
  }
  assert_int_equal(blocks, CJM_BLOCK_KEYWORDS);
  assert_int_equal(entries, CJM_ENTRY_KEYWORDS);
  assert_null(cjm_keyword_find("stages", 6));
  assert_false(cjm_is_keyword("stages"));
}

static void reserved_word_after_by(void **state) {
  (void)state;
  lexed *l = LEX("by via");
  expect_tokens(l, ARRAY(want_token, {CJM_TOKEN_ENTRY_KEYWORD, "by", 1, 1, 3}, {CJM_TOKEN_IDENT, "via", 1, 4, 7}));
  assert_int_equal(cjm_diags_count(l->in.diags), 1);
  assert_string_equal(cjm_diags_at(l->in.diags, 0)->message,
                      "'via' is a reserved word and cannot be used as an identifier");
  text_input_free(l);
}

static void identifiers_of_every_script(void **state) {
  (void)state;
  lexed *l = LEX("as-is first_buyer \xE6\x80\xBB\xE8\xA3\x81 \xD0\xBA\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xBD\xD1\x82 _x x9 a-b-");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_IDENT, "as-is", 1, 1, 6},
      {CJM_TOKEN_IDENT, "first_buyer", 1, 7, 18},
      {CJM_TOKEN_IDENT, "\xE6\x80\xBB\xE8\xA3\x81", 1, 19, 21}, /* 总裁 */
      {CJM_TOKEN_IDENT, "\xD0\xBA\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xBD\xD1\x82", 1, 22, 28}, /* клиент */
      {CJM_TOKEN_IDENT, "_x", 1, 29, 31},
      {CJM_TOKEN_IDENT, "x9", 1, 32, 34},
      {CJM_TOKEN_IDENT, "a-b-", 1, 35, 39}));
  /* Byte offsets, too: 总裁 is six bytes. */
  assert_int_equal(l->tokens[2].loc.offset, 18);
  assert_int_equal(l->tokens[2].loc.end_offset, 24);
  text_input_free(l);
}

static void identifiers_are_interned(void **state) {
  (void)state;
  lexed *l = LEX("mia web mia");
  assert_int_equal(l->count, 3);
  assert_ptr_equal(l->tokens[0].text, l->tokens[2].text);
  assert_ptr_equal(l->tokens[0].text, cjm_intern_lookup(l->in.names, "mia", 3));
  assert_ptr_not_equal(l->tokens[0].text, l->tokens[1].text);
  text_input_free(l);
}

static void keyword_prefixes_are_identifiers(void **state) {
  (void)state;
  /* Longest match: a word that starts with a keyword is an identifier. */
  lexed *l = LEX("stages byway feeling for_x usex");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_IDENT, "stages", 1, 1, 7},
      {CJM_TOKEN_IDENT, "byway", 1, 8, 13},
      {CJM_TOKEN_IDENT, "feeling", 1, 14, 21},
      {CJM_TOKEN_IDENT, "for_x", 1, 22, 27},
      {CJM_TOKEN_IDENT, "usex", 1, 28, 32}));
  text_input_free(l);
}

/* ---- strings ------------------------------------------------------------ */

static void string_escapes(void **state) {
  (void)state;
  lexed *l = LEX("\"a\\\"b\" \"c\\\\d\" \"e\\nf\" \"g\\th\" \"\\u{41}\" \"\\u{1F600}\"");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_STRING, "a\"b", 1, 1, 7},
      {CJM_TOKEN_STRING, "c\\d", 1, 8, 14},
      {CJM_TOKEN_STRING, "e\nf", 1, 15, 21},
      {CJM_TOKEN_STRING, "g\th", 1, 22, 28},
      {CJM_TOKEN_STRING, "A", 1, 29, 37},
      {CJM_TOKEN_STRING, "\xF0\x9F\x98\x80", 1, 38, 49}));
  text_input_free(l);
}

static void string_with_non_ascii_text(void **state) {
  (void)state;
  lexed *l = LEX("\"\xE5\xB0\x8F\xE7\xBE\x8E \xC3\xA9\" x");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_STRING, "\xE5\xB0\x8F\xE7\xBE\x8E \xC3\xA9", 1, 1, 7},
      {CJM_TOKEN_IDENT, "x", 1, 8, 9}));
  text_input_free(l);
}

static void empty_string(void **state) {
  (void)state;
  lexed *l = LEX("\"\" x");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token, {CJM_TOKEN_STRING, "", 1, 1, 3}, {CJM_TOKEN_IDENT, "x", 1, 4, 5}));
  text_input_free(l);
}

static void bad_escapes(void **state) {
  (void)state;
  lexed *l = LEX("\"a\\qb\" \"\\u{D800}\" \"\\u{}\" \"\\u{110000}\"");
  expect_diags_containing(l->in.diags, ARRAY(want_diag,
      {"bad-escape", 1, 3, "unknown escape '\\q'"},
      {"bad-escape", 1, 9, "\\u{D800}"},
      {"bad-escape", 1, 20, "malformed \\u escape"},
      {"bad-escape", 1, 27, "\\u{110000}"}));
  assert_int_equal(diag_at(l->in.diags, 0)->loc.end_col, 5);
  assert_int_equal(diag_at(l->in.diags, 1)->loc.end_col, 17);
  /* The rest of the string survives the bad escape. */
  assert_int_equal(l->count, 4);
  assert_string_equal(l->tokens[0].text, "ab");
  assert_string_equal(l->tokens[1].text, "");
  text_input_free(l);
}

static void unterminated_string(void **state) {
  (void)state;
  lexed *l = LEX("\"abc\nx");
  expect_tokens(l, ARRAY(want_token, {CJM_TOKEN_STRING, "abc", 1, 1, 5}, {CJM_TOKEN_IDENT, "x", 2, 1, 2}));
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"unterminated-string", 1, 1, "missing closing quote"}));
  assert_int_equal(diag_at(l->in.diags, 0)->loc.end_col, 2);
  assert_int_equal(diag_at(l->in.diags, 0)->note_count, 1);
  text_input_free(l);
}

static void triple_quoted_string_is_dedented(void **state) {
  (void)state;
  lexed *l = LEX("quote \"\"\"\n"
                 "    First line\n"
                 "      indented\n"
                 "\n"
                 "    last\n"
                 "    \"\"\" x");
  expect_no_diags(l->in.diags);
  assert_int_equal(l->count, 3);
  const cjm_token *t = &l->tokens[1];
  assert_int_equal(t->kind, CJM_TOKEN_STRING);
  /* The newline after the opening quotes and the line of the closing
   * quotes are dropped; the common four spaces are removed; the blank
   * line stays. */
  assert_string_equal(t->text, "First line\n  indented\n\nlast");
  assert_int_equal(t->loc.line, 1);
  assert_int_equal(t->loc.col, 7);
  assert_int_equal(t->loc.end_line, 6);
  assert_int_equal(t->loc.end_col, 8);
  expect_token(l, 2, &(want_token){CJM_TOKEN_IDENT, "x", 6, 9, 10});
  text_input_free(l);
}

static void triple_quoted_string_on_one_line(void **state) {
  (void)state;
  lexed *l = LEX("\"\"\"say \"hi\" \\u{41}\"\"\" y");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token, {CJM_TOKEN_STRING, "say \"hi\" A", 1, 1, 22}, {CJM_TOKEN_IDENT, "y", 1, 23, 24}));
  text_input_free(l);
}

static void triple_quoted_string_keeps_deeper_indentation(void **state) {
  (void)state;
  /* The closing quotes' own indentation does not count. */
  lexed *l = LEX("\"\"\"\n  a\n    b\n\"\"\"");
  expect_no_diags(l->in.diags);
  assert_int_equal(l->count, 1);
  assert_string_equal(l->tokens[0].text, "a\n  b");
  text_input_free(l);
}

static void unterminated_triple_quoted_string(void **state) {
  (void)state;
  lexed *l = LEX("x \"\"\"\n  abc");
  assert_int_equal(l->count, 2);
  assert_string_equal(l->tokens[1].text, "abc");
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"unterminated-string", 1, 3, "missing closing \"\"\""}));
  text_input_free(l);
}

/* ---- numbers and punctuation ---------------------------------------------- */

static void numbers(void **state) {
  (void)state;
  lexed *l = LEX("42 -1 +2 3.5 12% -0.25");
  expect_no_diags(l->in.diags);
  /* The text of 12% is the number without its '%'; the span covers it. */
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_NUMBER, "42", 1, 1, 3},
      {CJM_TOKEN_NUMBER, "-1", 1, 4, 6},
      {CJM_TOKEN_NUMBER, "+2", 1, 7, 9},
      {CJM_TOKEN_NUMBER, "3.5", 1, 10, 13},
      {CJM_TOKEN_NUMBER, "12", 1, 14, 17},
      {CJM_TOKEN_NUMBER, "-0.25", 1, 18, 23}));
  text_input_free(l);
}

static void scale_range_is_number_dotdot_number(void **state) {
  (void)state;
  lexed *l = LEX("scale -2..2\nscale 1..5");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_ENTRY_KEYWORD, "scale", 1, 1, 6},
      {CJM_TOKEN_NUMBER, "-2", 1, 7, 9},
      {CJM_TOKEN_DOTDOT, "..", 1, 9, 11},
      {CJM_TOKEN_NUMBER, "2", 1, 11, 12},
      {CJM_TOKEN_ENTRY_KEYWORD, "scale", 2, 1, 6},
      {CJM_TOKEN_NUMBER, "1", 2, 7, 8},
      {CJM_TOKEN_DOTDOT, "..", 2, 8, 10},
      {CJM_TOKEN_NUMBER, "5", 2, 10, 11}));
  text_input_free(l);
}

static void commas(void **state) {
  (void)state;
  lexed *l = LEX("by a,b , c");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_ENTRY_KEYWORD, "by", 1, 1, 3},
      {CJM_TOKEN_IDENT, "a", 1, 4, 5},
      {CJM_TOKEN_COMMA, ",", 1, 5, 6},
      {CJM_TOKEN_IDENT, "b", 1, 6, 7},
      {CJM_TOKEN_COMMA, ",", 1, 8, 9},
      {CJM_TOKEN_IDENT, "c", 1, 10, 11}));
  text_input_free(l);
}

static void number_run_into_letters(void **state) {
  (void)state;
  /* Reported, then read as an identifier so that the parse goes on. */
  lexed *l = LEX("3abc x");
  expect_diags_containing(l->in.diags, ARRAY(want_diag,
      {"syntax", 1, 1, "'3abc' is neither a number nor an identifier"}));
  assert_int_equal(diag_at(l->in.diags, 0)->loc.end_col, 5);
  expect_tokens(l, ARRAY(want_token, {CJM_TOKEN_IDENT, "3abc", 1, 1, 5}, {CJM_TOKEN_IDENT, "x", 1, 6, 7}));
  text_input_free(l);
}

/* ---- comments ---------------------------------------------------------------- */

static void comments_in_source_order(void **state) {
  (void)state;
  lexed *l = LEX("# head\nstage a # after \"a\"\n  # own line\n");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_COMMENT, "# head", 1, 1, 7},
      {CJM_TOKEN_BLOCK_KEYWORD, "stage", 2, 1, 6},
      {CJM_TOKEN_IDENT, "a", 2, 7, 8},
      {CJM_TOKEN_COMMENT, "# after \"a\"", 2, 9, 20},
      {CJM_TOKEN_COMMENT, "# own line", 3, 3, 13}));
  text_input_free(l);
}

static void comment_with_cjk_text(void **state) {
  (void)state;
  lexed *l = LEX("# \xE5\xB0\x8F\xE7\xBE\x8E\nx");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_COMMENT, "# \xE5\xB0\x8F\xE7\xBE\x8E", 1, 1, 5},
      {CJM_TOKEN_IDENT, "x", 2, 1, 2}));
  text_input_free(l);
}

/* ---- locations ------------------------------------------------------------ */

static void columns_count_code_points(void **state) {
  (void)state;
  lexed *l = LEX("persona \xE5\xB0\x8F\xE7\xBE\x8E \"x\"");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_BLOCK_KEYWORD, "persona", 1, 1, 8},
      {CJM_TOKEN_IDENT, "\xE5\xB0\x8F\xE7\xBE\x8E", 1, 9, 11},
      {CJM_TOKEN_STRING, "x", 1, 12, 15}));
  assert_int_equal(l->tokens[2].loc.offset, 15);
  assert_int_equal(l->tokens[2].loc.end_offset, 18);
  text_input_free(l);
}

static void tabs_count_as_one_column(void **state) {
  (void)state;
  lexed *l = LEX("\tstep\ta");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token, {CJM_TOKEN_BLOCK_KEYWORD, "step", 1, 2, 6}, {CJM_TOKEN_IDENT, "a", 1, 7, 8}));
  text_input_free(l);
}

static void lines_advance(void **state) {
  (void)state;
  lexed *l = LEX("stage a\n\n  step b \"B\"\n");
  expect_no_diags(l->in.diags);
  assert_int_equal(l->count, 5);
  expect_tokens_at(l, 2, ARRAY(want_token,
      {CJM_TOKEN_BLOCK_KEYWORD, "step", 3, 3, 7},
      {CJM_TOKEN_IDENT, "b", 3, 8, 9},
      {CJM_TOKEN_STRING, "B", 3, 10, 13}));
  text_input_free(l);
}

static void byte_order_mark_is_skipped(void **state) {
  (void)state;
  lexed *l = LEX("\xEF\xBB\xBFstage a");
  expect_no_diags(l->in.diags);
  expect_tokens(l, ARRAY(want_token, {CJM_TOKEN_BLOCK_KEYWORD, "stage", 1, 1, 6}, {CJM_TOKEN_IDENT, "a", 1, 7, 8}));
  /* Offsets still index the source bytes, BOM included. */
  assert_int_equal(l->tokens[0].loc.offset, 3);
  text_input_free(l);
}

static void byte_order_mark_elsewhere_is_an_error(void **state) {
  (void)state;
  lexed *l = LEX("a \xEF\xBB\xBF b");
  assert_int_equal(l->count, 2);
  expect_tokens_at(l, 1, ARRAY(want_token, {CJM_TOKEN_IDENT, "b", 1, 5, 6}));
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"stray-char", 1, 3, "U+FEFF"}));
  text_input_free(l);
}

static void crlf_line_endings(void **state) {
  (void)state;
  lexed *l = LEX("stage a\r\n  step b \"B\" # c\r\n");
  expect_no_diags(l->in.diags);
  assert_int_equal(l->count, 6);
  expect_tokens_at(l, 2, ARRAY(want_token,
      {CJM_TOKEN_BLOCK_KEYWORD, "step", 2, 3, 7},
      {CJM_TOKEN_IDENT, "b", 2, 8, 9},
      {CJM_TOKEN_STRING, "B", 2, 10, 13}));
  /* The carriage return is not part of the comment's text. */
  assert_int_equal(l->tokens[5].kind, CJM_TOKEN_COMMENT);
  assert_string_equal(l->tokens[5].text, "# c");
  assert_int_equal(l->tokens[5].loc.col, 14);
  text_input_free(l);
}

static void crlf_inside_triple_quoted_string(void **state) {
  (void)state;
  lexed *l = LEX("\"\"\"\r\n  a\r\n  b\r\n  \"\"\"");
  assert_int_equal(l->count, 1);
  expect_no_diags(l->in.diags);
  assert_string_equal(l->tokens[0].text, "a\nb");
  text_input_free(l);
}

/* ---- ill-formed UTF-8 ----------------------------------------------------------- */

static void invalid_byte_is_located(void **state) {
  (void)state;
  lexed *l = LEX("stage \xFF" "ab x");
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"encoding", 1, 7, "invalid UTF-8 byte 0xFF"}));
  assert_int_equal(diag_at(l->in.diags, 0)->loc.end_col, 8);
  assert_int_equal(l->count, 3);
  expect_tokens_at(l, 1, ARRAY(want_token, {CJM_TOKEN_IDENT, "ab", 1, 8, 10}, {CJM_TOKEN_IDENT, "x", 1, 11, 12}));
  text_input_free(l);
}

static void invalid_byte_in_string_and_comment(void **state) {
  (void)state;
  lexed *l = LEX("\"a\xFE" "b\" # c\xFF" "d");
  expect_diags_containing(l->in.diags, ARRAY(want_diag,
      {"encoding", 1, 3, "0xFE in a string"},
      {"encoding", 1, 10, "0xFF in a comment"}));
  assert_int_equal(l->count, 2);
  assert_string_equal(l->tokens[0].text, "ab");
  text_input_free(l);
}

static void overlong_sequences_are_rejected(void **state) {
  (void)state;
  /* C0 AF is an overlong '/'; E0 80 AF and F0 80 80 AF too. None decodes:
   * each of their bytes is reported, in its own column. */
  lexed *l = LEX("\"\xE0\x80\xAF\" \"\xF0\x80\x80\xAF\" \xC0");
  assert_int_equal(l->count, 2);
  assert_string_equal(l->tokens[0].text, "");
  assert_string_equal(l->tokens[1].text, "");
  expect_diags_containing(l->in.diags, ARRAY(want_diag,
      {"encoding", 1, 2, "0xE0"},
      {"encoding", 1, 3, "0x80"},
      {"encoding", 1, 4, "0xAF"},
      {"encoding", 1, 8, "0xF0"},
      {"encoding", 1, 9, "0x80"},
      {"encoding", 1, 10, "0x80"},
      {"encoding", 1, 11, "0xAF"},
      {"encoding", 1, 14, "0xC0"}));
  text_input_free(l);
}

static void surrogates_and_out_of_range_are_rejected(void **state) {
  (void)state;
  lexed *l = LEX("\"\xED\xA0\x80\" \"\xF4\x90\x80\x80\"");
  assert_int_equal(l->count, 2);
  assert_string_equal(l->tokens[0].text, "");
  assert_string_equal(l->tokens[1].text, "");
  expect_diags_containing(l->in.diags, ARRAY(want_diag,
      {"encoding", 1, 2, "0xED"},
      {"encoding", 1, 3, "0xA0"},
      {"encoding", 1, 4, "0x80"},
      {"encoding", 1, 8, "0xF4"},
      {"encoding", 1, 9, "0x90"},
      {"encoding", 1, 10, "0x80"},
      {"encoding", 1, 11, "0x80"}));
  text_input_free(l);
}

static void each_ill_formed_byte_is_one_column(void **state) {
  (void)state;
  /* An ill-formed byte is shown as one U+FFFD, so it takes one column:
   * C0 at column 2, AF at column 3, and y after them at column 4. */
  lexed *l = LEX("x\xC0\xAFy");
  /* Regression test, once a bug: a stray continuation byte takes no column: 0xAF is reported at
   * column 3 but 'y' after it is placed at column 3 too (expected 4), so
   * every later caret on the line points one character too far left. */
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"encoding", 1, 2, "0xC0"}, {"encoding", 1, 3, "0xAF"}));
  assert_int_equal(l->count, 2);
  expect_tokens_at(l, 1, ARRAY(want_token, {CJM_TOKEN_IDENT, "y", 1, 4, 5}));
  text_input_free(l);
}

static void each_ill_formed_byte_in_a_string_is_one_column(void **state) {
  (void)state;
  lexed *l = LEX("\"q\xE0\x80\xAFz\" w");
  /* Regression test, once a bug: continuation bytes inside a string share the column of the byte
   * before them (0x80 and 0xAF both at column 4; expected 4 and 5), and
   * the token after the string is placed two columns too far left (w at 7,
   * not 9: quotes, q, z and the three bad bytes take columns 1 to 7). */
  expect_diags_containing(l->in.diags, ARRAY(want_diag,
      {"encoding", 1, 3, "0xE0"},
      {"encoding", 1, 4, "0x80"},
      {"encoding", 1, 5, "0xAF"}));
  assert_int_equal(l->tokens[0].loc.end_col, 8);
  expect_tokens_at(l, 1, ARRAY(want_token, {CJM_TOKEN_IDENT, "w", 1, 9, 10}));
  text_input_free(l);
}

/* ---- confusable punctuation -------------------------------------------------------- */

static void full_width_comma_is_reported_and_read_as_comma(void **state) {
  (void)state;
  /* by 小美，老板 */
  lexed *l = LEX("by \xE5\xB0\x8F\xE7\xBE\x8E\xEF\xBC\x8C\xE8\x80\x81\xE6\x9D\xBF");
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"stray-char", 1, 6, "full-width comma"}));
  expect_message_part(diag_at(l->in.diags, 0), "did you mean ','?");
  assert_int_equal(diag_at(l->in.diags, 0)->loc.end_col, 7);
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_ENTRY_KEYWORD, "by", 1, 1, 3},
      {CJM_TOKEN_IDENT, "\xE5\xB0\x8F\xE7\xBE\x8E", 1, 4, 6},
      {CJM_TOKEN_COMMA, "\xEF\xBC\x8C", 1, 6, 7},
      {CJM_TOKEN_IDENT, "\xE8\x80\x81\xE6\x9D\xBF", 1, 7, 9}));
  text_input_free(l);
}

static void ideographic_comma_is_read_as_comma(void **state) {
  (void)state;
  lexed *l = LEX("a\xE3\x80\x81" "b");
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"stray-char", 1, 2, "U+3001"}));
  assert_int_equal(l->count, 3);
  assert_int_equal(l->tokens[1].kind, CJM_TOKEN_COMMA);
  expect_token(l, 2, &(want_token){CJM_TOKEN_IDENT, "b", 1, 3, 4});
  text_input_free(l);
}

static void ideographic_space_is_reported(void **state) {
  (void)state;
  lexed *l = LEX("\xE5\xB0\x8F\xE7\xBE\x8E\xE3\x80\x80\xE8\x80\x81\xE6\x9D\xBF");
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"stray-char", 1, 3, "ideographic space"}));
  expect_message_part(diag_at(l->in.diags, 0), "use an ASCII space");
  /* The space still separates the two identifiers. */
  expect_tokens(l, ARRAY(want_token,
      {CJM_TOKEN_IDENT, "\xE5\xB0\x8F\xE7\xBE\x8E", 1, 1, 3},
      {CJM_TOKEN_IDENT, "\xE8\x80\x81\xE6\x9D\xBF", 1, 4, 6}));
  text_input_free(l);
}

static void keyword_cut_short_by_full_width_comma(void **state) {
  (void)state;
  lexed *l = LEX("by\xEF\xBC\x8C" "x");
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"stray-char", 1, 3, "full-width comma"}));
  assert_int_equal(l->count, 3);
  expect_token(l, 0, &(want_token){CJM_TOKEN_ENTRY_KEYWORD, "by", 1, 1, 3});
  assert_int_equal(l->tokens[1].kind, CJM_TOKEN_COMMA);
  assert_int_equal(l->tokens[1].loc.col, 3);
  expect_token(l, 2, &(want_token){CJM_TOKEN_IDENT, "x", 1, 4, 5});
  text_input_free(l);
}

static void curly_quotes_are_reported_and_read_as_string(void **state) {
  (void)state;
  lexed *l = LEX("pain \xE2\x80\x9C" "slow\xE2\x80\x9D");
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"stray-char", 1, 6, "straight double quotes"}));
  assert_int_equal(l->count, 2);
  expect_tokens_at(l, 1, ARRAY(want_token, {CJM_TOKEN_STRING, "slow", 1, 6, 12}));
  text_input_free(l);
}

/* ---- control characters and binary input -------------------------------------------- */

static void control_characters(void **state) {
  (void)state;
  lexed *l = LEX("stage\x01 a \"x\x02y\" # z\x7f");
  expect_diags_containing(l->in.diags, ARRAY(want_diag,
      {"control-char", 1, 6, "U+0001"},
      {"control-char", 1, 12, "U+0002 in a string"},
      {"control-char", 1, 19, "U+007F in a comment"}));
  assert_int_equal(l->count, 4);
  expect_token(l, 1, &(want_token){CJM_TOKEN_IDENT, "a", 1, 8, 9});
  assert_string_equal(l->tokens[2].text, "xy");
  text_input_free(l);
}

static void nul_byte_means_binary(void **state) {
  (void)state;
  static const char text[] = "stage a\n\x01\x00\x02\x00\xFF\x00";
  lexed *l = lex_n(text, LIT_LEN(text));
  /* One diagnostic, not one per byte, and nothing scanned. */
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"encoding", 2, 2, "NUL byte"}));
  assert_int_equal(l->count, 0);
  text_input_free(l);
}

/* A buffer of comment lines longer than the binary probe, then tail. */
static lexed *lex_after_long_prefix(const char *tail, size_t tail_len) {
  size_t prefix = 10000;
  char *text = malloc(prefix + tail_len);
  assert_non_null(text);
  memset(text, 'x', prefix);
  text[0] = '#';
  text[prefix - 1] = '\n';
  memcpy(text + prefix, tail, tail_len);
  lexed *l = lex_n(text, prefix + tail_len);
  free(text);
  return l;
}

static void nul_byte_after_the_first_kilobytes(void **state) {
  (void)state;
  /* Past the binary probe a NUL byte is a located error like any other
   * bad byte, and scanning goes on after it. */
  static const char tail[] = "stage a\n\x00junk\x00\x01\xFF";
  lexed *l = lex_after_long_prefix(tail, LIT_LEN(tail));
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"encoding", 3, 1, "NUL byte"},
                                          {"encoding", 3, 6, "NUL byte"},
                                          {"control-char", 3, 7, "U+0001"},
                                          {"encoding", 3, 8, "0xFF"}));
  assert_int_equal(l->count, 4); /* the comment, stage, a, junk */
  text_input_free(l);
}

static void nul_byte_in_a_string_after_the_first_kilobytes(void **state) {
  (void)state;
  static const char tail[] = "stage a \"ab\x00" "cd\" x\x00\x00";
  lexed *l = lex_after_long_prefix(tail, LIT_LEN(tail));
  /* A NUL inside a string past the 8 KiB binary probe is the same
   * [encoding] error as one outside (once it was reported as a control
   * character); a run of NUL bytes is one error. */
  expect_diags_containing(l->in.diags, ARRAY(want_diag, {"encoding", 2, 12, "NUL byte"},
                                          {"encoding", 2, 18, "NUL byte"}));
  text_input_free(l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(block_keywords),
      cmocka_unit_test(keyword_as_declared_name),
      cmocka_unit_test(entry_keywords),
      cmocka_unit_test(reserved_word_after_by),
      cmocka_unit_test(every_row_of_the_keyword_table),
      cmocka_unit_test(identifiers_of_every_script),
      cmocka_unit_test(identifiers_are_interned),
      cmocka_unit_test(keyword_prefixes_are_identifiers),
      cmocka_unit_test(string_escapes),
      cmocka_unit_test(string_with_non_ascii_text),
      cmocka_unit_test(empty_string),
      cmocka_unit_test(bad_escapes),
      cmocka_unit_test(unterminated_string),
      cmocka_unit_test(triple_quoted_string_is_dedented),
      cmocka_unit_test(triple_quoted_string_on_one_line),
      cmocka_unit_test(triple_quoted_string_keeps_deeper_indentation),
      cmocka_unit_test(unterminated_triple_quoted_string),
      cmocka_unit_test(numbers),
      cmocka_unit_test(scale_range_is_number_dotdot_number),
      cmocka_unit_test(commas),
      cmocka_unit_test(number_run_into_letters),
      cmocka_unit_test(comments_in_source_order),
      cmocka_unit_test(comment_with_cjk_text),
      cmocka_unit_test(columns_count_code_points),
      cmocka_unit_test(tabs_count_as_one_column),
      cmocka_unit_test(lines_advance),
      cmocka_unit_test(byte_order_mark_is_skipped),
      cmocka_unit_test(byte_order_mark_elsewhere_is_an_error),
      cmocka_unit_test(crlf_line_endings),
      cmocka_unit_test(crlf_inside_triple_quoted_string),
      cmocka_unit_test(invalid_byte_is_located),
      cmocka_unit_test(invalid_byte_in_string_and_comment),
      cmocka_unit_test(overlong_sequences_are_rejected),
      cmocka_unit_test(surrogates_and_out_of_range_are_rejected),
      cmocka_unit_test(each_ill_formed_byte_is_one_column),
      cmocka_unit_test(each_ill_formed_byte_in_a_string_is_one_column),
      cmocka_unit_test(full_width_comma_is_reported_and_read_as_comma),
      cmocka_unit_test(ideographic_comma_is_read_as_comma),
      cmocka_unit_test(ideographic_space_is_reported),
      cmocka_unit_test(keyword_cut_short_by_full_width_comma),
      cmocka_unit_test(curly_quotes_are_reported_and_read_as_string),
      cmocka_unit_test(control_characters),
      cmocka_unit_test(nul_byte_means_binary),
      cmocka_unit_test(nul_byte_after_the_first_kilobytes),
      cmocka_unit_test(nul_byte_in_a_string_after_the_first_kilobytes),
  };
  lexer_under_test = CJM_LEXER_FAST;
  int failed = cmocka_run_group_tests_name("with the fast lexer", tests, NULL, leftovers_free);
  lexer_under_test = CJM_LEXER_FLEX;
  return failed + cmocka_run_group_tests_name("with the flex rules alone", tests, NULL, leftovers_free);
}
