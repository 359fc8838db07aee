/* render_md — the journey grid as a GitHub-flavoured Markdown table
 * (render_tables.h). User text is escaped by md_text.h so that it shows
 * as written and never breaks the table. Several items in one cell are
 * separated by <br>, each after a bullet. A feel shows a face and its
 * number. */
#include <stdlib.h>
#include <string.h>

#include "runtime/base/md_text.h"
#include "runtime/render/tables/tables.h"
#include "runtime/render/tables/table.h"
#include "runtime/core/present.h"
#include "runtime/core/words.h"

/* ---- cells ------------------------------------------------------------------------ */

/* A face for where a feel stands on the scale. */
static const char *face(double position) {
  return position < 0.2 ? "😣" : position < 0.4 ? "🙁" : position < 0.6 ? "😐" : position < 0.8 ? "🙂" : "😄";
}

static void put_item(cjm_strbuf *out, const cjm_table *t, const cjm_table_item *item) {
  if (item->kind == CJM_ITEM_FEEL)
    cjm_strbuf_printf(out, "%s ", face(cjm_table_feel_position(t->model, item->feel->score)));
  cjm_strbuf s = {0};
  cjm_table_put_item(&s, t, item);
  if (s.data) cjm_md_escape(out, s.data, s.len);
  cjm_strbuf_free(&s);
  if (item->kind == CJM_ITEM_MEASURE) {
    cjm_target_result r = item->observation->result;
    if (r == CJM_TARGET_MET) cjm_strbuf_puts(out, " ✓");
    if (r == CJM_TARGET_MISSED) cjm_strbuf_puts(out, " ✗");
  }
}

static void put_cell(cjm_strbuf *out, const cjm_table *t, const cjm_table_row *row, size_t c) {
  const cjm_table_cell *cell = &row->cells[c];
  cjm_strbuf_puts(out, " ");
  if (row->kind == CJM_ROW_ACTIONS && !t->columns[c].step) cjm_strbuf_printf(out, "*%s*", cjm_tr("(whole stage)"));
  for (size_t i = 0; i < cell->count; i++) {
    if (i) cjm_strbuf_puts(out, "<br>");
    if (cell->count > 1) cjm_strbuf_puts(out, "• ");
    put_item(out, t, &cell->items[i]);
  }
  cjm_strbuf_puts(out, " |");
}

static void put_row_label(cjm_strbuf *out, const cjm_table_row *row) {
  cjm_strbuf_puts(out, "| **");
  cjm_md_escape_str(out, row->label);
  cjm_strbuf_puts(out, "**");
  if (row->kind == CJM_ROW_METRIC && row->metric->has_target) {
    cjm_strbuf s = {0};
    cjm_strbuf_puts(&s, cjm_tr("target "));
    cjm_present_target(&s, row->metric, false);
    cjm_strbuf_puts(out, "<br>");
    cjm_md_escape(out, s.data, s.len);
    cjm_strbuf_free(&s);
  }
  cjm_strbuf_puts(out, " |");
}

/* ---- the document ----------------------------------------------------------------- */

static void put_heading(cjm_strbuf *out, const cjm_table *t) {
  const cjm_model *m = t->model;
  cjm_strbuf_puts(out, "## ");
  cjm_md_escape_str(out, m->journey.title ? m->journey.title : cjm_tr("Journey"));
  cjm_strbuf_puts(out, "\n\n");
  cjm_table_put_scale_line(out, m);
  /* TRANSLATORS: the full stop that ends the line above, after the scale. */
  cjm_strbuf_puts(out, cjm_tr("."));
  bool first = true;
  for (size_t p = 0; p < m->persona_count; p++) {
    const cjm_persona *persona = m->personas[p];
    if (t->persona && t->persona != persona) continue;
    cjm_strbuf_puts(out, first ? "\n\n" : "<br>\n");
    first = false;
    cjm_strbuf_puts(out, "**");
    cjm_md_escape_str(out, persona->decl.id);
    cjm_strbuf_puts(out, "**: ");
    cjm_md_escape_str(out, cjm_decl_label(&persona->decl));
    if (persona->kind == CJM_COMPANY) cjm_strbuf_puts(out, cjm_tr(" (company)"));
  }
  cjm_strbuf_puts(out, "\n\n");
}

bool cjm_render_md(const cjm_model *model, const cjm_analysis *analysis,
                   const cjm_render_options *options, cjm_strbuf *out, cjm_diags *diags) {
  if (!cjm_table_within_budget(model, options->persona, diags)) return false;
  cjm_language words_before = cjm_words_begin(cjm_language_for(model, options->lang));
  cjm_table *t = cjm_table_build(model, analysis, options->persona);
  put_heading(out, t);

  cjm_strbuf_puts(out, "| ");
  cjm_md_escape_str(out, cjm_tr("Stage"));
  cjm_strbuf_puts(out, " |");
  for (size_t c = 0; c < t->column_count; c++) {
    const cjm_table_group *g = &t->groups[t->columns[c].group];
    cjm_strbuf_puts(out, " ");
    if (g->first == c) cjm_md_escape_str(out, cjm_decl_label(&g->stage->decl));
    cjm_strbuf_puts(out, " |");
  }
  cjm_strbuf_puts(out, "\n| --- |");
  for (size_t c = 0; c < t->column_count; c++) cjm_strbuf_puts(out, " --- |");
  cjm_strbuf_puts(out, "\n");
  for (size_t r = 0; r < t->row_count; r++) {
    const cjm_table_row *row = &t->rows[r];
    put_row_label(out, row);
    for (size_t c = 0; c < t->column_count; c++) put_cell(out, t, row, c);
    cjm_strbuf_puts(out, "\n");
  }
  cjm_table_free(t);
  cjm_words_end(words_before);
  return true;
}
