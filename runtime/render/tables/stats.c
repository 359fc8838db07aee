/* stats — see stats.h. The analysis is first put into small tables of
 * strings (one per part), then printed as text or Markdown. */
#include "runtime/render/tables/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/render/tables/json_doc.h"
#include "runtime/base/md_text.h"
#include "runtime/render/tables/table.h"
#include "runtime/render/tables/text_grid.h"
#include "runtime/core/budget.h"
#include "runtime/core/present.h"
#include "runtime/core/words.h"

enum { DEFAULT_WIDTH = 100 };

/* One part of the analysis as a table of strings. */
typedef struct part {
  const char *title;
  char **cells;                /* [rows * cols], row 0 the header (malloc'd) */
  size_t rows, cols;
  char *note;                  /* a sentence after the table, or NULL (malloc'd) */
} part;

/* Every part, in print order. */
typedef struct report {
  char *summary;               /* the sentence under the title (malloc'd) */
  part parts[6];
  size_t part_count;
} report;

/* ---- building strings ------------------------------------------------------------- */

/* The text of s, which it gives up, in a block of its own size (a strbuf
 * starts at 4 KB, and a report may keep millions of cells). */
static char *take(cjm_strbuf *s) { return s->data ? cjm_xrealloc(s->data, s->len + 1) : cjm_xstrdup(""); }

static char *dup_printf(const char *fmt, const char *arg) {
  cjm_strbuf s = {0};
  cjm_strbuf_printf(&s, fmt, arg);
  return take(&s);
}

/* A mean on the journey's scale, "+0.50", "-1", "3.25"; a dash without scores. */
static char *mean_text(const cjm_model *m, const cjm_mean *mean) {
  if (!mean->count) return cjm_xstrdup("—");
  char buf[32];
  double v = cjm_mean_value(mean);
  snprintf(buf, sizeof buf, m->journey.scale_min < 0 && v > 0.0049 ? "%+.2f" : "%.2f", v);
  if (strcmp(buf, "-0.00") == 0) strcpy(buf, "0.00");
  return cjm_xstrdup(buf);
}

static char *count_text(size_t n) {
  char buf[32];
  snprintf(buf, sizeof buf, "%zu", n);
  return cjm_xstrdup(buf);
}

static part *new_part(report *r, const char *title, size_t rows, size_t cols) {
  part *p = &r->parts[r->part_count++];
  *p = (part){.title = title, .rows = rows, .cols = cols};
  p->cells = cjm_xcalloc(rows * cols > 0 ? rows * cols : 1, sizeof *p->cells);
  return p;
}

static void put(part *p, size_t row, size_t col, char *text) { p->cells[row * p->cols + col] = text; }

/* ---- the parts -------------------------------------------------------------------- */

static void stages_part(report *r, const cjm_analysis *a) {
  const cjm_model *m = a->model;
  size_t np = m->persona_count;
  if (!m->stage_count) return;
  part *p = new_part(r, cjm_tr("Stages"), m->stage_count + 1, 5 + np);
  put(p, 0, 0, cjm_xstrdup(cjm_tr("Stage")));
  put(p, 0, 1, cjm_xstrdup(cjm_tr("Mean feel")));
  put(p, 0, 2, cjm_xstrdup(cjm_tr("Feels")));
  for (size_t k = 0; k < np; k++) put(p, 0, 3 + k, dup_printf(cjm_tr("Feel: %s"), m->personas[k]->decl.id));
  put(p, 0, 3 + np, cjm_xstrdup(cjm_tr("Pains")));
  put(p, 0, 4 + np, cjm_xstrdup(cjm_tr("Opportunities")));
  cjm_strbuf gaps = {0};
  for (size_t s = 0; s < m->stage_count; s++) {
    const cjm_stage_analysis *sa = &a->stages[s];
    put(p, s + 1, 0, cjm_xstrdup(cjm_decl_label(&m->stages[s]->decl)));
    put(p, s + 1, 1, mean_text(m, &sa->feel));
    put(p, s + 1, 2, count_text(sa->feel.count));
    for (size_t k = 0; k < np; k++) {
      cjm_mean feel = cjm_analysis_stage_persona(a, s, k);
      put(p, s + 1, 3 + k, mean_text(m, &feel));
    }
    put(p, s + 1, 3 + np, count_text(sa->pain_count));
    put(p, s + 1, 4 + np, count_text(sa->opportunity_count));
    if (cjm_stage_pain_without_opportunity(sa))
      cjm_strbuf_printf(&gaps, "%s%s", gaps.len ? cjm_tr(", ") : "", cjm_decl_label(&m->stages[s]->decl));
  }
  if (gaps.len) {
    cjm_strbuf note = {0};
    cjm_strbuf_printf(&note, cjm_tr("Stages with pains but no opportunity: %s."), gaps.data);
    p->note = take(&note);
  } else {
    p->note = cjm_xstrdup(cjm_tr("Every stage with a pain has an opportunity."));
  }
  cjm_strbuf_free(&gaps);
}

