/* Unit tests for runtime/lsp/position and runtime/lsp/document: LSP
 * positions in UTF-16, UTF-8 and UTF-32 against byte offsets and cjm's
 * code-point columns (CJK text, a character outside the BMP, CRLF and lone
 * CR line ends, ill-formed bytes, clamping), incremental edits of open
 * documents, file URIs, and the language server's table of words against
 * the language's reserved words. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lang/ast.h"
#include "runtime/lsp/document.h"
#include "runtime/lsp/position.h"

/* A text with its line index. */
typedef struct indexed {
  const char *text;
  size_t len;
  cjm_lsp_lines lines;
} indexed;

static indexed index_of(const char *text) {
  indexed t = {text, strlen(text), {0}};
  cjm_lsp_lines_build(&t.lines, t.text, t.len);
  return t;
}

/* Asserts that offset maps to (line, character) in enc and back. */
static void round_trip(const indexed *t, size_t offset, uint32_t line, uint32_t character, cjm_lsp_encoding enc) {
  cjm_lsp_position p = cjm_lsp_position_of(&t->lines, t->text, t->len, offset, enc);
  assert_int_equal(p.line, line);
  assert_int_equal(p.character, character);
  assert_int_equal(cjm_lsp_offset_of(&t->lines, t->text, t->len, p, enc), offset);
}

/* "  step 𠮷 by 小美" : 𠮷 is U+20BB7, four bytes, two UTF-16 units. */
static const char line_with_supplementary[] = "persona 小美\n  step \xF0\xA0\xAE\xB7 by 小美\n";

static void utf16_counts_a_supplementary_character_as_two_units(void **state) {
  (void)state;
  indexed t = index_of(line_with_supplementary);
  size_t line2 = strlen("persona 小美\n");
  size_t kanji = line2 + strlen("  step ");
  round_trip(&t, kanji, 1, 7, CJM_LSP_UTF16);
  size_t by = kanji + 4 + 1;            /* after 𠮷 and a space */
  round_trip(&t, by, 1, 10, CJM_LSP_UTF16);
  size_t xiaomei = by + 3;              /* "by " */
  round_trip(&t, xiaomei, 1, 13, CJM_LSP_UTF16);
  round_trip(&t, xiaomei + 6, 1, 15, CJM_LSP_UTF16); /* 小美 is two units */
  /* the same places in code points and in bytes */
  round_trip(&t, by, 1, 9, CJM_LSP_UTF32);
  round_trip(&t, xiaomei, 1, 12, CJM_LSP_UTF32);
  round_trip(&t, xiaomei, 1, (uint32_t)(xiaomei - line2), CJM_LSP_UTF8);
  /* on the first line, CJK text: one unit each in UTF-16 */
  round_trip(&t, strlen("persona 小"), 0, 9, CJM_LSP_UTF16);
  cjm_lsp_lines_free(&t.lines);
}

static void a_position_inside_a_character_goes_to_its_start(void **state) {
  (void)state;
  indexed t = index_of(line_with_supplementary);
  size_t kanji = strlen("persona 小美\n  step ");
  /* between the two surrogates */
  cjm_lsp_position mid = {1, 8};
  assert_int_equal(cjm_lsp_offset_of(&t.lines, t.text, t.len, mid, CJM_LSP_UTF16), kanji);
  /* a byte offset inside the sequence */
  cjm_lsp_position p = cjm_lsp_position_of(&t.lines, t.text, t.len, kanji + 2, CJM_LSP_UTF16);
  assert_int_equal(p.character, 7);
  /* in UTF-8, a character offset inside 小 */
  cjm_lsp_position in_xiao = {0, 9};
  assert_int_equal(cjm_lsp_offset_of(&t.lines, t.text, t.len, in_xiao, CJM_LSP_UTF8), 8);
  cjm_lsp_lines_free(&t.lines);
}

