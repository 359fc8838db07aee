/* Unit tests for `cjm import csv` (runtime/interop/csv_import.h): the
 * RFC 4180 reader (separators detected, quotes, line breaks in cells,
 * positions of every field, the byte-order mark, binary and non-UTF-8
 * text) and the importer (spreadsheet variants read as the grid cjm
 * writes, rows by heading, metrics told from lanes, persona markers,
 * identifiers made unique, and each error with its exact message and
 * place). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/diag.h"
#include "lang/source.h"
#include "runtime/base/strbuf.h"
#include "runtime/interop/csv_import.h"

/* ---- the reader ------------------------------------------------------------ */

/* Reads text as the CSV file t.csv; the caller frees csv, src, diags. */
static bool read_csv(const char *text, size_t len, cjm_csv *csv, cjm_source **src, cjm_diags **diags) {
  *src = cjm_source_from_memory("t.csv", text, len);
  *diags = cjm_diags_new();
  return cjm_csv_read(*src, csv, *diags);
}

/* Frees what read_csv made. */
static void done_reading(cjm_csv *csv, cjm_source *src, cjm_diags *diags) {
  cjm_csv_free(csv);
  cjm_source_free(src);
  cjm_diags_free(diags);
}

static void separators_are_detected(void **state) {
  (void)state;
  assert_int_equal(cjm_csv_detect_separator("a,b,c\n", 6), ',');
  assert_int_equal(cjm_csv_detect_separator("a;b;c,d\n", 8), ';');
  assert_int_equal(cjm_csv_detect_separator("a\tb\tc;d\n", 8), '\t');
  /* separators inside quotes and on later lines do not count */
  assert_int_equal(cjm_csv_detect_separator("\"a;b;c\",d\ne;f;g;h\n", 18), ',');
  assert_int_equal(cjm_csv_detect_separator("abc\n", 4), ',');
  assert_int_equal(cjm_csv_detect_separator("a;b,c\n", 6), ',');
}

static void fields_keep_text_and_places(void **state) {
  (void)state;
  const char text[] = "\xEF\xBB\xBFT,\"a \"\"q\"\"\",\"two\r\nlines\"\r\nx,,é\n";
  cjm_csv csv;
  cjm_source *src;
  cjm_diags *diags;
  assert_true(read_csv(text, sizeof text - 1, &csv, &src, &diags));
  assert_int_equal(csv.separator, ',');
  assert_int_equal(csv.record_count, 2);
  assert_int_equal(csv.records[0].count, 3);
  assert_int_equal(csv.records[1].count, 3);
  const cjm_csv_field *f = csv.fields;
  assert_string_equal(f[0].text, "T");
  assert_int_equal(f[0].loc.line, 1);
  assert_int_equal(f[0].loc.col, 1); /* after the byte-order mark */
  assert_string_equal(f[1].text, "a \"q\"");
  assert_int_equal(f[1].loc.col, 3);
  assert_int_equal(f[1].loc.end_col, 12);
  assert_string_equal(f[2].text, "two\r\nlines"); /* line breaks in a cell kept as they are */
  assert_int_equal(f[2].loc.line, 1);
  assert_int_equal(f[2].loc.end_line, 2);
  assert_string_equal(f[3].text, "x");
  assert_int_equal(f[3].loc.line, 3);
  assert_string_equal(f[4].text, "");
  assert_int_equal(f[4].loc.col, 3);
  assert_string_equal(f[5].text, "é");
  assert_int_equal(f[5].loc.col, 4);
  assert_int_equal(f[5].loc.end_col, 5); /* columns count code points */
  done_reading(&csv, src, diags);
}

static void a_trailing_separator_is_an_empty_field(void **state) {
  (void)state;
  const char text[] = "a;b;\n;;\n";
  cjm_csv csv;
  cjm_source *src;
  cjm_diags *diags;
  assert_true(read_csv(text, sizeof text - 1, &csv, &src, &diags));
  assert_int_equal(csv.separator, ';');
  assert_int_equal(csv.record_count, 2);
  assert_int_equal(csv.records[0].count, 3);
  assert_int_equal(csv.records[1].count, 3);
  done_reading(&csv, src, diags);
}

/* Reads text, expecting one error with message and place. */
static void read_fails(const char *text, size_t len, const char *message, uint32_t line, uint32_t col) {
  cjm_csv csv;
  cjm_source *src;
  cjm_diags *diags;
  assert_false(read_csv(text, len, &csv, &src, &diags));
  assert_int_equal(cjm_diags_count(diags), 1);
  const cjm_diag *d = cjm_diags_at(diags, 0);
  assert_string_equal(d->message, message);
  assert_int_equal(d->loc.line, line);
  assert_int_equal(d->loc.col, col);
  done_reading(&csv, src, diags);
}