/* "-2 exhausted: Step label (Stage label)". */
static char *moment_text(const cjm_model *m, const cjm_moment_ref *ref) {
  if (!ref->feel) return cjm_xstrdup("—");
  cjm_strbuf s = {0};
  cjm_present_score(&s, m, ref->feel->score);
  if (ref->feel->word) cjm_strbuf_printf(&s, " %s", ref->feel->word);
  if (ref->step)
    cjm_strbuf_printf(&s, ": %s (%s)", cjm_decl_label(&ref->step->decl), cjm_decl_label(&ref->stage->decl));
  else cjm_strbuf_printf(&s, cjm_tr(": stage %s"), cjm_decl_label(&ref->stage->decl));
  return take(&s);
}

static void personas_part(report *r, const cjm_analysis *a) {
  const cjm_model *m = a->model;
  if (!m->persona_count) return;
  part *p = new_part(r, cjm_tr("Personas"), m->persona_count + 1, 5);
  const char *head[] = {CJM_N_("Persona"), CJM_N_("Mean feel"), CJM_N_("Feels"), CJM_N_("Lowest moment"),
                        CJM_N_("Highest moment")};
  for (size_t c = 0; c < 5; c++) put(p, 0, c, cjm_xstrdup(cjm_tr(head[c])));
  for (size_t k = 0; k < m->persona_count; k++) {
    const cjm_persona_analysis *pa = &a->personas[k];
    cjm_strbuf who = {0};
    cjm_strbuf_printf(&who, "%s: %s", m->personas[k]->decl.id, cjm_decl_label(&m->personas[k]->decl));
    put(p, k + 1, 0, take(&who));
    put(p, k + 1, 1, mean_text(m, &pa->feel));
    put(p, k + 1, 2, count_text(pa->feel.count));
    put(p, k + 1, 3, moment_text(m, &pa->lowest));
    put(p, k + 1, 4, moment_text(m, &pa->highest));
  }
}

static void metrics_part(report *r, const cjm_analysis *a, bool ascii) {
  const cjm_model *m = a->model;
  if (!m->metric_count) return;
  size_t rows = 1;
  for (size_t i = 0; i < m->metric_count; i++)
    rows += a->metrics[i].observation_count ? a->metrics[i].observation_count : 1;
  part *p = new_part(r, cjm_tr("Metrics"), rows, 5);
  const char *head[] = {CJM_N_("Metric"), CJM_N_("Target"), CJM_N_("Where"), CJM_N_("Value"), CJM_N_("Result")};
  for (size_t c = 0; c < 5; c++) put(p, 0, c, cjm_xstrdup(cjm_tr(head[c])));
  size_t row = 1;
  for (size_t i = 0; i < m->metric_count; i++) {
    const cjm_metric_analysis *ma = &a->metrics[i];
    cjm_strbuf target = {0};
    cjm_present_target(&target, ma->metric, ascii);
    put(p, row, 0, cjm_xstrdup(cjm_decl_label(&ma->metric->decl)));
    put(p, row, 1, ma->metric->has_target ? take(&target) : cjm_xstrdup("—"));
    if (!ma->metric->has_target) cjm_strbuf_free(&target);
    if (!ma->observation_count) {
      put(p, row, 2, cjm_xstrdup("—"));
      put(p, row, 3, cjm_xstrdup("—"));
      put(p, row++, 4, cjm_xstrdup(cjm_tr("not observed")));
      continue;
    }
    for (size_t k = 0; k < ma->observation_count; k++, row++) {
      const cjm_observation *o = &ma->observations[k];
      if (k) {
        put(p, row, 0, cjm_xstrdup(""));
        put(p, row, 1, cjm_xstrdup(""));
      }
      const char *where = o->step    ? cjm_decl_label(&o->step->decl)
                          : o->stage ? cjm_decl_label(&o->stage->decl)
                                     : cjm_tr("journey");
      put(p, row, 2, cjm_xstrdup(where));
      cjm_strbuf value = {0};
      cjm_present_measure(&value, o->measure, true);
      put(p, row, 3, take(&value));
      put(p, row, 4, cjm_xstrdup(o->result == CJM_TARGET_MET ? cjm_tr("met") : o->result == CJM_TARGET_MISSED ? cjm_tr("missed") : "—"));
    }
  }
}

