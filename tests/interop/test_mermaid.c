/* Unit tests of the Mermaid import and export (runtime/interop/): how the
 * scanner reads Mermaid's journey grammar (its rules' order, comments,
 * directives, keywords, accDescr blocks), the warnings and errors, the
 * identifiers made from text, the score mapping and the replacements the
 * export makes. Whole diagrams against Mermaid itself are in mermaid.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interop/cjm_text.h"
#include "runtime/interop/mermaid_export.h"
#include "runtime/interop/mermaid_import.h"
#include "tests/journey.h"

/* ---- import ----------------------------------------------------------------- */

/* What importing text gave: the cjm text (or NULL on error) and the
 * diagnostics, one per line as "LINE:COL: severity: message". */
typedef struct imported {
  char *cjm;
  char diags[4096];
  size_t errors, warnings;
} imported;

static imported import_text(const char *text, size_t len) {
  imported r = {0};
  cjm_source *src = cjm_source_from_memory("t.mmd", text, len);
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf out = {0};
  if (cjm_mermaid_import(src, &out, diags, NULL)) r.cjm = strdup(out.data ? out.data : "");
  for (size_t i = 0; i < cjm_diags_count(diags); i++) {
    const cjm_diag *d = cjm_diags_at(diags, i);
    size_t used = strlen(r.diags);
    snprintf(r.diags + used, sizeof r.diags - used, "%u:%u: %s: %s\n", (unsigned)d->loc.line, (unsigned)d->loc.col,
             d->severity == CJM_ERROR ? "error" : "warning", d->message);
  }
  r.errors = cjm_diags_errors(diags);
  r.warnings = cjm_diags_warnings(diags);
  cjm_strbuf_free(&out);
  cjm_diags_free(diags);
  cjm_source_free(src);
  return r;
}

static imported import_str(const char *text) { return import_text(text, strlen(text)); }

static void assert_contains(const char *haystack, const char *needle) {
  if (!haystack || !strstr(haystack, needle)) fail_msg("expected [%s] in:\n%s", needle, haystack ? haystack : "(null)");
}

static void assert_lacks(const char *haystack, const char *needle) {
  if (haystack && strstr(haystack, needle)) fail_msg("did not expect [%s] in:\n%s", needle, haystack);
}

static void test_import_basic(void **state) {
  (void)state;
  imported r = import_str("journey\n  title My day\n  section Go to work\n    Make tea: 5: Me\n"
                          "    Do work: 1: Me, Cat\n  section Go home\n    Sit down: 4\n");
  assert_int_equal(r.errors, 0);
  assert_int_equal(r.warnings, 0);
  assert_string_equal(r.cjm, "journey \"My day\"\n  scale 1..5\n\npersona me \"Me\"\n\npersona cat \"Cat\"\n\n"
                             "stage go_to_work \"Go to work\"\n  step make_tea \"Make tea\" by me\n    feel 5\n\n"
                             "  step do_work \"Do work\" by me, cat\n    feel 1\n\n"
                             "stage go_home \"Go home\"\n  step sit_down \"Sit down\"\n    feel 4\n");
  free(r.cjm);
}

/* Mermaid's lexer tries its rules in order: `title\s` before a task name,
 * `journey\b` before too, so "journeyman" is a task and "Title deed: 4" a
 * title; case does not matter to the lexer (but does to the detector). */
static void test_import_keywords_first(void **state) {
  (void)state;
  imported r = import_str("journey\nsection A\njourneyman: 3\nTitle deed: 4\nSECTION B\nsectionless: 2\n");
  assert_int_equal(r.errors, 0);
  assert_contains(r.cjm, "journey \"deed: 4\"");
  assert_contains(r.cjm, "step journeyman \"journeyman\"");
  assert_contains(r.cjm, "stage b \"B\"");
  assert_contains(r.cjm, "step sectionless \"sectionless\"");
  free(r.cjm);
  r = import_str("journey\nsection A\nJourney: 3\n");
  assert_null(r.cjm);
  assert_contains(r.diags, "3:1: error: 'Journey' again");
  /* Mermaid finds the diagram's kind by 'journey' in lower case */
  r = import_str("Journey\nsection A\n");
  assert_null(r.cjm);
  assert_contains(r.diags, "1:1: error: not a Mermaid journey diagram: Mermaid knows one by 'journey' in lower case, not 'Journey'");
}

