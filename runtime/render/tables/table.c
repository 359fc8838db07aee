/* table — see table.h. One pass over the columns per row. */
#include "runtime/render/tables/table.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/base/grow.h"
#include "runtime/core/budget.h"
#include "runtime/core/present.h"
#include "runtime/core/words.h"

/* ---- headings ------------------------------------------------------------------ */

const cjm_table_heading cjm_table_headings[] = {
    {CJM_ROW_ACTIONS, NULL, CJM_N_("Actions")},
    {CJM_ROW_LANE, "action", CJM_N_("Action details")},
    {CJM_ROW_CHANNELS, NULL, CJM_N_("Channels")},
    {CJM_ROW_LANE, "touchpoint", CJM_N_("Touchpoints")},
    {CJM_ROW_LANE, "thought", CJM_N_("Thoughts")},
    {CJM_ROW_FEEL, NULL, CJM_TABLE_FEEL},
    {CJM_ROW_LANE, "pain", CJM_N_("Pains")},
    {CJM_ROW_LANE, "opportunity", CJM_N_("Opportunities")},
    {CJM_ROW_LANE, "need", CJM_N_("Needs")},
    {CJM_ROW_LANE, "note", CJM_N_("Notes")},
    {CJM_ROW_ACTIONS, NULL, NULL},
};

const char *cjm_table_heading_of(cjm_table_row_kind kind, const char *lane) {
  for (const cjm_table_heading *h = cjm_table_headings; h->label; h++)
    if (h->kind == kind && (!lane || (h->lane && strcmp(h->lane, lane) == 0))) return h->label;
  return NULL;
}

void cjm_table_put_scale_line(cjm_strbuf *out, const cjm_model *model) {
  cjm_strbuf scale = {0};
  cjm_present_number(&scale, model->journey.scale_min);
  cjm_strbuf_puts(&scale, "..");
  cjm_present_number(&scale, model->journey.scale_max);
  cjm_status status = model->journey.status;
  cjm_strbuf_printf(out,
                    status == CJM_STATUS_AS_IS   ? cjm_tr("As-is journey, feel on a scale of %s")
                    : status == CJM_STATUS_TO_BE ? cjm_tr("To-be journey, feel on a scale of %s")
                                                 : cjm_tr("Journey, feel on a scale of %s"),
                    scale.data);
  cjm_strbuf_free(&scale);
}

/* ---- who an entry speaks for ---------------------------------------------- */

/* Whether a stage's own entries give it a column under the filter. */
static bool stage_column_wanted(const cjm_stage *stage, const cjm_persona *filter) {
  const cjm_moment *mo = &stage->moment;
  bool neutral = mo->via_count || mo->measure_count; /* shown for whoever takes part */
  if (!filter) return neutral || mo->feel_count || mo->entry_count;
  if (cjm_moment_speaks_for(mo, filter)) return true;
  return neutral && (!mo->by_count || cjm_personas_include(mo->by, mo->by_count, filter));
}

/* ---- building ------------------------------------------------------------------ */

/* The columns of each step and each stage's own column, for lookups. */
typedef struct column_index {
  size_t *step_column;  /* [step_count]: column of each step, SIZE_MAX if none */
  size_t *stage_column; /* [stage_count]: a stage's own column, SIZE_MAX if none */
} column_index;

static void add_column(cjm_table *t, const cjm_stage *stage, const cjm_step *step, size_t group) {
  *CJM_PUSH(t->columns, t->column_count, t->column_capacity) = (cjm_table_column){stage, step, group};
}

static void build_columns(cjm_table *t, column_index *index) {
  const cjm_model *m = t->model;
  t->groups = cjm_xcalloc(m->stage_count ? m->stage_count : 1, sizeof *t->groups);
  for (size_t s = 0; s < m->stage_count; s++) {
    const cjm_stage *stage = m->stages[s];
    size_t shown = 0;
    for (size_t k = 0; k < stage->step_count; k++) shown += cjm_step_shown_for(stage->steps[k], t->persona);
    cjm_table_group *g = &t->groups[t->group_count];
    *g = (cjm_table_group){stage, t->column_count, 0};
    if (shown == 0 || stage_column_wanted(stage, t->persona)) {
      index->stage_column[s] = t->column_count;
      add_column(t, stage, NULL, t->group_count);
    }
    for (size_t k = 0; k < stage->step_count; k++) {
      const cjm_step *step = stage->steps[k];
      if (!cjm_step_shown_for(step, t->persona)) continue;
      index->step_column[step->decl.index] = t->column_count;
      add_column(t, stage, step, t->group_count);
    }
    g->count = t->column_count - g->first;
    t->group_count++;
  }
}

static const cjm_moment *column_moment(const cjm_table_column *c) {
  return c->step ? &c->step->moment : &c->stage->moment;
}