/* A matrix of counts: one row per item, one column per stage; rows that
 * are all zero are left out and named in the note. */
static void matrix_part(report *r, const cjm_analysis *a, const char *title, const char *corner,
                        void *const *items, size_t count, size_t (*at)(const cjm_analysis *, size_t, size_t)) {
  const cjm_model *m = a->model;
  if (!count || !m->stage_count) return;
  size_t shown = 0;
  bool *used = cjm_xcalloc(count, sizeof *used);
  for (size_t i = 0; i < count; i++) {
    for (size_t s = 0; s < m->stage_count; s++) used[i] |= at(a, i, s) > 0;
    shown += used[i];
  }
  part *p = new_part(r, title, shown + 1, m->stage_count + 1);
  put(p, 0, 0, cjm_xstrdup(corner));
  for (size_t s = 0; s < m->stage_count; s++) put(p, 0, s + 1, cjm_xstrdup(cjm_decl_label(&m->stages[s]->decl)));
  cjm_strbuf unused = {0};
  for (size_t i = 0, row = 1; i < count; i++) {
    const cjm_decl *d = items[i];
    if (!used[i]) {
      cjm_strbuf_printf(&unused, "%s%s", unused.len ? cjm_tr(", ") : "", d->id);
      continue;
    }
    put(p, row, 0, cjm_xstrdup(cjm_decl_label(d)));
    for (size_t s = 0; s < m->stage_count; s++) put(p, row, s + 1, count_text(at(a, i, s)));
    row++;
  }
  if (unused.len) {
    cjm_strbuf note = {0};
    cjm_strbuf_printf(&note, cjm_tr("In no stage: %s."), unused.data);
    p->note = take(&note);
  }
  cjm_strbuf_free(&unused);
  free(used);
}

static void build_report(report *r, const cjm_analysis *a, bool ascii) {
  const cjm_model *m = a->model;
  *r = (report){0};
  cjm_strbuf scale = {0}, feel = {0}, stages = {0}, steps = {0}, personas = {0}, s = {0};
  cjm_present_number(&scale, m->journey.scale_min);
  cjm_strbuf_puts(&scale, "..");
  cjm_present_number(&scale, m->journey.scale_max);
  if (a->overall.count) {
    char *overall = mean_text(m, &a->overall);
    cjm_strbuf_printf(&feel,
                      cjm_ntr("Mean feel %s over %zu feel, on a scale of %s",
                              "Mean feel %s over %zu feels, on a scale of %s", a->overall.count),
                      overall, a->overall.count, scale.data);
    free(overall);
  } else {
    cjm_strbuf_printf(&feel, cjm_tr("No feel recorded; the scale is %s"), scale.data);
  }
  cjm_strbuf_printf(&stages, cjm_ntr("%zu stage", "%zu stages", m->stage_count), m->stage_count);
  cjm_strbuf_printf(&steps, cjm_ntr("%zu step", "%zu steps", m->step_count), m->step_count);
  cjm_strbuf_printf(&personas, cjm_ntr("%zu persona", "%zu personas", m->persona_count), m->persona_count);
  /* TRANSLATORS: the summary of cjm stats: the feel, then the counts of stages, steps and personas. */
  cjm_strbuf_printf(&s, cjm_tr("%s; %s, %s, %s."), feel.data, stages.data, steps.data, personas.data);
  cjm_strbuf_free(&scale);
  cjm_strbuf_free(&feel);
  cjm_strbuf_free(&stages);
  cjm_strbuf_free(&steps);
  cjm_strbuf_free(&personas);
  r->summary = take(&s);
  stages_part(r, a);
  personas_part(r, a);
  metrics_part(r, a, ascii);
  matrix_part(r, a, cjm_tr("Coverage: how often each persona appears in each stage"), cjm_tr("Persona"),
              (void *const *)m->personas, m->persona_count, cjm_analysis_coverage);
  matrix_part(r, a, cjm_tr("Channels: how many moments of each stage use each channel"), cjm_tr("Channel"),
              (void *const *)m->channels, m->channel_count, cjm_analysis_channel_use);
}