/* %% comments and # comments stay comments; a # after a task trails it; a
 * directive is kept as a comment with a warning. */
static void test_import_comments(void **state) {
  (void)state;
  imported r = import_str("%%{init: {'theme': 'dark'}}%%\n%% before\njourney\n  %% lead\n  section A # after A\n"
                          "    T: 3 # after T\n    %% end\n");
  assert_int_equal(r.errors, 0);
  assert_int_equal(r.warnings, 1);
  assert_contains(r.diags, "1:1: warning: a %%{…}%% directive configures Mermaid");
  assert_contains(r.cjm, "# %%{init: {'theme': 'dark'}}%%\n# before\njourney \"\"");
  assert_contains(r.cjm, "# lead\nstage a \"A\" # after A\n");
  assert_contains(r.cjm, "step t \"T\" # after T\n");
  assert_contains(r.cjm, "\n# end\n");
  free(r.cjm);
  /* a control character, which a cjm comment cannot hold */
  r = import_str("journey\n%% bell \a here\nsection A\n");
  assert_contains(r.diags, "2:9: warning: a control character (U+0007) cannot stand in a cjm comment");
  assert_contains(r.cjm, "# bell \xEF\xBF\xBD here\n");
  free(r.cjm);
}

/* accTitle, accDescr on one line and in a block; tasks before any section. */
static void test_import_accessibility(void **state) {
  (void)state;
  imported r = import_str("journey\naccTitle:  The title # kept ; too \naccDescr {\n  one\n\n     two }\nFirst: 2: X\n"
                          "section S\nNext: 3\n");
  assert_int_equal(r.errors, 0);
  assert_contains(r.cjm, "acc_title \"The title # kept ; too\"");
  free(r.cjm);
  /* an accTitle that repeats the title, as cjm export writes it, is not kept */
  r = import_str("journey\ntitle Same\naccTitle: Same\n");
  assert_lacks(r.cjm, "acc_title");
  free(r.cjm);
  r = import_str("journey\naccTitle:  The title # kept ; too \naccDescr {\n  one\n\n     two }\nFirst: 2: X\n"
                 "section S\nNext: 3\n");
  assert_contains(r.cjm, "goal \"one\\ntwo\"");
  assert_contains(r.cjm, "stage unsectioned \"\"\n  step first \"First\" by x");
  free(r.cjm);
  r = import_str("journey\naccDescr { never closed\nT: 3\n");
  assert_int_equal(r.errors, 0);
  assert_contains(r.diags, "warning: 'accDescr {' is never closed");
  assert_contains(r.cjm, "goal \"never closed\\nT: 3\"");
  free(r.cjm);
}

/* Scores as JavaScript's Number() reads them; what Mermaid drops. */
static void test_import_scores_and_actors(void **state) {
  (void)state;
  imported r = import_str("journey\nsection S\nA: 3.5\nB:  : P\nC: 0x4: P\nD: 9: P\nE: high: P\nF: 2: P,, Q, P\n"
                          "G: 2: P: R\n");
  assert_int_equal(r.errors, 0);
  assert_contains(r.cjm, "step a \"A\"\n    feel 3.5");
  assert_contains(r.diags, "4:3: warning: score 0 is outside Mermaid's 1..5; the feel is 1");
  assert_contains(r.cjm, "step c \"C\" by p\n    feel 4");
  assert_contains(r.diags, "6:3: warning: score 9 is outside");
  assert_contains(r.diags, "7:3: warning: the score is not a number");
  assert_contains(r.cjm, "step e \"E\" by p\n\n");
  assert_contains(r.diags, "8:9: warning: an empty actor name");
  assert_contains(r.cjm, "step f \"F\" by p, q\n");
  assert_contains(r.diags, "9:8: warning: Mermaid ignores what follows a task's third ':'");
  free(r.cjm);
}