static void bad_text_is_located(void **state) {
  (void)state;
  read_fails("a,b\nc,\"d\n", 9, "quoted field never closes: a '\"' is missing", 2, 3);
  read_fails("a,b\nc,d\0e\n", 10, "a NUL byte: this is a binary file, not CSV text", 2, 4);
  read_fails("a,b\n\xC3\x28,d\n", 8, "invalid UTF-8 (byte 0xC3): save the file as CSV in UTF-8", 2, 1);
}

static void cells_are_named_as_spreadsheets_name_them(void **state) {
  (void)state;
  const struct {
    size_t column, row;
    const char *name;
  } cases[] = {{0, 1, "A1"}, {25, 3, "Z3"}, {26, 1, "AA1"}, {51, 2, "AZ2"}, {52, 9, "BA9"}, {701, 1, "ZZ1"}, {702, 1, "AAA1"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    cjm_strbuf name = {0};
    cjm_csv_cell_name(&name, cases[i].column, cases[i].row);
    assert_string_equal(name.data, cases[i].name);
    cjm_strbuf_free(&name);
  }
}

/* ---- the importer -------------------------------------------------------------- */

/* The journey imported from text, or NULL; *first_error receives the
 * first diagnostic as "LINE:COL: MESSAGE" (malloc'd) when there is one. */
static char *import(const char *text, char **first_error) {
  cjm_source *src = cjm_source_from_memory("t.csv", text, strlen(text));
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf out = {0};
  bool ok = cjm_csv_import(src, &out, diags, NULL);
  if (first_error) *first_error = NULL;
  if (cjm_diags_count(diags) && first_error) {
    const cjm_diag *d = cjm_diags_at(diags, 0);
    cjm_strbuf e = {0};
    cjm_strbuf_printf(&e, "%u:%u: %s", d->loc.line, d->loc.col, d->message);
    *first_error = e.data;
  }
  if (ok) assert_int_equal(cjm_diags_errors(diags), 0);
  else assert_null(out.data);
  cjm_diags_free(diags);
  cjm_source_free(src);
  return ok ? out.data : NULL;
}

/* The grid of docs/tables.md in its canonical form, and what it imports to. */
static const char canonical[] =
    "\xEF\xBB\xBFTrip,Plan,,Go\r\n"
    "Actions,,Books a seat,Boards\r\n"
    "Channels,Web,Web,Station\r\n"
    ",,App,\r\n"
    "Thoughts,,\"Cheap, at last\",\r\n"
    "Feel: mia,,1,-2\r\n"
    "Emotion: mia,,glad,\r\n"
    "Back office,,,Gate opened\r\n"
    "Seats sold,,12%,\r\n";

static const char canonical_journey[] =
    "journey \"Trip\"\n"
    "\n"
    "persona mia\n"
    "\n"
    "channel web \"Web\"\n"
    "\n"
    "channel app \"App\"\n"
    "\n"
    "channel station \"Station\"\n"
    "\n"
    "lane back_office \"Back office\"\n"
    "\n"
    "metric seats_sold \"Seats sold\"\n"
    "\n"
    "stage plan \"Plan\" via web\n"
    "  step books_a_seat \"Books a seat\" by mia via web, app\n"
    "    thought \"Cheap, at last\"\n"
    "    feel +1 \"glad\"\n"
    "    measure seats_sold 12%\n"
    "\n"
    "stage go \"Go\"\n"
    "  step boards \"Boards\" by mia via station\n"
    "    feel -2\n"
    "    back_office \"Gate opened\"\n";

static void the_canonical_grid_imports(void **state) {
  (void)state;
  char *error;
  char *journey = import(canonical, &error);
  assert_non_null(journey);
  assert_null(error);
  assert_string_equal(journey, canonical_journey);
  free(journey);
}

/* text with every "," outside quotes replaced by sep. */
static char *with_separator(const char *text, char sep) {
  char *copy = strdup(text);
  bool quoted = false;
  for (char *p = copy; *p; p++) {
    if (*p == '"') quoted = !quoted;
    else if (*p == ',' && !quoted) *p = sep;
  }
  return copy;
}

/* text with every CRLF made LF, and without the byte-order mark. */
static char *lf_no_bom(const char *text) {
  char *copy = strdup(text + 3);
  char *o = copy;
  for (const char *p = copy; *p; p++)
    if (!(p[0] == '\r' && p[1] == '\n')) *o++ = *p;
  *o = '\0';
  return copy;
}

static void spreadsheet_variants_import_alike(void **state) {
  (void)state;
  char *variants[4];
  variants[0] = with_separator(canonical, ';');
  variants[1] = with_separator(canonical, '\t');
  variants[2] = lf_no_bom(canonical);
  /* trailing empty columns and rows, as spreadsheet programs save them */
  cjm_strbuf padded = {0};
  for (const char *line = canonical; *line;) {
    const char *end = strstr(line, "\r\n");
    cjm_strbuf_write(&padded, line, (size_t)(end - line));
    cjm_strbuf_puts(&padded, ",,,\r\n");
    line = end + 2;
  }
  cjm_strbuf_puts(&padded, ",,,,,,\r\n,,,,,,\r\n");
  variants[3] = padded.data;
  for (size_t i = 0; i < 4; i++) {
    char *error;
    char *journey = import(variants[i], &error);
    if (!journey) fail_msg("variant %zu: %s", i, error);
    assert_string_equal(journey, canonical_journey);
    free(journey);
    free(variants[i]);
  }
}

/* Imports csv and checks that the journey holds each of parts. */
static void imports_with(const char *csv, const char *const parts[]) {
  char *error;
  char *journey = import(csv, &error);
  if (!journey) fail_msg("not imported: %s", error);
  for (size_t i = 0; parts[i]; i++)
    if (!strstr(journey, parts[i])) fail_msg("no '%s' in:\n%s", parts[i], journey);
  free(journey);
}
#define IMPORTS_WITH(csv, ...) imports_with((csv), (const char *const[]){__VA_ARGS__, NULL})

static void decimal_commas_in_semicolon_files(void **state) {
  (void)state;
  IMPORTS_WITH("T;S\nActions;a\nFeel;1,5\nRate;2,25%\n", "feel +1.5\n", "measure rate 2.25%\n");
}

static void headings_rows_and_markers(void **state) {
  (void)state;
  IMPORTS_WITH("T,S,\n"
               "actions,A,B\n"
               "Feel: ann,1,\n"
               "Feel: bob,,2\n"
               "Pains,ann: slow,bob: lost\n"
               "Year,2024,\n" /* numbers, then text: a lane */
               "Remarks,x,\n"
               "NPS,40,\n" /* numbers at the end: a metric */
               "Notes,,n\n",
               "lane year \"Year\"\n", "metric nps \"NPS\"\n",
               "step a \"A\" by ann\n    feel +1 for ann\n    pain \"slow\" for ann\n", "    year \"2024\"\n",
               "    measure nps 40\n", "    note \"n\"\n");
}

static void identifiers_are_unique_and_not_reserved(void **state) {
  (void)state;
  IMPORTS_WITH("T,By,Step\nActions,Go,Go\nThoughts,,\nNotes,x,y\n", "stage phase_by \"By\"", "step go \"Go\"",
               "step go_2 \"Go\"");
  /* a declared lane never takes a built-in lane's identifier */
  IMPORTS_WITH("T,S\nActions,a\nThought,x\n", "lane thought_2 \"Thought\"");
  /* labels without letters get names that are not reserved words */
  IMPORTS_WITH("T,???,2024\nActions,!!!,a\nFeel: ***,1,\n", "persona someone \"***\"", "stage phase \"???\"",
               "stage phase_2024 \"2024\"", "step moment \"!!!\"");
}

static void grids_without_labels_or_stages(void **state) {
  (void)state;
  /* an empty B1: a stage without a label; an empty first record before a
   * heading: a journey without a title */
  IMPORTS_WITH(",,\r\nActions,a,b\r\n", "journey \"\"\n", "stage phase \"\"\n  step a \"a\"\n\n  step b \"b\"\n");
  /* only a title: a journey without stages */
  char *journey = import("\xEF\xBB\xBFJust a title\r\n", NULL);
  assert_string_equal(journey, "journey \"Just a title\"\n");
  free(journey);
  /* a column after a stage's own with an empty Actions cell: a step labelled "" */
  IMPORTS_WITH("T,S,,\nActions,,,b\nNotes,x,y,z\n", "stage s \"S\"\n  note \"x\"\n\n  step s \"\"\n    note \"y\"\n");
}

static void formula_apostrophes_are_stripped(void **state) {
  (void)state;
  IMPORTS_WITH("T,S\nActions,'=SUM(A1)\nThoughts,'-not a number\n", "\"=SUM(A1)\"", "thought \"-not a number\"");
}

static void errors_are_located_and_quote_the_cell(void **state) {
  (void)state;
  const struct {
    const char *csv, *error;
  } cases[] = {
      {"T,S\nActions,a\nFeel,great\n", "3:6: a feel that is not a number: 'great' (cell B3)"},
      {"T,S\nActions,a\nRate,1\nFeel,2,,x\n", "4:9: ragged row: record 4 has 4 fields, the first record 2: 'x' (cell D4)"},
      {"T\nActions\n", "1:1: unknown layout: the first row names no stage after the journey's title"},
      {"T\nActions\nThoughts\n", "1:1: unknown layout: the first row names no stage after the journey's title"},
      {"", "0:0: unknown layout: the file holds no cell"},
      {"T,S\n,x\n", "2:1: unknown layout: a record with no heading before the first row"},
      {"T,S\nActions,a\nEmotion: ann,x\n", "3:1: an emotion row must follow the feel row of the same persona: 'Emotion: ann' (cell A3)"},
      {"T,S\nActions,a\nFeel,\nEmotion,sad\n", "4:9: an emotion word with no feel score above it: 'sad' (cell B4)"},
      {"T,S\nActions,a\nFeel: ann,1\n,2\n", "4:2: a second feel for one persona in one column: '2' (cell B4)"},
      {"T,S\nActions,a\nFeel,1e9\n", "3:6: a feel that is not a number: '1e9' (cell B3)"},
      {"T,S\nActions,a\nFeel,5000\n", "3:6: a feel score far outside any emotion scale (at most 1000 either way): '5000' (cell B3)"},
      {"T,S\nActions,a,\nActions,b\n", "3:1: a second Actions row: 'Actions' (cell A3)"},
      {"T,S\nActions,a\nFeel: ann,1\nFeel,2\n",
       "4:1: a feel row without a persona, in a grid whose other feel rows name theirs ('Feel: ID'): 'Feel' (cell A4)"},
      {"T,S\nActions,a\nFeel: bob,1\nEmotion: ann,x\n",
       "4:1: an emotion row must follow the feel row of the same persona: 'Emotion: ann' (cell A4)"},
      {"T,S\nEmotion,x\n", "2:1: an emotion row must follow the feel row of the same persona: 'Emotion' (cell A2)"},
      {"T,S\nActions,a\nFeel,1111111111111111111111111111111111111111111111111111111111111111111\n",
       "3:6: a feel that is not a number: '1111111111111111111111111111111111111111…' (cell B3)"},
      {"T,S\nActions,a\nFeel,1.x\n", "3:6: a feel that is not a number: '1.x' (cell B3)"},
      {"T,S\nActions,a\nFeel,1.\n", "3:6: a feel that is not a number: '1.' (cell B3)"},
      {"T,S\nActions,a\nFeel,-\n", "3:6: a feel that is not a number: '-' (cell B3)"},
      {"T,S\nActions,a\nFeel,2%\n", "3:6: a feel that is not a number: '2%' (cell B3)"},
      {"T,S\n\"never closed\n", "2:1: quoted field never closes: a '\"' is missing"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *error;
    char *journey = import(cases[i].csv, &error);
    if (journey) fail_msg("case %zu imported", i);
    assert_non_null(error);
    assert_string_equal(error, cases[i].error);
    free(error);
  }
}

/* Spaces around headings and numbers, a quote closed at the end of the
 * file, lines ended by CR alone, blank records, persona identifiers that
 * must be made (a digit first, a keyword, one already made), a channel
 * named twice in a column, feels from 0: scale 0..N. */
static void odd_but_readable_grids(void **state) {
  (void)state;
  IMPORTS_WITH("T,S\n Actions ,a\n Feel ,\" 1 \"\n", "step a \"a\"\n    feel +1\n");
  char *journey = import("T,\"S\"", NULL);
  assert_string_equal(journey, "journey \"T\"\n\nstage s \"S\"\n");
  free(journey);
  IMPORTS_WITH("T,S\rActions,a\rFeel,2\r", "step a \"a\"\n    feel +2\n");
  IMPORTS_WITH("T,S\n,\nActions,a\n", "stage s \"S\"\n  step a \"a\"\n");
  journey = import("T\n,\n", NULL);
  assert_string_equal(journey, "journey \"T\"\n");
  free(journey);
  IMPORTS_WITH("T,S,U\nActions,a,b\nFeel: 9lives,1,\nFeel: a-b,,2\nFeel: feel,1,\nFeel: someone_9lives,,3\n"
               "Feel: \xD0\x9A\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xBD\xD1\x82,1,\n",
               "persona someone_9lives \"9lives\"\n", "persona a-b\n", "persona someone_feel \"feel\"\n",
               "persona someone_9lives_2 \"someone_9lives\"\n", "persona \xD0\x9A\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xBD\xD1\x82\n",
               "step b \"b\" by a-b, someone_9lives_2\n");
  IMPORTS_WITH("T,S,U\nActions,a,b\nChannels,web,web\n,web,app\n", "step a \"a\" via web\n",
               "step b \"b\" via web, app\n");
  IMPORTS_WITH("T,S,U\nActions,a,b\nFeel,0,5\n", "  scale 0..5\n", "    feel 0\n", "    feel 5\n");
  IMPORTS_WITH("T,S,U\nActions,a,b\nFeel,-3,1\n", "  scale -3..3\n");
  /* no Actions row: a stage of several columns is steps labelled "" */
  IMPORTS_WITH("T,S,\nNotes,x,y\n", "stage s \"S\"\n  step s \"\"\n    note \"x\"\n\n  step s_2 \"\"\n    note \"y\"\n");
}

/* More errors than the cap: the import stops at the cap. */
static void errors_stop_at_the_cap(void **state) {
  (void)state;
  cjm_strbuf csv = {0};
  cjm_strbuf_puts(&csv, "T");
  for (int i = 0; i < 80; i++) cjm_strbuf_printf(&csv, ",S%d", i);
  cjm_strbuf_puts(&csv, "\nActions");
  for (int i = 0; i < 80; i++) cjm_strbuf_printf(&csv, ",a%d", i);
  cjm_strbuf_puts(&csv, "\nFeel");
  for (int i = 0; i < 80; i++) cjm_strbuf_puts(&csv, ",x");
  cjm_strbuf_puts(&csv, "\n");
  cjm_source *src = cjm_source_from_memory("t.csv", csv.data, csv.len);
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf out = {0};
  assert_false(cjm_csv_import(src, &out, diags, NULL));
  assert_null(out.data);
  assert_int_equal(cjm_diags_errors(diags), CJM_DEFAULT_MAX_ERRORS);
  assert_string_equal(cjm_diags_at(diags, 0)->message, "a feel that is not a number: 'x' (cell B3)");
  cjm_diags_free(diags);
  cjm_source_free(src);
  cjm_strbuf_free(&csv);
}

/* A cell longer than the limit on strings: located at the cell. */
static void a_cell_over_the_string_limit(void **state) {
  (void)state;
  const char *text = "T,A stage label of forty bytes or so....\nActions,a\n";
  cjm_source *src = cjm_source_from_memory("t.csv", text, strlen(text));
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf out = {0};
  cjm_limits limits = CJM_LIMITS_DEFAULT;
  limits.max_string_bytes = 10;
  assert_false(cjm_csv_import(src, &out, diags, &limits));
  assert_null(out.data);
  const cjm_diag *d = cjm_diags_at(diags, 0);
  assert_int_equal(d->loc.line, 1);
  assert_int_equal(d->loc.col, 3);
  assert_string_equal(d->message, "cell longer than the limit on a text: 'A stage label of forty bytes or so....' (cell B1)");
  cjm_diags_free(diags);
  cjm_source_free(src);
}

static void a_long_cell_is_cut_in_the_message(void **state) {
  (void)state;
  char csv[200];
  snprintf(csv, sizeof csv, "T,S\nActions,a\nFeel,%s\n", "ééééééééééééééééééééééééééééééééééééééééééé");
  char *error;
  assert_null(import(csv, &error));
  assert_non_null(strstr(error, "'éééééééééééééééééééé…' (cell B3)"));
  free(error);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(separators_are_detected),
      cmocka_unit_test(fields_keep_text_and_places),
      cmocka_unit_test(a_trailing_separator_is_an_empty_field),
      cmocka_unit_test(bad_text_is_located),
      cmocka_unit_test(cells_are_named_as_spreadsheets_name_them),
      cmocka_unit_test(the_canonical_grid_imports),
      cmocka_unit_test(spreadsheet_variants_import_alike),
      cmocka_unit_test(decimal_commas_in_semicolon_files),
      cmocka_unit_test(headings_rows_and_markers),
      cmocka_unit_test(identifiers_are_unique_and_not_reserved),
      cmocka_unit_test(grids_without_labels_or_stages),
      cmocka_unit_test(formula_apostrophes_are_stripped),
      cmocka_unit_test(errors_are_located_and_quote_the_cell),
      cmocka_unit_test(a_long_cell_is_cut_in_the_message),
      cmocka_unit_test(odd_but_readable_grids),
      cmocka_unit_test(errors_stop_at_the_cap),
      cmocka_unit_test(a_cell_over_the_string_limit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
