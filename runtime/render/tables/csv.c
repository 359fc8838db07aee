/* render_csv — the journey grid as CSV (render_tables.h), the layout that
 * `cjm import csv` reads back (docs/tables.md):
 *   - RFC 4180: CRLF after every record, a field quoted when it holds a
 *     comma, a quote, CR or LF, quotes doubled; every record as long as
 *     the first; UTF-8 after a byte-order mark (unless --no-bom);
 *   - the first record: the journey's title, then each stage's label over
 *     its first column (its other columns empty, as merged cells export);
 *   - then one record per row of the grid, its label first; a cell holds
 *     one item, so a row whose cells hold several continues in records
 *     with an empty label;
 *   - a feel row holds the bare scores ("-2", "4"), and is followed by an
 *     "Emotion: ID" row with the words when it has any;
 *   - a measure is its number, with `%` when written with one.
 * A field that a spreadsheet would run as a formula (starting with =, +,
 * -, @, tab or carriage return, other than a plain number such as -2 or
 * +1.5%) gets a leading apostrophe, which spreadsheets show as text.
 * Control characters other than tab, CR and LF (an escape sequence written
 * as \u{1b}) become U+FFFD, so that printing the file cannot drive a
 * terminal. */
#include <stdlib.h>
#include <string.h>

#include "runtime/render/tables/tables.h"
#include "runtime/render/tables/table.h"
#include "runtime/core/present.h"

/* Whether s is a plain number: [+-]digits[.digits][%]. */
static bool plain_number(const char *s) {
  if (*s == '+' || *s == '-') s++;
  bool digits = false;
  while (*s >= '0' && *s <= '9') s++, digits = true;
  if (*s == '.') {
    s++;
    while (*s >= '0' && *s <= '9') s++, digits = true;
  }
  if (*s == '%') s++;
  return digits && *s == '\0';
}

static void put_field(cjm_strbuf *out, const char *text, bool first) {
  if (!first) cjm_strbuf_puts(out, ",");
  bool formula = strchr("=+-@\t\r", text[0]) && text[0] && !plain_number(text);
  bool quote = false;
  for (const char *p = text; *p && !quote; p++) quote = *p == ',' || *p == '"' || *p == '\r' || *p == '\n';
  if (quote) cjm_strbuf_puts(out, "\"");
  if (formula) cjm_strbuf_puts(out, "'");
  for (const char *p = text; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (*p == '"') cjm_strbuf_puts(out, "\"");
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) cjm_strbuf_puts(out, "\xEF\xBF\xBD");
    else cjm_strbuf_write(out, p, 1);
  }
  if (quote) cjm_strbuf_puts(out, "\"");
}

/* The text of the i-th item of a cell for a row's physical record; words
 * says whether a feel record shows words rather than scores. */
static char *item_field(const cjm_table *t, const cjm_table_cell *cell, size_t i, bool words) {
  if (i >= cell->count) return NULL;
  const cjm_table_item *item = &cell->items[i];
  cjm_strbuf s = {0};
  if (item->kind == CJM_ITEM_FEEL) {
    if (words && item->text) cjm_strbuf_puts(&s, item->text);
    else if (!words) cjm_present_number(&s, item->feel->score);
  } else if (item->kind == CJM_ITEM_MEASURE) {
    cjm_present_measure(&s, item->observation->measure, false);
  } else {
    cjm_table_put_item(&s, t, item);
  }
  return s.data;
}

/* The records of one row: as many as its fullest cell has items. */
static void put_row(cjm_strbuf *out, const cjm_table *t, const cjm_table_row *row, const char *label, bool words) {
  for (size_t i = 0; i < row->max_items; i++) {
    put_field(out, i == 0 ? label : "", true);
    for (size_t c = 0; c < t->column_count; c++) {
      char *field = item_field(t, &row->cells[c], i, words);
      put_field(out, field ? field : "", false);
      free(field);
    }
    cjm_strbuf_puts(out, "\r\n");
  }
}

static bool has_words(const cjm_table *t, const cjm_table_row *row) {
  for (size_t c = 0; c < t->column_count; c++)
    for (size_t i = 0; i < row->cells[c].count; i++)
      if (row->cells[c].items[i].text) return true;
  return false;
}

bool cjm_render_csv(const cjm_model *model, const cjm_analysis *analysis,
                    const cjm_render_options *options, cjm_strbuf *out, cjm_diags *diags) {
  if (!cjm_table_within_budget(model, options->persona, diags)) return false;
  cjm_table *t = cjm_table_build(model, analysis, options->persona);
  if (options->bom) cjm_strbuf_puts(out, "\xEF\xBB\xBF");
  put_field(out, model->journey.title ? model->journey.title : "", true);
  for (size_t c = 0; c < t->column_count; c++) {
    const cjm_table_group *g = &t->groups[t->columns[c].group];
    put_field(out, g->first == c ? g->stage->decl.label : "", false);
  }
  cjm_strbuf_puts(out, "\r\n");
  for (size_t r = 0; r < t->row_count; r++) {
    const cjm_table_row *row = &t->rows[r];
    /* A relabelled built-in lane keeps its heading: the layout import csv reads. */
    bool builtin = row->kind == CJM_ROW_LANE && row->lane && row->lane->builtin;
    put_row(out, t, row, builtin ? cjm_table_heading_of(CJM_ROW_LANE, row->lane->decl.id) : row->label, false);
    if (row->kind != CJM_ROW_FEEL || !has_words(t, row)) continue;
    cjm_strbuf label = {0};
    cjm_strbuf_puts(&label, CJM_TABLE_EMOTION);
    if (row->persona) cjm_strbuf_printf(&label, ": %s", row->persona->decl.id);
    put_row(out, t, row, label.data, true);
    cjm_strbuf_free(&label);
  }
  cjm_table_free(t);
  return true;
}
