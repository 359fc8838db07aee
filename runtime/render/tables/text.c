/* render_text — the journey grid in the terminal (render_tables.h).
 *
 * Lays the columns of the table out in blocks that fit the width: each
 * column gets the width its text wants, between COLUMN_MIN and
 * COLUMN_WANT; a block takes whole stages while they fit, a stage wider
 * than a block is split between blocks, and the space left in a block
 * widens the columns that wrap. Every block repeats the header rows
 * (stages, then the steps) and the labels of the rows that have something
 * in it. */
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/render/tables/tables.h"
#include "runtime/render/tables/table.h"
#include "runtime/render/tables/text_grid.h"
#include "runtime/core/present.h"
#include "runtime/core/words.h"

enum {
  DEFAULT_WIDTH = 100,
  COLUMN_MIN = 10,   /* a column is narrower only when the width leaves no room */
  COLUMN_WANT = 22,  /* wider only with space left over in its block */
  LABEL_MAX = 16,    /* the row-label column */
  BAR_MAX = 10,      /* the feel bar */
};

/* How the columns of a table are laid out. */
typedef struct layout {
  const cjm_table *table;
  const cjm_render_options *options;
  size_t label_width;
  size_t *want;             /* [column] the width each column asks for */
  size_t *natural;          /* [column] its widest text on one line */
} layout;

/* ---- cell text --------------------------------------------------------------------- */

static const char *bullet(const cjm_render_options *o) { return o->ascii ? "- " : "• "; }

static char *item_text(const cjm_table *t, const cjm_table_item *item, bool ascii) {
  cjm_strbuf s = {0};
  cjm_table_put_item(&s, t, item);
  if (item->kind == CJM_ITEM_MEASURE) {
    cjm_target_result r = item->observation->result;
    if (r == CJM_TARGET_MET) cjm_strbuf_puts(&s, ascii ? cjm_tr(" (met)") : " ✓");
    if (r == CJM_TARGET_MISSED) cjm_strbuf_puts(&s, ascii ? cjm_tr(" (missed)") : " ✗");
  }
  return s.data ? s.data : cjm_xstrdup("");
}

/* The actions cell of a stage's own column. */
#define STAGE_ONLY cjm_tr("(whole stage)")

/* The widest line and the longest unbreakable word a column's cells ask for. */
static void measure_column(const cjm_table *t, size_t c, bool ascii, size_t *natural, size_t *word) {
  *natural = *word = 0;
  const cjm_table_group *g = &t->groups[t->columns[c].group];
  if (g->count == 1) {
    *natural = cjm_tgrid_text_width(cjm_decl_label(&g->stage->decl));
    *word = cjm_tgrid_longest_word(cjm_decl_label(&g->stage->decl));
  }
  for (size_t r = 0; r < t->row_count; r++) {
    const cjm_table_cell *cell = &t->rows[r].cells[c];
    size_t extra = cell->count > 1 ? 2 : 0;
    for (size_t i = 0; i < cell->count; i++) {
      char *s = item_text(t, &cell->items[i], ascii);
      size_t w = cjm_tgrid_text_width(s) + extra, lw = cjm_tgrid_longest_word(s) + extra;
      if (w > *natural) *natural = w;
      if (lw > *word) *word = lw;
      free(s);
    }
  }
}

/* ---- blocks ----------------------------------------------------------------------- */

/* Splits the columns into blocks [start, end) that fit width, whole
 * stages first. Returns the number of blocks; ends[] receives each end. */
static size_t plan_blocks(const cjm_table *t, const size_t *want, size_t fixed, size_t width, size_t *ends) {
  size_t blocks = 0, c = 0;
  while (c < t->column_count) {
    size_t start = c, used = fixed;
    while (c < t->column_count) {
      const cjm_table_group *g = &t->groups[t->columns[c].group];
      if (c > start && c == g->first) {
        size_t need = 0;
        for (size_t k = g->first; k < g->first + g->count; k++) need += want[k] + 3;
        if (used + need > width) break; /* the stage starts the next block */
      }
      if (c > start && used + want[c] + 3 > width) break;
      used += want[c] + 3;
      c++;
    }
    ends[blocks++] = c;
  }
  return blocks;
}

/* Gives the columns [start, end) of a block their widths: what they want,
 * then the space left over to those that would wrap, one column at a time. */
static void fit_block(const layout *lay, size_t start, size_t end, size_t fixed, size_t width, size_t *widths) {
  size_t used = fixed;
  for (size_t c = start; c < end; c++) {
    widths[c - start] = lay->want[c];
    used += lay->want[c] + 3;
  }
  if (used > width) { /* a single column wider than the page */
    size_t over = used - width;
    widths[0] = widths[0] > over + 2 ? widths[0] - over : 2;
    return;
  }
  size_t left = width - used;
  for (bool grew = true; left && grew;) {
    grew = false;
    for (size_t c = start; c < end && left; c++) {
      if (widths[c - start] >= lay->natural[c]) continue;
      widths[c - start]++;
      left--;
      grew = true;
    }
  }
}