/* Identifiers: from any script, unique, never a keyword. */
static void test_import_identifiers(void **state) {
  (void)state;
  imported r = import_str("journey\nsection Step\nsection step\nsection 1st\nsection ¿?\nsection 进店 🍵\n"
                          "Клиент пишет: 3: Клиент, клиент, by\nTask: 3\nTask: 3\nTask 2: 3\n");
  assert_int_equal(r.errors, 0);
  assert_contains(r.cjm, "stage section_step \"Step\"");
  assert_contains(r.cjm, "stage section_step_2 \"step\"");
  assert_contains(r.cjm, "stage section_1st \"1st\"");
  assert_contains(r.cjm, "stage section \"¿?\"");
  assert_contains(r.cjm, "stage 进店 \"进店 🍵\"");
  assert_contains(r.cjm, "persona Клиент \"Клиент\"");
  assert_contains(r.cjm, "persona клиент \"клиент\"");
  assert_contains(r.cjm, "persona actor_by \"by\"");
  assert_contains(r.cjm, "step task \"Task\"");
  assert_contains(r.cjm, "step task_2 \"Task\"");
  assert_contains(r.cjm, "step task_2_2 \"Task 2\"");
  free(r.cjm);
}

static void test_name_make(void **state) {
  (void)state;
  cjm_name_map taken = {0};
  assert_string_equal(cjm_name_make(&taken, "Hello, World!", 13, "x"), "hello_world");
  assert_string_equal(cjm_name_make(&taken, "hello world", 11, "x"), "hello_world_2");
  assert_string_equal(cjm_name_make(&taken, "hello_world_2", 13, "x"), "hello_world_2_2");
  assert_string_equal(cjm_name_make(&taken, "", 0, "x"), "x");
  assert_string_equal(cjm_name_make(&taken, "...", 3, "x"), "x_2");
  assert_string_equal(cjm_name_make(&taken, "feel", 4, "x"), "x_feel");
  const char *long_text = "a very long label that goes on and on and on past the limit of identifiers";
  const char *id = cjm_name_make(&taken, long_text, strlen(long_text), "x");
  assert_true(strlen(id) <= CJM_NAME_MAX_BYTES);
  assert_string_equal(id, "a_very_long_label_that_goes_on_and_on_and_on");
  /* many equal texts: each a new suffix */
  char expect[32];
  for (int i = 2; i < 1000; i++) {
    snprintf(expect, sizeof expect, "same_%d", i);
    if (i == 2) assert_string_equal(cjm_name_make(&taken, "same", 4, "x"), "same");
    assert_string_equal(cjm_name_make(&taken, "same", 4, "x"), expect);
  }
  cjm_name_map_free(&taken);
}

/* A file that is no journey diagram, binary, or not UTF-8: one located
 * error and no output. */
static void test_import_errors(void **state) {
  (void)state;
  imported r = import_str("sequenceDiagram\n  A->>B: hi\n");
  assert_null(r.cjm);
  assert_contains(r.diags, "1:1: error: not a Mermaid journey diagram: it starts with 'sequenceDiagram'");
  r = import_str("");
  assert_null(r.cjm);
  assert_contains(r.diags, "error: no Mermaid diagram in this file");
  r = import_text("journey\n\0\0", 10);
  assert_null(r.cjm);
  assert_contains(r.diags, "2:1: error: NUL byte: this is a binary file");
  r = import_str("journey\nsection A\nCaf\xC3\xA9 \xFF: 3\n");
  assert_null(r.cjm);
  assert_contains(r.diags, "3:6: error: invalid UTF-8 (byte 0xFF)");
  r = import_str("journey\nsection A\nno score\nx: 1; y\n: 3\n");
  assert_null(r.cjm);
  assert_int_equal(r.errors, 3);
  assert_contains(r.diags, "3:9: error: a task wants ':' and a score");
  assert_contains(r.diags, "4:5: error: Mermaid's journey diagrams have no ';'");
  assert_contains(r.diags, "5:1: error: a ':' with no task name");
}