static void positions_past_the_end_are_clamped(void **state) {
  (void)state;
  indexed t = index_of("ab\r\ncd");
  assert_int_equal(t.lines.count, 2);
  cjm_lsp_position far = {0, 99};
  assert_int_equal(cjm_lsp_offset_of(&t.lines, t.text, t.len, far, CJM_LSP_UTF16), 2); /* before "\r\n" */
  cjm_lsp_position below = {7, 0};
  assert_int_equal(cjm_lsp_offset_of(&t.lines, t.text, t.len, below, CJM_LSP_UTF16), t.len);
  /* an offset inside "\r\n" is the end of its line */
  cjm_lsp_position p = cjm_lsp_position_of(&t.lines, t.text, t.len, 3, CJM_LSP_UTF16);
  assert_int_equal(p.line, 0);
  assert_int_equal(p.character, 2);
  p = cjm_lsp_position_of(&t.lines, t.text, t.len, 999, CJM_LSP_UTF16);
  assert_int_equal(p.line, 1);
  assert_int_equal(p.character, 2);
  cjm_lsp_lines_free(&t.lines);
}

static void lines_end_at_lf_crlf_and_lone_cr(void **state) {
  (void)state;
  indexed t = index_of("a\nb\r\nc\rd\n");
  assert_int_equal(t.lines.count, 5);
  assert_int_equal(t.lines.starts[1], 2);
  assert_int_equal(t.lines.starts[2], 5);
  assert_int_equal(t.lines.starts[3], 7);
  assert_int_equal(t.lines.starts[4], 9);
  assert_int_equal(cjm_lsp_line_end(&t.lines, t.text, t.len, 1), 3);
  assert_int_equal(cjm_lsp_line_end(&t.lines, t.text, t.len, 2), 6);
  assert_int_equal(cjm_lsp_line_end(&t.lines, t.text, t.len, 4), 9);
  round_trip(&t, 7, 3, 0, CJM_LSP_UTF16);
  cjm_lsp_lines_free(&t.lines);
  t = index_of("");
  assert_int_equal(t.lines.count, 1);
  round_trip(&t, 0, 0, 0, CJM_LSP_UTF16);
  cjm_lsp_lines_free(&t.lines);
}

static void ill_formed_bytes_count_one_unit_each(void **state) {
  (void)state;
  indexed t = index_of("a\xFF\xC3z");
  round_trip(&t, 3, 0, 3, CJM_LSP_UTF16);
  round_trip(&t, 3, 0, 3, CJM_LSP_UTF8);
  round_trip(&t, 4, 0, 4, CJM_LSP_UTF32);
  cjm_lsp_lines_free(&t.lines);
}

/* The line index kept up to date through edits equals one built afresh,
 * over random edits of a text made of line ends and letters. */
static void edited_line_index_equals_a_fresh_one(void **state) {
  (void)state;
  static const char alphabet[] = "\n\r\nab";
  srand(7);
  char text[512] = "ab\r\ncd\n\ref";
  size_t len = strlen(text);
  cjm_lsp_lines lines;
  cjm_lsp_lines_build(&lines, text, len);
  for (int round = 0; round < 5000; round++) {
    size_t start = len ? (size_t)rand() % (len + 1) : 0;
    size_t end = start + (size_t)rand() % (len - start + 1);
    if (end - start > 6) end = start + 6;
    char insert[8];
    size_t n = (size_t)rand() % 5;
    if (len - (end - start) + n >= sizeof text - 1) n = 0;
    for (size_t i = 0; i < n; i++) insert[i] = alphabet[rand() % (sizeof alphabet - 1)];
    memmove(text + start + n, text + end, len - end);
    memcpy(text + start, insert, n);
    len = len - (end - start) + n;
    text[len] = '\0';
    cjm_lsp_lines_edit(&lines, text, len, start, end, n);
    cjm_lsp_lines fresh;
    cjm_lsp_lines_build(&fresh, text, len);
    assert_int_equal(lines.count, fresh.count);
    assert_memory_equal(lines.starts, fresh.starts, fresh.count * sizeof *fresh.starts);
    cjm_lsp_lines_free(&fresh);
  }
  cjm_lsp_lines_free(&lines);
}

static void code_point_columns_map_to_offsets(void **state) {
  (void)state;
  indexed t = index_of(line_with_supplementary);
  /* cjm says 2:13 for 小美 on the second line (1-based, code points) */
  size_t want = strlen("persona 小美\n  step \xF0\xA0\xAE\xB7 by ");
  assert_int_equal(cjm_lsp_offset_of_column(&t.lines, t.text, t.len, 2, 13), want);
  assert_int_equal(cjm_lsp_offset_of_column(&t.lines, t.text, t.len, 1, 1), 0);
  cjm_lsp_lines_free(&t.lines);
}