/* ---- one block ---------------------------------------------------------------------- */

static const char *feel_colour(double position) {
  return position < 0.35 ? "31" : position < 0.65 ? "33" : "32";
}

/* The feel bar of an item: as many filled cells as the score stands high. */
static void add_bar(cjm_tgrid_cell *cell, const cjm_table *t, const cjm_table_item *item, size_t width,
                    bool ascii) {
  size_t bar = width < BAR_MAX ? width : BAR_MAX;
  double position = cjm_table_feel_position(t->model, item->feel->score);
  size_t filled = 1 + (size_t)(position * (double)(bar - 1) + 0.5);
  cjm_strbuf s = {0};
  for (size_t i = 0; i < bar; i++) cjm_strbuf_puts(&s, i < filled ? (ascii ? "#" : "█") : (ascii ? "." : "░"));
  cjm_tgrid_add_line(cell, s.data, feel_colour(position));
  cjm_strbuf_free(&s);
}

static void fill_cell(cjm_tgrid_cell *cell, const layout *lay, const cjm_table_row *row, size_t c, size_t width) {
  const cjm_table *t = lay->table;
  const cjm_render_options *o = lay->options;
  const cjm_table_cell *tc = &row->cells[c];
  if (row->kind == CJM_ROW_ACTIONS && !t->columns[c].step) {
    cjm_tgrid_wrap(cell, STAGE_ONLY, width, NULL, NULL, NULL);
    return;
  }
  bool bullets = tc->count > 1;
  for (size_t i = 0; i < tc->count; i++) {
    const cjm_table_item *item = &tc->items[i];
    if (item->kind == CJM_ITEM_FEEL && o->color) add_bar(cell, t, item, width, o->ascii);
    char *s = item_text(t, item, o->ascii);
    cjm_tgrid_wrap(cell, s, width, bullets ? bullet(o) : NULL, bullets ? "  " : NULL, NULL);
    free(s);
  }
}

static void label_cell(cjm_tgrid_row *trow, const layout *lay, const cjm_table_row *row) {
  cjm_tgrid_cell *cell = cjm_tgrid_add_cell(trow, 0, 1);
  cjm_tgrid_wrap(cell, row->label, lay->label_width, NULL, NULL, NULL);
  if (row->kind == CJM_ROW_METRIC && row->metric->has_target) {
    cjm_strbuf s = {0};
    cjm_strbuf_puts(&s, cjm_tr("target "));
    cjm_present_target(&s, row->metric, lay->options->ascii);
    cjm_tgrid_wrap(cell, s.data, lay->label_width, NULL, NULL, NULL);
    cjm_strbuf_free(&s);
  }
}

/* Whether a row has something in the columns [start, end) of a block; the
 * actions row always shows, as the second header row. */
static bool row_shown(const cjm_table_row *row, size_t start, size_t end) {
  if (row->kind == CJM_ROW_ACTIONS) return true;
  for (size_t c = start; c < end; c++)
    if (row->cells[c].count) return true;
  return false;
}

static void print_block(const layout *lay, size_t start, size_t end, const size_t *widths, cjm_strbuf *out) {
  const cjm_table *t = lay->table;
  cjm_tgrid grid;
  cjm_tgrid_init(&grid, end - start + 1);
  grid.widths[0] = lay->label_width;
  for (size_t c = start; c < end; c++) grid.widths[c - start + 1] = widths[c - start];

  /* The stage row: each stage's label over its columns in this block. */
  cjm_tgrid_row *head = cjm_tgrid_add_row(&grid); /* valid until the next row is added */
  cjm_tgrid_wrap(cjm_tgrid_add_cell(head, 0, 1), cjm_tr("Stage"), lay->label_width, NULL, NULL, NULL);
  for (size_t c = start; c < end;) {
    const cjm_table_group *g = &t->groups[t->columns[c].group];
    size_t stop = g->first + g->count < end ? g->first + g->count : end;
    cjm_tgrid_cell *cell = cjm_tgrid_add_cell(head, c - start + 1, stop - c);
    cjm_strbuf s = {0};
    cjm_strbuf_puts(&s, cjm_decl_label(&g->stage->decl));
    if (c > g->first) cjm_strbuf_puts(&s, cjm_tr(" (cont.)"));
    cjm_tgrid_wrap(cell, s.data, cjm_tgrid_span_width(&grid, c - start + 1, stop - c), NULL, NULL, NULL);
    cjm_strbuf_free(&s);
    c = stop;
  }
  head->header_end = true;

  for (size_t r = 0; r < t->row_count; r++) {
    const cjm_table_row *row = &t->rows[r];
    if (!row_shown(row, start, end)) continue;
    if (row->kind == CJM_ROW_ACTIONS) grid.rows[0].header_end = false;
    cjm_tgrid_row *trow = cjm_tgrid_add_row(&grid);
    label_cell(trow, lay, row);
    for (size_t c = start; c < end; c++)
      fill_cell(cjm_tgrid_add_cell(trow, c - start + 1, 1), lay, row, c, widths[c - start]);
    trow->header_end = row->kind == CJM_ROW_ACTIONS;
  }
  cjm_tgrid_print(&grid, out, lay->options->ascii, lay->options->color);
  cjm_tgrid_free(&grid);
}