/* Scores as JavaScript's Number() reads them, each way its grammar has:
 * signs, Infinity, 0x, 0o and 0b in either case (and NaN for a digit out
 * of its base or none), exponents, a bare fraction, trailing junk. */
static void test_import_numbers(void **state) {
  (void)state;
  imported r = import_str("journey\nsection S\nA: +3\nB: -2\nC: -Infinity\nD: Infinity\nE: 0o7\nF: 0b101\n"
                          "G: 0X1F\nH: 0x\nI: 0b2\nJ: 0xg\nK: 1e3\nL: 1.5e-1\nM: 2e\nN: 2e+\nO: .5\nP: 5.\n"
                          "Q: 3x\nR: 1234567890123456789012345678901234567890123456789012345678901234567890\n"
                          "S: 0\nT: +0x5\nU: 4E+0\nV: 0b11\n");
  assert_int_equal(r.errors, 0);
  assert_contains(r.cjm, "step a \"A\"\n    feel 3\n");
  assert_contains(r.diags, "4:3: warning: score -2 is outside Mermaid's 1..5; the feel is 1");
  assert_contains(r.diags, "5:3: warning: score -Infinity is outside Mermaid's 1..5; the feel is 1");
  assert_contains(r.diags, "6:3: warning: score Infinity is outside Mermaid's 1..5; the feel is 5");
  assert_contains(r.diags, "7:3: warning: score 7 is outside");
  assert_contains(r.cjm, "step f \"F\"\n    feel 5\n");
  assert_contains(r.diags, "9:3: warning: score 31 is outside");
  for (int line = 10; line <= 12; line++) {
    char want[64];
    snprintf(want, sizeof want, "%d:3: warning: the score is not a number", line);
    assert_contains(r.diags, want);
  }
  assert_contains(r.diags, "13:3: warning: score 1000 is outside");
  assert_contains(r.diags, "14:3: warning: score 0.15 is outside");
  assert_contains(r.diags, "15:3: warning: the score is not a number");
  assert_contains(r.diags, "16:3: warning: the score is not a number");
  assert_contains(r.diags, "17:3: warning: score 0.5 is outside");
  assert_contains(r.cjm, "step p \"P\"\n    feel 5\n");
  assert_contains(r.diags, "19:3: warning: the score is not a number");
  assert_contains(r.diags, "20:3: warning: the score is not a number"); /* longer than any number cjm reads */
  assert_contains(r.diags, "21:3: warning: score 0 is outside");
  assert_contains(r.diags, "22:3: warning: the score is not a number"); /* Number("+0x5") is NaN */
  assert_contains(r.cjm, "step u \"U\"\n    feel 4\n");
  assert_contains(r.cjm, "step v \"V\"\n    feel 3\n");
  assert_int_equal(r.warnings, 17);
  free(r.cjm);
}

/* The corners of Mermaid's lexer: directives after white space or a
 * character, comments at the end of the file or of one '%', accDescr
 * blocks empty or never closed, accTitle and accDescr of nothing (their
 * \s* takes the line break), a section of white space, control
 * characters in comments, a title repeated by accTitle. */