static void encoding_names(void **state) {
  (void)state;
  cjm_lsp_encoding e;
  assert_true(cjm_lsp_encoding_from_name("utf-8", &e));
  assert_int_equal(e, CJM_LSP_UTF8);
  assert_true(cjm_lsp_encoding_from_name("utf-16", &e));
  assert_int_equal(e, CJM_LSP_UTF16);
  assert_false(cjm_lsp_encoding_from_name("latin-1", &e));
  assert_string_equal(cjm_lsp_encoding_name(CJM_LSP_UTF32), "utf-32");
}

/* ---- documents ---- */

static void incremental_edits_apply_in_order(void **state) {
  (void)state;
  cjm_lsp_docs docs = {0};
  cjm_lsp_doc *doc = cjm_lsp_docs_open(&docs, "file:///tmp/x.cjm", "persona mia\n", 12, 1);
  assert_string_equal(doc->path, "/tmp/x.cjm");
  assert_true(cjm_lsp_doc_edit(&docs, doc, 8, 11, "小美", 6));
  assert_string_equal(doc->text, "persona 小美\n");
  assert_true(cjm_lsp_doc_edit(&docs, doc, doc->len, doc->len, "stage s\n", 8));
  assert_string_equal(doc->text, "persona 小美\nstage s\n");
  assert_int_equal(doc->lines.count, 3);
  assert_true(cjm_lsp_doc_edit(&docs, doc, 0, 8, "", 0)); /* a deletion */
  assert_string_equal(doc->text, "小美\nstage s\n");
  assert_true(cjm_lsp_doc_edit(&docs, doc, 0, 1, "X", 1)); /* same length, in place */
  assert_false(cjm_lsp_doc_edit(&docs, doc, 5, 2, "", 0));
  assert_false(cjm_lsp_doc_edit(&docs, doc, 0, doc->len + 1, "", 0));
  uint64_t g = doc->generation;
  cjm_lsp_doc_set_text(&docs, doc, "journey \"x\"\n", 12);
  assert_true(doc->generation > g);
  assert_int_equal(doc->lines.count, 2);
  assert_ptr_equal(cjm_lsp_docs_find(&docs, "file:///tmp/x.cjm"), doc);
  assert_ptr_equal(cjm_lsp_docs_find_path(&docs, "/tmp/x.cjm"), doc);
  assert_true(cjm_lsp_docs_close(&docs, "file:///tmp/x.cjm"));
  assert_false(cjm_lsp_docs_close(&docs, "file:///tmp/x.cjm"));
  assert_null(cjm_lsp_docs_find(&docs, "file:///tmp/x.cjm"));
  cjm_lsp_docs_free(&docs);
}

static void file_uris_decode_and_encode(void **state) {
  (void)state;
  char *p = cjm_lsp_uri_to_path("file:///home/a%20b/%E5%B0%8F.cjm");
  assert_string_equal(p, "/home/a b/小.cjm");
  char *u = cjm_lsp_path_to_uri(p);
  assert_string_equal(u, "file:///home/a%20b/%E5%B0%8F.cjm");
  free(p);
  free(u);
  p = cjm_lsp_uri_to_path("file://localhost/x.cjm");
  assert_string_equal(p, "/x.cjm");
  free(p);
  assert_null(cjm_lsp_uri_to_path("untitled:Untitled-1"));
  assert_null(cjm_lsp_uri_to_path("file://server/share/x.cjm"));
  assert_null(cjm_lsp_uri_to_path("file:///a%00b"));
}


int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(utf16_counts_a_supplementary_character_as_two_units),
      cmocka_unit_test(a_position_inside_a_character_goes_to_its_start),
      cmocka_unit_test(positions_past_the_end_are_clamped),
      cmocka_unit_test(lines_end_at_lf_crlf_and_lone_cr),
      cmocka_unit_test(ill_formed_bytes_count_one_unit_each),
      cmocka_unit_test(edited_line_index_equals_a_fresh_one),
      cmocka_unit_test(code_point_columns_map_to_offsets),
      cmocka_unit_test(encoding_names),
      cmocka_unit_test(incremental_edits_apply_in_order),
      cmocka_unit_test(file_uris_decode_and_encode),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