static cjm_table_row *add_row(cjm_table *t, cjm_table_row_kind kind, const char *label) {
  cjm_table_row *row = CJM_PUSH(t->rows, t->row_count, t->row_capacity);
  *row = (cjm_table_row){.kind = kind, .label = cjm_xstrdup(label)}; /* translated by the caller */
  row->cells = cjm_xcalloc(t->column_count ? t->column_count : 1, sizeof *row->cells);
  return row;
}

static void free_row(const cjm_table *t, cjm_table_row *row) {
  for (size_t c = 0; c < t->column_count; c++) free(row->cells[c].items);
  free(row->cells);
  free(row->label);
}

/* Keeps the row just added only when it has something. */
static void finish_row(cjm_table *t) {
  cjm_table_row *row = &t->rows[t->row_count - 1];
  for (size_t c = 0; c < t->column_count; c++)
    if (row->cells[c].count > row->max_items) row->max_items = row->cells[c].count;
  if (row->max_items) return;
  free_row(t, row);
  t->row_count--;
}

static void add_item(cjm_table_cell *cell, cjm_table_item item) {
  *CJM_PUSH(cell->items, cell->count, cell->capacity) = item;
}

/* The persona an entry names with `for`, when the table shows several. */
static const cjm_persona *marker(const cjm_table *t, const cjm_speakers *speakers) {
  if (t->persona || speakers->source != CJM_SPEAKERS_FOR || t->model->persona_count < 2 || speakers->count != 1)
    return NULL;
  return speakers->items[0];
}

static void build_actions(cjm_table *t) {
  cjm_table_row *row = add_row(t, CJM_ROW_ACTIONS, cjm_tr(cjm_table_heading_of(CJM_ROW_ACTIONS, NULL)));
  for (size_t c = 0; c < t->column_count; c++) {
    const cjm_step *step = t->columns[c].step;
    if (step) add_item(&row->cells[c], (cjm_table_item){.kind = CJM_ITEM_TEXT, .text = cjm_decl_label(&step->decl)});
  }
  finish_row(t);
}

static void build_channels(cjm_table *t) {
  cjm_table_row *row = add_row(t, CJM_ROW_CHANNELS, cjm_tr(cjm_table_heading_of(CJM_ROW_CHANNELS, NULL)));
  for (size_t c = 0; c < t->column_count; c++) {
    const cjm_moment *mo = column_moment(&t->columns[c]);
    for (size_t i = 0; i < mo->via_count; i++)
      add_item(&row->cells[c], (cjm_table_item){.kind = CJM_ITEM_TEXT, .text = cjm_decl_label(&mo->via[i]->decl)});
  }
  finish_row(t);
}

static void build_lane(cjm_table *t, const cjm_lane *lane, const char *label) {
  if (!lane) return;
  cjm_table_row *row = add_row(t, CJM_ROW_LANE, label);
  row->lane = lane;
  for (size_t c = 0; c < t->column_count; c++) {
    const cjm_moment *mo = column_moment(&t->columns[c]);
    for (size_t i = 0; i < mo->entry_count; i++) {
      const cjm_lane_entry *e = &mo->entries[i];
      if (e->lane != lane || (t->persona && !cjm_speaks_for(&e->speakers, t->persona))) continue;
      add_item(&row->cells[c], (cjm_table_item){.kind = CJM_ITEM_TEXT, .text = e->text,
                                                 .persona = marker(t, &e->speakers)});
    }
  }
  finish_row(t);
}

/* The feel row of persona, or of every feel when persona is NULL. */
static void build_feel(cjm_table *t, const cjm_persona *persona) {
  char label[512];
  /* CJM_TABLE_FEEL in English, the words `cjm import csv` reads */
  if (persona) snprintf(label, sizeof label, cjm_tr("Feel: %s"), persona->decl.id);
  else snprintf(label, sizeof label, "%s", cjm_tr("Feel"));
  cjm_table_row *row = add_row(t, CJM_ROW_FEEL, label);
  row->persona = persona;
  for (size_t c = 0; c < t->column_count; c++) {
    const cjm_moment *mo = column_moment(&t->columns[c]);
    for (size_t i = 0; i < mo->feel_count; i++) {
      const cjm_feel *f = &mo->feels[i];
      if (persona && !cjm_speaks_for(&f->speakers, persona)) continue;
      add_item(&row->cells[c], (cjm_table_item){.kind = CJM_ITEM_FEEL, .text = f->word, .feel = f});
    }
  }
  finish_row(t);
}