static void test_import_scanner_corners(void **state) {
  (void)state;
  imported r = import_str("  %%{init: {}}%%\njourney\nsection S\nA: 3\n%");
  assert_int_equal(r.errors, 0);
  assert_contains(r.diags, "1:3: warning: a %%{…}%% directive configures Mermaid");
  assert_contains(r.cjm, "# %%{init: {}}%%\njourney \"\"");
  assert_contains(r.cjm, "step a \"A\"\n    feel 3\n");
  free(r.cjm);

  r = import_str("journey\nsection S\nA: 3\n%%");
  assert_int_equal(r.errors + r.warnings, 0);
  free(r.cjm);

  /* one character, then a directive: the directive is read as one */
  r = import_str("journey\nsection S\nA%%{init: {}}%%\n");
  assert_int_equal(r.errors, 0);
  assert_contains(r.diags, "3:2: warning: a %%{…}%% directive configures Mermaid");
  free(r.cjm);

  /* a comment after a character of four UTF-8 bytes is no comment */
  r = import_str("journey\nsection S\n\xF0\x9F\x8D\xB5%% c\n");
  assert_null(r.cjm);
  assert_contains(r.diags, "3:6: error: a task wants ':' and a score after its name");

  r = import_str("journey\naccDescr {");
  assert_int_equal(r.errors + r.warnings, 0);
  assert_lacks(r.cjm, "goal");
  free(r.cjm);
  r = import_str("journey\naccDescr {}\nsection S\nA: 3\n");
  assert_int_equal(r.errors + r.warnings, 0);
  assert_contains(r.cjm, "stage s \"S\"\n  step a \"A\"\n");
  free(r.cjm);
  r = import_str("journey\naccDescr { Never\nclosed");
  assert_int_equal(r.errors, 0);
  assert_contains(r.diags, "2:12: warning: 'accDescr {' is never closed with '}'");
  assert_contains(r.cjm, "goal \"Never\\nclosed\"");
  free(r.cjm);
  /* accTitle takes no block: a task name without its ':' */
  r = import_str("journey\naccTitle {x}\n");
  assert_null(r.cjm);
  assert_contains(r.diags, "2:13: error: a task wants ':' and a score after its name");

  r = import_str("journey\n%% a\x01" "b\x02" "c  \t\n%%\n%%x\ntitle \t\naccTitle:\naccDescr:\nsection S\n");
  assert_int_equal(r.errors, 0);
  assert_int_equal(r.warnings, 1); /* one warning for the line, not one per character */
  assert_contains(r.diags, "2:5: warning: a control character (U+0001) cannot stand in a cjm comment");
  assert_contains(r.cjm, "# a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\n#\n# x\njourney \"\"\n  acc_title \"accDescr:\"\n");
  free(r.cjm);

  r = import_str("journey\ntitle Same\naccTitle: Same\naccDescr: D\n");
  assert_int_equal(r.errors + r.warnings, 0);
  assert_contains(r.cjm, "journey \"Same\"\n  goal \"D\"\n");
  assert_lacks(r.cjm, "acc_title");
  free(r.cjm);

  r = import_str("journey\nsection \t\nA: 3\n");
  assert_contains(r.diags, "2:1: warning: a section without a name; the stage is labelled 'section'");
  assert_contains(r.cjm, "stage section \"section\"\n  step a \"A\"\n");
  free(r.cjm);
}

/* Where the diagram is no journey, or two: located errors, no output. */
static void test_import_not_one_journey(void **state) {
  (void)state;
  imported r = import_str("JOURNEY\n");
  assert_null(r.cjm);
  assert_contains(r.diags, "1:1: error: not a Mermaid journey diagram: Mermaid knows one by 'journey' in lower case, "
                           "not 'JOURNEY'");
  r = import_str("journey\nsection S\nA: 3\njourney\n");
  assert_null(r.cjm);
  assert_contains(r.diags, "4:1: error: 'journey' again: a Mermaid file holds one diagram");
  r = import_str("journey");
  assert_int_equal(r.errors + r.warnings, 0);
  assert_contains(r.cjm, "journey \"\"");
  free(r.cjm);
  r = import_str("journey\nsection S\nTask:\nTask");
  assert_null(r.cjm);
  assert_int_equal(r.errors, 2);
  assert_contains(r.diags, "3:5: error: a task wants a score after its ':'");
  assert_contains(r.diags, "4:5: error: a task wants ':' and a score after its name");
  r = import_str("---x\njourney\n");
  assert_null(r.cjm);
  assert_contains(r.diags, "1:1: error: not a Mermaid journey diagram: a journey diagram starts with 'journey'");
  /* front matter never closed (or closed at the very end): no front matter */
  const char *unclosed[] = {"---\ntitle: T\njourney\n", "---\ntitle: T\n---", "---"};
  for (size_t i = 0; i < sizeof unclosed / sizeof *unclosed; i++) {
    r = import_str(unclosed[i]);
    assert_null(r.cjm);
    assert_contains(r.diags, "1:1: error: not a Mermaid journey diagram");
  }
  /* more errors than the cap: the import stops there */
  char many[4096] = "journey\nsection S\n";
  for (int i = 0; i < 80; i++) strcat(many, "x;\n");
  r = import_str(many);
  assert_null(r.cjm);
  assert_int_equal(r.errors, CJM_DEFAULT_MAX_ERRORS);
}