static void free_report(report *r) {
  for (size_t i = 0; i < r->part_count; i++) {
    part *p = &r->parts[i];
    for (size_t c = 0; c < p->rows * p->cols; c++) free(p->cells[c]);
    free(p->cells);
    free(p->note);
  }
  free(r->summary);
}

static const char *title_of(const cjm_model *m) { return m->journey.title ? m->journey.title : cjm_tr("Journey"); }

/* ---- text ------------------------------------------------------------------------- */

/* Prints text wrapped to width, without borders. */
static void put_wrapped(cjm_strbuf *out, const char *text, size_t width) {
  cjm_tgrid grid;
  cjm_tgrid_init(&grid, 1);
  cjm_tgrid_cell *cell = cjm_tgrid_add_cell(cjm_tgrid_add_row(&grid), 0, 1);
  cjm_tgrid_wrap(cell, text, width, NULL, NULL, NULL);
  for (size_t l = 0; l < cell->line_count; l++) cjm_strbuf_printf(out, "%s\n", cell->lines[l].text);
  cjm_tgrid_free(&grid);
}

/* Narrows the widest of the columns cols[0..n) above its floor by one
 * until total fits width; returns the total reached. */
static size_t narrow(size_t *widths, const size_t *floors, const size_t *cols, size_t n, size_t total,
                     size_t width) {
  while (total > width) {
    size_t widest = n;
    for (size_t k = 0; k < n; k++) {
      size_t c = cols[k];
      if (widths[c] > floors[c] && (widest == n || widths[c] > widths[cols[widest]])) widest = k;
    }
    if (widest == n) break;
    widths[cols[widest]]--;
    total--;
  }
  return total;
}

/* How a part's table is laid out for the width: the row header (column 0)
 * starts every block, the other columns are split between blocks. */
typedef struct part_layout {
  size_t *natural;             /* [cols] the widest text of each column on one line */
  size_t *floors;              /* [cols] its longest word, or less when the page is narrower */
  size_t *widths;              /* [cols] the widths given */
  size_t *order;               /* [cols] column 0, then the columns of the block being drawn */
  size_t *ends;                /* [cols] where each block ends (exclusive) */
  size_t blocks;
} part_layout;

/* Splits columns 1.. into blocks whose floors fit in width after the row
 * header (fixed columns), at most max_cols columns a block (0: no limit).
 * Returns the number of blocks. */
static size_t plan_blocks(const part *p, const size_t *floors, size_t fixed, size_t width, size_t max_cols,
                          size_t *ends) {
  size_t blocks = 0;
  for (size_t c = 1; c < p->cols;) {
    size_t used = fixed, start = c;
    while (c < p->cols && (c == start || (used + floors[c] + 3 <= width && (!max_cols || c - start < max_cols))))
      used += floors[c++] + 3;
    ends[blocks++] = c;
  }
  return blocks;
}

/* Gives the row header the width label, every other column a floor of its
 * longest word (words[c]) or what a block leaves, and plans the blocks, as
 * even as their widths allow. Returns the number of blocks. */
static size_t header_blocks(const part *p, part_layout *lay, const size_t *words, size_t label, size_t width) {
  size_t fixed = label + 4, room = width - fixed - 3;
  lay->floors[0] = label;
  for (size_t c = 1; c < p->cols; c++) lay->floors[c] = words[c] < room ? words[c] : room;
  size_t blocks = plan_blocks(p, lay->floors, fixed, width, 0, lay->ends);
  size_t even = (p->cols - 1 + blocks - 1) / blocks; /* as many columns in each block as can be */
  size_t balanced = plan_blocks(p, lay->floors, fixed, width, even, lay->ends);
  if (balanced > blocks) plan_blocks(p, lay->floors, fixed, width, 0, lay->ends);
  return blocks;
}