static void build_metric(cjm_table *t, const cjm_metric_analysis *ma, const column_index *index) {
  cjm_table_row *row = add_row(t, CJM_ROW_METRIC, cjm_decl_label(&ma->metric->decl));
  row->metric = ma->metric;
  for (size_t i = 0; i < ma->observation_count; i++) {
    const cjm_observation *o = &ma->observations[i];
    if (!o->stage) continue; /* a journey-level measure has no column */
    size_t c = o->step ? index->step_column[o->step->decl.index] : index->stage_column[o->stage->decl.index];
    if (c == SIZE_MAX) continue;
    add_item(&row->cells[c], (cjm_table_item){.kind = CJM_ITEM_MEASURE, .observation = o});
  }
  finish_row(t);
}

static const cjm_lane *builtin_lane(const cjm_model *m, const char *id) {
  for (size_t i = 0; i < m->lane_count; i++)
    if (m->lanes[i]->builtin && strcmp(m->lanes[i]->decl.id, id) == 0) return m->lanes[i];
  return NULL;
}

/* The row of the built-in lane called id, under its heading. */
static void build_builtin_lane(cjm_table *t, const char *id) {
  const cjm_lane *lane = builtin_lane(t->model, id);
  /* a built-in lane the journey relabelled (`lane pain "課題"`) is headed by its label */
  if (lane && lane->decl.relabelled) build_lane(t, lane, cjm_decl_label(&lane->decl));
  else build_lane(t, lane, cjm_tr(cjm_table_heading_of(CJM_ROW_LANE, id)));
}

bool cjm_table_within_budget(const cjm_model *model, const cjm_persona *persona, cjm_diags *diags) {
  /* a feel row per persona (or one), the lanes, the metrics, actions and channels */
  size_t rows = (persona || !model->persona_count ? 1 : model->persona_count) + model->lane_count +
                model->metric_count + 2;
  return cjm_within_budget(model, diags, "the grid", rows, model->step_count + model->stage_count,
                           "draw one persona's journey with --persona ID, or write the whole journey, "
                           "sparsely, with -T json");
}

cjm_table *cjm_table_build(const cjm_model *model, const cjm_analysis *analysis,
                           const cjm_persona *persona) {
  cjm_table *t = cjm_xcalloc(1, sizeof *t);
  t->model = model;
  t->analysis = analysis;
  t->persona = persona;
  column_index index = {
      .step_column = cjm_xmalloc((model->step_count ? model->step_count : 1) * sizeof(size_t)),
      .stage_column = cjm_xmalloc((model->stage_count ? model->stage_count : 1) * sizeof(size_t)),
  };
  for (size_t i = 0; i < model->step_count; i++) index.step_column[i] = SIZE_MAX;
  for (size_t i = 0; i < model->stage_count; i++) index.stage_column[i] = SIZE_MAX;
  build_columns(t, &index);

  build_actions(t);
  build_builtin_lane(t, "action");
  build_channels(t);
  build_builtin_lane(t, "touchpoint");
  build_builtin_lane(t, "thought");
  if (persona) build_feel(t, persona);
  else if (model->persona_count == 0) build_feel(t, NULL);
  else
    for (size_t p = 0; p < model->persona_count; p++) build_feel(t, model->personas[p]);
  build_builtin_lane(t, "pain");
  build_builtin_lane(t, "opportunity");
  build_builtin_lane(t, "need");
  for (size_t i = 0; i < model->lane_count; i++)
    if (!model->lanes[i]->builtin) build_lane(t, model->lanes[i], cjm_decl_label(&model->lanes[i]->decl));
  for (size_t i = 0; i < model->metric_count; i++) build_metric(t, &analysis->metrics[i], &index);
  build_builtin_lane(t, "note");

  free(index.step_column);
  free(index.stage_column);
  return t;
}

void cjm_table_free(cjm_table *table) {
  if (!table) return;
  for (size_t r = 0; r < table->row_count; r++) free_row(table, &table->rows[r]);
  free(table->rows);
  free(table->columns);
  free(table->groups);
  free(table);
}

/* ---- numbers ------------------------------------------------------------------- */

double cjm_table_feel_position(const cjm_model *model, double score) {
  double min = model->journey.scale_min, max = model->journey.scale_max;
  if (!(max > min)) return 0.5;
  double p = (score - min) / (max - min);
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

void cjm_table_put_item(cjm_strbuf *out, const cjm_table *table, const cjm_table_item *item) {
  switch (item->kind) {
  case CJM_ITEM_TEXT:
    if (item->persona) cjm_strbuf_printf(out, "%s: ", item->persona->decl.id);
    cjm_strbuf_puts(out, item->text);
    break;
  case CJM_ITEM_FEEL:
    cjm_present_score(out, table->model, item->feel->score);
    if (item->text) cjm_strbuf_printf(out, " %s", item->text);
    break;
  case CJM_ITEM_MEASURE:
    cjm_present_measure(out, item->observation->measure, true);
    break;
  }
}