/* ---- the title -------------------------------------------------------------------- */

static void print_title(const cjm_table *t, size_t width, cjm_strbuf *out) {
  const cjm_model *m = t->model;
  cjm_tgrid grid; /* borderless: only its wrapping is used */
  cjm_tgrid_init(&grid, 1);
  cjm_tgrid_cell *cell = cjm_tgrid_add_cell(cjm_tgrid_add_row(&grid), 0, 1);
  cjm_tgrid_wrap(cell, m->journey.title ? m->journey.title : cjm_tr("Journey"), width, NULL, NULL, NULL);
  cjm_strbuf s = {0};
  /* The line the Markdown heading has too. */
  cjm_table_put_scale_line(&s, m);
  cjm_tgrid_wrap(cell, s.data, width, NULL, NULL, NULL);
  cjm_strbuf_free(&s);
  for (size_t p = 0; p < m->persona_count; p++) {
    const cjm_persona *persona = m->personas[p];
    if (t->persona && t->persona != persona) continue;
    cjm_strbuf line = {0};
    cjm_strbuf_printf(&line, "%s: %s", persona->decl.id, cjm_decl_label(&persona->decl));
    if (persona->kind == CJM_COMPANY) cjm_strbuf_puts(&line, cjm_tr(" (company)"));
    cjm_tgrid_wrap(cell, line.data, width, "  ", "    ", NULL);
    cjm_strbuf_free(&line);
  }
  for (size_t l = 0; l < cell->line_count; l++) {
    cjm_strbuf_puts(out, cell->lines[l].text);
    cjm_strbuf_puts(out, "\n");
  }
  cjm_tgrid_free(&grid);
}

/* ---- the backend ------------------------------------------------------------------ */

bool cjm_render_text(const cjm_model *model, const cjm_analysis *analysis,
                     const cjm_render_options *options, cjm_strbuf *out, cjm_diags *diags) {
  if (!cjm_table_within_budget(model, options->persona, diags)) return false;
  size_t width = options->width ? options->width : DEFAULT_WIDTH;
  cjm_language words_before = cjm_words_begin(cjm_language_for(model, options->lang));
  cjm_table *t = cjm_table_build(model, analysis, options->persona);
  layout lay = {.table = t, .options = options};

  size_t label = cjm_tgrid_text_width(cjm_tr("Stage")), label_word = 0;
  for (size_t r = 0; r < t->row_count; r++) {
    size_t w = cjm_tgrid_text_width(t->rows[r].label), lw = cjm_tgrid_longest_word(t->rows[r].label);
    if (w > label) label = w;
    if (lw > label_word) label_word = lw;
  }
  /* A quarter of the width, more to keep a label's words whole, at most LABEL_MAX. */
  size_t label_max = width / 4;
  if (label_word > label_max) label_max = label_word < width / 3 ? label_word : width / 3;
  if (label_max > LABEL_MAX) label_max = LABEL_MAX;
  lay.label_width = label < label_max ? label : label_max;
  size_t fixed = lay.label_width + 4; /* "│ " label " " and the closing "│" */

  size_t n = t->column_count;
  lay.want = cjm_xcalloc(n ? n : 1, sizeof *lay.want);
  lay.natural = cjm_xcalloc(n ? n : 1, sizeof *lay.natural);
  for (size_t c = 0; c < n; c++) {
    size_t word;
    measure_column(t, c, options->ascii, &lay.natural[c], &word);
    if (!t->columns[c].step && lay.natural[c] < cjm_tgrid_text_width(STAGE_ONLY)) lay.natural[c] = cjm_tgrid_text_width(STAGE_ONLY);
    size_t want = lay.natural[c] < COLUMN_WANT ? lay.natural[c] : COLUMN_WANT;
    if (word > want) want = word < COLUMN_WANT ? word : COLUMN_WANT;
    if (want < COLUMN_MIN) want = lay.natural[c] > COLUMN_MIN ? COLUMN_MIN : lay.natural[c];
    if (want < 2) want = 2; /* room for one CJK character */
    size_t room = width > fixed + 5 ? width - fixed - 3 : 2;
    lay.want[c] = want < room ? want : room;
  }

  print_title(t, width, out);
  size_t *ends = cjm_xcalloc(n ? n : 1, sizeof *ends);
  size_t *widths = cjm_xcalloc(n ? n : 1, sizeof *widths);
  size_t blocks = plan_blocks(t, lay.want, fixed, width, ends);
  for (size_t b = 0, start = 0; b < blocks; start = ends[b++]) {
    cjm_strbuf_puts(out, "\n");
    fit_block(&lay, start, ends[b], fixed, width, widths);
    print_block(&lay, start, ends[b], widths, out);
  }
  free(widths);
  free(ends);
  free(lay.want);
  free(lay.natural);
  cjm_table_free(t);
  cjm_words_end(words_before);
  return true;
}