/* Lays a part out: when every column fits at the width of its longest
 * word, one table narrowed from each column's natural width down to those
 * floors, widest first; else the row header at a third of the width at
 * most, and the other columns in blocks, as even as their widths allow,
 * each narrowed the same way. Only a word wider than a whole block is cut. */
static void lay_out_part(const part *p, size_t width, part_layout *lay) {
  size_t n = p->cols;
  *lay = (part_layout){
      .natural = cjm_xcalloc(n, sizeof(size_t)),
      .floors = cjm_xcalloc(n, sizeof(size_t)),
      .widths = cjm_xcalloc(n, sizeof(size_t)),
      .order = cjm_xcalloc(n, sizeof(size_t)),
      .ends = cjm_xcalloc(n, sizeof(size_t)),
  };
  size_t total = 1;
  for (size_t c = 0; c < n; c++) {
    lay->natural[c] = 1;
    for (size_t r = 0; r < p->rows; r++) {
      const char *cell = p->cells[r * n + c];
      size_t w = cjm_tgrid_text_width(cell), word = cjm_tgrid_longest_word(cell);
      if (w > lay->natural[c]) lay->natural[c] = w;
      if (word > lay->floors[c]) lay->floors[c] = word;
    }
    if (lay->floors[c] < 1) lay->floors[c] = 1;
    total += lay->floors[c] + 3;
  }
  if (total <= width || n == 1) {
    if (total > width) lay->floors[0] = width - 4; /* one column, one word wider than the page */
    lay->blocks = 1;
    lay->ends[0] = n;
    return;
  }
  /* The row header: its natural width, down to a third of the page or its
   * longest word, and narrower still while that saves a block. */
  size_t *words = cjm_xcalloc(n, sizeof(size_t));
  memcpy(words, lay->floors, n * sizeof(size_t));
  size_t widest = 0; /* the longest word of the other columns */
  for (size_t c = 1; c < n; c++)
    if (words[c] > widest) widest = words[c];
  size_t cap = (width - 7) / 2; /* at most half a block, more for a word when the others keep theirs */
  if (words[0] > cap && widest + 7 < width && width - 7 - widest >= words[0]) cap = words[0];
  size_t least = words[0] < cap ? words[0] : cap;
  size_t fewest = header_blocks(p, lay, words, least, width);
  size_t label = lay->natural[0], limit = width / 3 > words[0] ? width / 3 : words[0];
  if (label > limit) label = limit;
  if (label > cap) label = cap;
  while (label > least && header_blocks(p, lay, words, label, width) > fewest) label--;
  lay->blocks = header_blocks(p, lay, words, label, width);
  lay->natural[0] = label;
  for (size_t c = 1; c < n; c++)
    if (lay->natural[c] < lay->floors[c]) lay->natural[c] = lay->floors[c];
  free(words);
}

static void free_layout(part_layout *lay) {
  free(lay->natural);
  free(lay->floors);
  free(lay->widths);
  free(lay->order);
  free(lay->ends);
}

/* Draws the columns [start, end) of a part after its row header. */
static void text_block(const part *p, part_layout *lay, size_t start, size_t end, const cjm_render_options *o,
                       size_t width, cjm_strbuf *out) {
  size_t count = 0, total = 1;
  lay->order[count++] = 0;
  for (size_t c = start; c < end; c++) lay->order[count++] = c;
  for (size_t k = 0; k < count; k++) {
    lay->widths[lay->order[k]] = lay->natural[lay->order[k]];
    total += lay->natural[lay->order[k]] + 3;
  }
  narrow(lay->widths, lay->floors, lay->order, count, total, width);
  cjm_tgrid grid;
  cjm_tgrid_init(&grid, count);
  for (size_t k = 0; k < count; k++) grid.widths[k] = lay->widths[lay->order[k]];
  for (size_t r = 0; r < p->rows; r++) {
    cjm_tgrid_row *row = cjm_tgrid_add_row(&grid);
    row->header_end = r == 0;
    for (size_t k = 0; k < count; k++)
      cjm_tgrid_wrap(cjm_tgrid_add_cell(row, k, 1), p->cells[r * p->cols + lay->order[k]], grid.widths[k], NULL,
                     NULL, NULL);
  }
  cjm_tgrid_print(&grid, out, o->ascii, o->color);
  cjm_tgrid_free(&grid);
}