/* Front matter: a title, quoted or not, the --- lines with white space
 * after them, CRLF; indented lines, comments and blank lines are no keys
 * (blank lines were warned about as a key '' before). */
static void test_import_front_matter(void **state) {
  (void)state;
  imported r = import_str("--- \t\ntitle: \"Quoted\"\n  indented: 1\n# note\n\ntitle\n---  \njourney\nsection S\nA: 3\n");
  assert_int_equal(r.errors, 0);
  assert_int_equal(r.warnings, 1);
  assert_contains(r.diags, "6:1: warning: front matter 'title' configures Mermaid");
  assert_contains(r.cjm, "# ---\n# title: \"Quoted\"\n");
  assert_contains(r.cjm, "journey \"Quoted\"");
  free(r.cjm);
  r = import_str("---\r\ntitle: 'Q'\r\n---\r\njourney\r\n");
  assert_int_equal(r.errors + r.warnings, 0);
  assert_contains(r.cjm, "# ---\n# title: 'Q'\n# ---\njourney \"Q\"");
  free(r.cjm);
  r = import_str("---\n\n\n---\njourney\n");
  assert_int_equal(r.errors + r.warnings, 0);
  assert_contains(r.cjm, "journey \"\"");
  free(r.cjm);
}

/* A file over the size limit: one error at its start. */
static void test_import_limit(void **state) {
  (void)state;
  cjm_source *src = cjm_source_from_memory("t.mmd", "journey\nsection S\nA: 3\n", 23);
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf out = {0};
  cjm_limits limits = CJM_LIMITS_DEFAULT;
  limits.max_file_bytes = 10;
  assert_false(cjm_mermaid_import(src, &out, diags, &limits));
  assert_null(out.data);
  assert_int_equal(cjm_diags_count(diags), 1);
  const cjm_diag *d = cjm_diags_at(diags, 0);
  assert_int_equal(d->loc.line, 1);
  assert_string_equal(d->message, "file is 23 bytes, over the limit of 10 bytes");
  cjm_diags_free(diags);
  cjm_source_free(src);
}

/* CRLF and a byte-order mark read as Mermaid reads them. */
static void test_import_crlf_bom(void **state) {
  (void)state;
  imported r = import_str("\xEF\xBB\xBFjourney\r\ntitle T\r\nsection A\r\nX: 3: P\r\n");
  assert_int_equal(r.errors, 0);
  assert_contains(r.cjm, "journey \"T\"");
  assert_contains(r.cjm, "step x \"X\" by p\n    feel 3\n");
  free(r.cjm);
}

/* Mutated diagrams, with the characters Mermaid's grammar turns on and
 * bytes that are not text: the importer never crashes (the sanitizer build
 * runs this too), reports an error or writes a journey, and never makes a
 * journey it cannot read back (an "internal error"). */
static void test_import_mutations(void **state) {
  (void)state;
  static const char seed[] = "%%{init: {}}%%\n---\ntitle: T\n---\njourney\n  title A # c\n  accTitle: x\n"
                             "  accDescr {\n a\n }\n  First: 2: P\n  section S %% s\n    Task: 3: P, Q # t\n"
                             "    %% note\n    Other: 4.5\n";
  static const char *const pieces[] = {":", "#", ";", "%%", "%%{", "}%%", "{", "}", "\n", "\r", " ", "\t", ",",
                                       "\xC3\xA9", "\xE2\x80\xAE", "\xE2\x81\xA0", "\x01", "\x7F", "\xFF",
                                       "\\", "\"", "journey", "title ", "section ", "accDescr {", "accTitle:", "0x",
                                       "NaN", "-1", "\xEF\xBB\xBF", "\xE3\x80\x80", "\xE2\x80\x8B"};
  uint64_t rng = 0x9E3779B97F4A7C15ULL;
  char text[1024];
  for (int round = 0; round < 3000; round++) {
    size_t len = sizeof seed - 1;
    memcpy(text, seed, len);
    int edits = 1 + round % 6;
    for (int e = 0; e < edits; e++) {
      rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
      size_t at = (size_t)(rng % (len + 1));
      const char *piece = pieces[(rng >> 20) % (sizeof pieces / sizeof pieces[0])];
      size_t n = strlen(piece);
      if ((rng >> 40) % 3 == 0 && at < len) { /* delete a byte instead */
        memmove(text + at, text + at + 1, len - at - 1);
        len--;
        continue;
      }
      if (len + n >= sizeof text) break;
      memmove(text + at + n, text + at, len - at);
      memcpy(text + at, piece, n);
      len += n;
    }
    imported r = import_text(text, len);
    assert_lacks(r.diags, "internal error");
    assert_true((r.cjm != NULL) == (r.errors == 0));
    free(r.cjm);
  }
}

/* ---- export ---------------------------------------------------------------- */

static char *export_text(const char *cjm, bool quiet) {
  journey *j = journey_from_text(cjm, NULL);
  cjm_strbuf out = {0};
  cjm_mermaid_export_options options = {.quiet = quiet};
  assert_true(cjm_mermaid_export(j->model, j->analysis, &options, &out, j->diags));
  char *text = strdup(out.data ? out.data : "");
  cjm_strbuf_free(&out);
  journey_free(j);
  return text;
}

static void test_score_mapping(void **state) {
  (void)state;
  /* -2..2: exact */
  for (int s = -2; s <= 2; s++) assert_true(cjm_mermaid_score(s, -2, 2) == s + 3);
  /* 1..5: as written, a mean to two decimals */
  assert_true(cjm_mermaid_score(3.5, 1, 5) == 3.5);
  assert_true(cjm_mermaid_score(10.0 / 3, 1, 5) == 3.33);
  /* other scales: linear, rounded, a half upwards */
  assert_true(cjm_mermaid_score(0, 0, 10) == 1);
  assert_true(cjm_mermaid_score(10, 0, 10) == 5);
  assert_true(cjm_mermaid_score(5, 0, 10) == 3);
  assert_true(cjm_mermaid_score(1.25, 0, 10) == 2);  /* 1.5 */
  assert_true(cjm_mermaid_score(0.5, -2, 2) == 4);   /* 3.5 */
  assert_true(cjm_mermaid_score(-0.5, -2, 2) == 3);  /* 2.5 */
  assert_true(cjm_mermaid_score(1, -3, 3) == 4);     /* 3.67 */
}

static void test_export_basic(void **state) {
  (void)state;
  char *m = export_text("journey \"Day\"\n  goal \"Why\"\n  acc_title \"Acc\"\n\npersona me \"Me\"\n\n"
                        "stage s \"Work\"\n  step a \"Tea\" by me\n    feel 2\n\n  step b \"Mail\"\n    feel -2\n", false);
  assert_string_equal(m, "journey\n  title Day\n  accTitle: Acc\n  accDescr: Why\n  section Work\n"
                         "    Tea: 5: Me\n    Mail: 1\n");
  free(m);
}

/* What Mermaid cannot hold is replaced; a task named like a keyword gets a
 * word joiner; the note lists what is lost, --quiet leaves it out. */