static void text_part(const part *p, const cjm_render_options *o, size_t width, cjm_strbuf *out) {
  cjm_strbuf_puts(out, "\n");
  put_wrapped(out, p->title, width);
  part_layout lay;
  lay_out_part(p, width, &lay);
  if (p->cols == 1) {
    text_block(p, &lay, 1, 1, o, width, out);
  } else {
    for (size_t b = 0, start = 1; b < lay.blocks; start = lay.ends[b++]) {
      if (b) cjm_strbuf_puts(out, "\n");
      text_block(p, &lay, start, lay.ends[b], o, width, out);
    }
  }
  free_layout(&lay);
  if (p->note) put_wrapped(out, p->note, width);
}

/* Whether the tables fit the budget of cells (core/budget.h): the Stages
 * part has a column per persona, Coverage a row per persona and a column
 * per stage. Reports a `limit` error when not. */
static bool report_within_budget(const cjm_model *model, cjm_diags *diags) {
  return cjm_within_budget(model, diags, "the tables of stats", model->persona_count + 5, model->stage_count + 1,
                           "-T json gives the same analysis, listing each stage's personas sparsely");
}

bool cjm_stats_text(const cjm_model *model, const cjm_analysis *analysis,
                    const cjm_render_options *options, cjm_strbuf *out, cjm_diags *diags) {
  if (!report_within_budget(model, diags)) return false;
  size_t width = options->width ? options->width : DEFAULT_WIDTH;
  report r;
  cjm_language words_before = cjm_words_begin(cjm_language_for(model, options->lang));
  build_report(&r, analysis, options->ascii);
  put_wrapped(out, title_of(model), width);
  put_wrapped(out, r.summary, width);
  for (size_t i = 0; i < r.part_count; i++) text_part(&r.parts[i], options, width, out);
  free_report(&r);
  cjm_words_end(words_before);
  return true;
}

/* ---- Markdown --------------------------------------------------------------------- */

static void md_part(const part *p, cjm_strbuf *out) {
  cjm_strbuf_puts(out, "\n### ");
  cjm_md_escape_str(out, p->title);
  cjm_strbuf_puts(out, "\n\n");
  for (size_t r = 0; r < p->rows; r++) {
    cjm_strbuf_puts(out, "|");
    for (size_t c = 0; c < p->cols; c++) {
      cjm_strbuf_puts(out, " ");
      cjm_md_escape_str(out, p->cells[r * p->cols + c]);
      cjm_strbuf_puts(out, " |");
    }
    cjm_strbuf_puts(out, "\n");
    if (r == 0) {
      cjm_strbuf_puts(out, "|");
      for (size_t c = 0; c < p->cols; c++) cjm_strbuf_puts(out, " --- |");
      cjm_strbuf_puts(out, "\n");
    }
  }
  if (p->note) {
    cjm_strbuf_puts(out, "\n");
    cjm_md_escape_str(out, p->note);
    cjm_strbuf_puts(out, "\n");
  }
}

bool cjm_stats_md(const cjm_model *model, const cjm_analysis *analysis,
                  const cjm_render_options *options, cjm_strbuf *out, cjm_diags *diags) {
  if (!report_within_budget(model, diags)) return false;
  report r;
  cjm_language words_before = cjm_words_begin(cjm_language_for(model, options->lang));
  build_report(&r, analysis, options->ascii);
  cjm_strbuf_puts(out, "## ");
  cjm_md_escape_str(out, title_of(model));
  cjm_strbuf_puts(out, "\n\n");
  cjm_md_escape_str(out, r.summary);
  cjm_strbuf_puts(out, "\n");
  for (size_t i = 0; i < r.part_count; i++) md_part(&r.parts[i], out);
  free_report(&r);
  cjm_words_end(words_before);
  return true;
}

/* ---- JSON ------------------------------------------------------------------------- */

bool cjm_stats_json(const cjm_model *model, const cjm_analysis *analysis,
                    const cjm_render_options *options, cjm_strbuf *out, cjm_diags *diags) {
  (void)options;
  (void)diags;
  cjm_json_write_stats(out, model, analysis);
  return true;
}