static void test_export_replacements(void **state) {
  (void)state;
  const char *cjm = "journey \"A # b; c: d\"\n  goal \"x\\ny }\"\n  measure m 3\n\nmetric m\n\npersona p \"Ann, admin: #1\"\n\n"
                    "lane content\n\nchannel web\n\nstage s \"S: 1 # 2; 3\"\n"
                    "  step a \"title deed\" by p via web\n    feel 1 \"ok\"\n    pain \"p\"\n"
                    "  step b \"%% c\\nd\" by p\n    next a\n    content \"c\"\n";
  char *m = export_text(cjm, false);
  assert_contains(m, "%% cjm export: Mermaid's journey diagram cannot show these parts of the journey:\n");
  assert_contains(m, "%%   - 2 lane entries in 2 lanes");
  assert_contains(m, "%%   - 1 channels, used by 1 stages and steps (via)");
  assert_contains(m, "%%   - 1 steps without a feel, shown at 3 (neutral)");
  assert_contains(m, "%%   - 1 emotion words of feels");
  assert_contains(m, "%%   - branches: 1 steps with next");
  assert_contains(m, "%%   - 1 metrics and 1 measures");
  assert_contains(m, "  title A ＃ b； c: d\n");
  assert_contains(m, "  accDescr {\n    x\n    y ｝\n  }\n");
  assert_contains(m, "  section S： 1 ＃ 2； 3\n");
  assert_contains(m, "    \xE2\x81\xA0title deed: 4: Ann， admin： ＃1\n");
  assert_contains(m, "    ％％ c↵d: 3: Ann， admin： ＃1\n");
  free(m);
  m = export_text(cjm, true);
  assert_lacks(m, "%%");
  assert_true(strncmp(m, "journey\n", 8) == 0);
  free(m);
}

/* The first stage without a label holds the tasks before any section. */
/* Two personas with one label are one actor to Mermaid: the note says so. */
static void test_export_same_label(void **state) {
  (void)state;
  char *m = export_text("journey \"J\"\n\npersona a \"Sam\"\n\npersona b \"Sam\"\n\nstage s \"S\"\n"
                        "  step x \"X\" by a, b\n    feel 1\n",
                        false);
  assert_contains(m, "%%   - 1 personas labelled as another is, one actor to Mermaid\n");
  assert_contains(m, "    X: 4: Sam, Sam\n");
  free(m);
}

static void test_export_unsectioned(void **state) {
  (void)state;
  char *m = export_text("journey \"J\"\n  scale 1..5\n\nstage a \"\"\n  step x \"X\"\n    feel 2\n\n"
                        "stage b \"\"\n  step y \"\"\n    feel 4\n", true);
  assert_string_equal(m, "journey\n  title J\n  accTitle: J\n    X: 2\n  section b\n    y: 4\n");
  free(m);
}

/* Export then import gives the journey's stages, steps and feels back. */
static void test_round_trip(void **state) {
  (void)state;
  char *m = export_text("journey \"Trip\"\n  scale 1..5\n\npersona 小美 \"小美\"\n\nstage 进店 \"进店\"\n"
                        "  step 看 \"看菜单\" by 小美\n    feel 4\n",
                        false);
  imported r = import_str(m);
  assert_int_equal(r.errors, 0);
  assert_string_equal(r.cjm, "journey \"Trip\"\n  scale 1..5\n\npersona 小美 \"小美\"\n\nstage 进店 \"进店\"\n"
                             "  step 看菜单 \"看菜单\" by 小美\n    feel 4\n");
  free(r.cjm);
  free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_import_basic),
      cmocka_unit_test(test_import_keywords_first),
      cmocka_unit_test(test_import_comments),
      cmocka_unit_test(test_import_accessibility),
      cmocka_unit_test(test_import_scores_and_actors),
      cmocka_unit_test(test_import_identifiers),
      cmocka_unit_test(test_name_make),
      cmocka_unit_test(test_import_errors),
      cmocka_unit_test(test_import_numbers),
      cmocka_unit_test(test_import_scanner_corners),
      cmocka_unit_test(test_import_not_one_journey),
      cmocka_unit_test(test_import_front_matter),
      cmocka_unit_test(test_import_limit),
      cmocka_unit_test(test_import_crlf_bom),
      cmocka_unit_test(test_import_mutations),
      cmocka_unit_test(test_score_mapping),
      cmocka_unit_test(test_export_basic),
      cmocka_unit_test(test_export_replacements),
      cmocka_unit_test(test_export_same_label),
      cmocka_unit_test(test_export_unsectioned),
      cmocka_unit_test(test_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
